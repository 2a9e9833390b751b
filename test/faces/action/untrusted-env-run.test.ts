/**
 * User code in a pull_request run, run as the runner runs it: an embedder that dumps its whole environment, and
 * every other process's environment and command line it can read under /proc (the action's own process
 * included: its parent), and prints a workflow command, finds no token of any kind (GITHUB_TOKEN, the input's
 * token, ACTIONS_*, HF_TOKEN), and its `::warning::` line reaches the log as text, not as a command. The
 * secrets are unique to this run, so no other process on the machine can hold them by chance.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { createWorkspace, recordBaseline, startServers, SWEEP_INPUTS } from './action-fixtures.js';
import { describeRun, runActionProcess } from './run-action-process.js';
import { listMessages } from './workflow-commands.js';

const workspace = createWorkspace();
const NOSY_EMBEDDER = resolve('test/fixtures/embedders/nosy-embedder.mjs');
const UNIQUE = `${process.pid}x${process.hrtime.bigint()}`;
const INPUT_TOKEN = `ghs_inputTokenOfThisRun${UNIQUE}`;
const SECRETS = {
  GITHUB_TOKEN: `ghs_runnerTokenFromTheEnvironment${UNIQUE}`,
  HF_TOKEN: `hf_hubTokenOfTheRepository${UNIQUE}`,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: `oidc-request-token-${UNIQUE}`,
  ACTIONS_ID_TOKEN_REQUEST_URL: `https://token.actions.example/oidc/${UNIQUE}`,
};

/** The secrets found in the /proc dumps the embedder wrote, by dump file. */
function findSecretsInProcDumps(secrets: string[]): { leaks: string[]; parentSeen: boolean } {
  const dumps = readdirSync(workspace).filter((name) => name.startsWith('proc-dump.'));
  assert.ok(dumps.length >= 3, `one /proc dump per worker process: ${dumps.join(', ')}`);
  const texts = dumps.map((name) => [name, readFileSync(join(workspace, name), 'latin1')] as const);
  const leaks = texts.flatMap(([name, text]) =>
    secrets.filter((secret) => text.includes(secret)).map((secret) => `${name}: ${secret}`),
  );
  const parentSeen = texts.every(([, text]) => /^pid \d+ parent\n[^]*GITHUB_ACTIONS=true/m.test(text));
  return { leaks, parentSeen };
}

test('an embedder reading process.env and /proc in a pull_request run finds no token of any kind', async (t) => {
  recordBaseline(workspace);
  const { github, artifacts } = await startServers(t);
  const dump = join(workspace, 'env-dump');
  const run = await runActionProcess(t, {
    event: 'pull_request',
    payload: 'pull_request.opened.json',
    inputs: {
      ...SWEEP_INPUTS,
      ...{ embedder: NOSY_EMBEDDER, 'github-token': INPUT_TOKEN },
      ...{ 'compare-to': 'baseline', 'max-memory-growth': '3' },
    },
    github,
    artifacts,
    workspace,
    env: { ...SECRETS, EMBEDPROF_ENV_DUMP: dump, EMBEDPROF_PROC_DUMP: join(workspace, 'proc-dump') },
  });
  assert.equal(run.exitCode, 0, describeRun(run));
  const dumps = readdirSync(workspace).filter((name) => name.startsWith('env-dump.'));
  assert.ok(dumps.length >= 3, `one dump per worker process: ${dumps.join(', ')}`);
  const secrets = [INPUT_TOKEN, artifacts.token, ...Object.values(SECRETS)];
  for (const name of dumps) {
    const env = JSON.parse(readFileSync(join(workspace, name), 'utf8')) as Record<string, string>;
    const tokenNames = Object.keys(env).filter((key) => /TOKEN|^ACTIONS_|^INPUT_/i.test(key));
    assert.deepEqual(tokenNames, [], `${name}: variables user code must not see`);
    const leaked = secrets.filter((secret) => Object.values(env).some((value) => value.includes(secret)));
    assert.deepEqual(leaked, [], `${name}: secret values`);
  }
  const proc = findSecretsInProcDumps(secrets);
  assert.ok(proc.parentSeen, 'the embedder read the environment of the action process (its parent)');
  assert.deepEqual(proc.leaks, [], 'secrets in /proc/*/environ or cmdline');
  assert.deepEqual(
    listMessages(run.commands, 'warning').filter((m) => /printed by the embedder/.test(m)),
    [],
  );
  assert.match(`${run.stdout}\n${run.stderr}`, /^\[embedder\] ::warning::printed by the embedder$/m);
});
