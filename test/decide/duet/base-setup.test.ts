/**
 * The base setup (user code, run through the shell) leads a process group of its own: a setup that outlasts
 * --base-setup-timeout is stopped with everything it started and is a stated reason naming the setting, and
 * SIGTERM during the setup leaves no process behind. Processes are found by a marker in their environment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import {
  createProcessMarker,
  waitFor,
  waitForNone,
  type ProcessMarker,
} from '../../helpers/process-marker.js';
import { createBaseRepository, runGit } from './git-fixture.js';

const CLI = resolve('build/src/faces/cli/main.js');

function startGate(repo: string, marker: ProcessMarker, args: string[]) {
  const flags = ['gate', '--quiet', '--against', 'HEAD', '--out', join(repo, 'out'), ...args];
  const child = spawn(process.execPath, [CLI, ...flags], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CI: 'true', ...marker.env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'exit', not 'close': a leftover process holding the stderr pipe must not delay the check for leftovers
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  const closed = new Promise<string>((done) => child.on('close', () => done(stderr)));
  return { child, exited, closed };
}

const setupRuns = (marker: ProcessMarker) => () =>
  marker.listCommands().some((command) => command.startsWith('sleep 60'));

test('a base setup that outlasts --base-setup-timeout is stopped, its processes with it, and the reason names the setting', async () => {
  const repo = createBaseRepository();
  const marker = createProcessMarker();
  try {
    const setup = ['--base-setup', 'sleep 60 & sleep 60', '--base-setup-timeout', '1'];
    const gate = startGate(repo, marker, setup);
    const [end, stderr] = await Promise.all([gate.exited, gate.closed]);
    assert.equal(end.code, 2, stderr);
    assert.match(
      stderr,
      /the base setup "sleep 60 & sleep 60" did not finish within --base-setup-timeout \(1 s\) and was stopped, with every process it started\. Pass e\.g\. --base-setup-timeout 1800\. 0 means no limit\./,
    );
    assert.ok(await waitForNone(marker), `left running: ${marker.listCommands().join(', ')}`);
    assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1, 'the base worktree is removed');
  } finally {
    marker.killAll();
  }
});

test('SIGTERM during the base setup leaves none of its processes behind', async () => {
  const repo = createBaseRepository();
  const marker = createProcessMarker();
  try {
    const { child, exited } = startGate(repo, marker, ['--base-setup', 'sleep 60; echo done']);
    assert.ok(await waitFor(setupRuns(marker), 30_000), 'the setup started');
    child.kill('SIGTERM');
    const end = await exited;
    assert.ok(end.signal === 'SIGTERM' || end.code === 143, JSON.stringify(end));
    assert.ok(await waitForNone(marker), `left running: ${marker.listCommands().join(', ')}`);
    assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1, 'the base worktree is removed');
  } finally {
    marker.killAll();
  }
});
