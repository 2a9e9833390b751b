/**
 * SIGINT or SIGTERM during a duet gate leaves no base worktree behind: neither registered with git nor on
 * disk, and the process ends by the signal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { commitAll, createBaseRepository, runGit, writeEmbedder } from './git-fixture.js';

const CLI = resolve('build/src/faces/cli/main.js');

function listWorktrees(repo: string): string[] {
  return runGit(repo, ['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('worktree '))
    .map((line) => line.slice('worktree '.length));
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} during a duet gate removes the base worktree`, async () => {
    const repo = createBaseRepository();
    writeEmbedder(repo, 4);
    commitAll(repo, 'slower');
    const child = spawn(process.execPath, [CLI, 'gate', '--quiet', '--against', 'HEAD~1', '--out', 'out'], {
      cwd: repo,
      stdio: 'ignore',
      env: { ...process.env, CI: 'true' },
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, ended) => done({ code, signal: ended })),
    );
    assert.ok(await waitFor(() => listWorktrees(repo).length === 2, 30_000), 'the base worktree appeared');
    const [, base] = listWorktrees(repo);
    await sleep(300);
    child.kill(signal);
    const end = await exited;
    assert.ok(end.signal === signal || end.code === (signal === 'SIGINT' ? 130 : 143), JSON.stringify(end));
    assert.deepEqual(listWorktrees(repo).length, 1, 'no worktree registered');
    assert.equal(existsSync(base ?? ''), false, `${base} removed from disk`);
  });
}
