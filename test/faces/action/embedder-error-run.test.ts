/**
 * An embedder whose error message carries workflow commands on lines of their own, run through the action:
 * none of its lines starts a log line (stdout or stderr), so no runner would take one for a command, with or
 * without the action's `::stop-commands::` around the core.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createWorkspace, EMBEDDERS, startServers, SWEEP_INPUTS } from './action-fixtures.js';
import { describeRun, runActionProcess } from './run-action-process.js';
import { parseWorkflowCommands } from './workflow-commands.js';

const workspace = createWorkspace();

test('an embedder error with ::error:: and ::set-output lines reaches the action log as quoted text', async (t) => {
  const { github, artifacts } = await startServers(t);
  const run = await runActionProcess(t, {
    event: 'workflow_dispatch',
    payload: 'workflow_dispatch.json',
    inputs: { ...SWEEP_INPUTS, mode: 'profile', embedder: join(EMBEDDERS, 'faulty-embedder.mjs') },
    github,
    artifacts,
    workspace,
    env: { EMBEDPROF_FAULT: 'inject' },
  });
  assert.equal(run.exitCode, 1, describeRun(run));
  const log = `${run.stdout}\n${run.stderr}`;
  const injected = parseWorkflowCommands(log.replace(/^::stop-commands::.*$/gm, '')).filter(
    (command) => /INJECTED/.test(command.message) || command.command === 'set-output',
  );
  assert.deepEqual(injected, [], describeRun(run));
  assert.doesNotMatch(log, /^::(error::INJECTED|set-output name=verdict::x)/m, describeRun(run));
  assert.match(log, /failed: first line ⏎ ::error::INJECTED ⏎ ::set-output name=verdict::x/);
});
