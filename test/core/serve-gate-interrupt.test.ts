// Runs alone: it interrupts a serve gate that is measuring two real servers (SIGTERM), and checks that neither
// server nor the base worktree outlives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { ServeGateRequest } from '../../src/core/index.js';
import { createServerRepository, findProcesses, gateRequest, listWorktrees } from './serve-gate-fixture.js';

/** A node script that runs the serve gate of `request` in `repo` (JSON drops its names: the script adds its own). */
function writeGateScript(repo: string, request: ServeGateRequest): string {
  const core = resolve('build/src/core/index.js');
  const script = `
import { runServeGate } from ${JSON.stringify(pathToFileURL(core).href)};
const request = { ...${JSON.stringify(request)}, names: { describe: (i) => i, suggest: (i, e) => i + ' ' + e } };
const progress = { update() {}, note() {}, finish() {} };
await runServeGate(request, { cwd: ${JSON.stringify(repo)}, now: () => new Date(), progress });
`;
  const path = join(mkdtempSync(join(tmpdir(), 'embedprof-serve-gate-script-')), 'gate.mjs');
  writeFileSync(path, script);
  return path;
}

test('SIGTERM during the duet: both servers and the base worktree are gone, the process ends by the signal', async () => {
  const { repo, log } = createServerRepository();
  const request = gateRequest(repo, log, { timeBudgetSeconds: 600 });
  const child = spawn(
    process.execPath,
    [writeGateScript(repo, { ...request, plan: { ...request.plan, rounds: 50 } })],
    {
      cwd: repo,
      stdio: 'ignore',
    },
  );
  const exited = new Promise<NodeJS.Signals | null>((done) =>
    child.once('exit', (_code, signal) => done(signal)),
  );
  const bothStarted = () => existsSync(log) && readFileSync(log, 'utf8').trim().split('\n').length === 2;
  for (let waited = 0; waited < 30_000 && !bothStarted(); waited += 100) await sleep(100);
  assert.ok(bothStarted(), 'both servers started');
  const worktree =
    readFileSync(log, 'utf8')
      .split('\n')
      .find((line) => line.startsWith('v1 '))
      ?.split(' ')[1] ?? '';
  assert.ok(existsSync(worktree));
  await sleep(1500); // the duet is measuring
  child.kill('SIGTERM');
  assert.equal(await exited, 'SIGTERM');
  for (let waited = 0; waited < 5_000 && findProcesses(log).length > 0; waited += 100) await sleep(100);
  assert.deepEqual(findProcesses(log), [], 'no server outlives the gate');
  assert.equal(existsSync(worktree), false, 'the worktree is removed');
  assert.equal(listWorktrees(repo).length, 1);
});
