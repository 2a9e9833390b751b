/**
 * The one git runner: a value after `--end-of-options` is never an option, even where git would run a program
 * from it (`--upload-pack`), and a git that hangs is stopped with an error naming the command. Real git, real
 * repositories, a loopback server that accepts and never answers.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { materializeRef } from '../../../src/decide/duet/git-worktree.js';
import { readDataBranch } from '../../../src/history/data-branch.js';
import { runGit, runGitSync } from '../../../src/ground/platform/run-git.js';
import { addOrigin, createBaseRepository, runGit as runFixtureGit } from '../../decide/duet/git-fixture.js';

const INJECTION = '--upload-pack=touch PWNED';

test('a value starting with "-" reaches git as a value: no program runs from --upload-pack', async () => {
  // with an origin, a fetch would really run the upload-pack it is given
  const repo = createBaseRepository();
  addOrigin(repo);
  const fetched = await runGit(repo, ['fetch', '--no-tags', 'origin'], { values: [INJECTION] });
  assert.notEqual(fetched.code, 0, 'git looked for a ref of that name');
  const listed = runGitSync(repo, ['ls-remote'], { values: [INJECTION, 'HEAD'] });
  assert.notEqual(listed.code, 0, 'git looked for a repository of that name');
  const materialized = await materializeRef(repo, INJECTION);
  assert.equal(materialized.kind, 'unavailable');
  await assert.rejects(readDataBranch({ repoDir: repo, remote: INJECTION }));
  assert.equal(existsSync(join(repo, 'PWNED')), false, 'git ran no --upload-pack');
  assert.equal(runFixtureGit(repo, ['worktree', 'list']).split('\n').length, 1);
});

async function startSilentServer(t: TestContext): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return `http://127.0.0.1:${address.port}/repo.git`;
}

test('a git that hangs is stopped at its time limit, with an error naming the command', async (t) => {
  const url = await startSilentServer(t);
  const cwd = mkdtempSync(join(tmpdir(), 'embedprof-git-timeout-'));
  const named = new RegExp(
    `: git ls-remote --end-of-options ${url.replace(/[.]/g, '\\.')} in .* did not finish within 0\\.5 s and was stopped`,
  );
  await assert.rejects(runGit(cwd, ['ls-remote'], { values: [url], timeoutMs: 500 }), named);
  assert.throws(() => runGitSync(cwd, ['ls-remote'], { values: [url], timeoutMs: 500 }), named);
});
