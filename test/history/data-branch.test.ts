import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../../src/ground/errors.js';
import { addToDataBranch, readDataBranch } from '../../src/history/data-branch.js';
import { createRecordFileName } from '../../src/history/record-file.js';
import { createRandom } from '../../src/ground/random/index.js';
import { runGit } from '../decide/duet/git-fixture.js';
import { createNightRecord, createRemoteWithClones, listBranchFiles } from './history-fixtures.js';

const random = createRandom(14);
const nights = Array.from({ length: 8 }, (_, n) => createNightRecord(n, { random }));
const night = (n: number) => nights[n] ?? assert.fail(`no night ${n}`);
const AUTHOR = { name: 'nightly', email: 'nightly@example.com' };

function add(repoDir: string, n: number, remote = 'origin') {
  return addToDataBranch({ repoDir, remote, record: night(n), message: `night ${n}`, author: AUTHOR });
}

function listSessionFolders(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('embedprof-history-'));
}

function cleanUp(remote: string): void {
  rmSync(dirname(remote), { recursive: true, force: true });
}

test('three adds start the branch as an orphan and leave three records on it, the checkout untouched', async () => {
  const { remote, clones } = createRemoteWithClones(1);
  const [clone = ''] = clones;
  try {
    const headBefore = runGit(clone, ['rev-parse', 'HEAD']);
    for (const n of [0, 1, 2]) assert.equal((await add(clone, n)).status, 'added');
    const files = listBranchFiles(remote);
    assert.deepEqual(files, [
      'README.md',
      ...[0, 1, 2].map((n) => `records/${createRecordFileName(night(n))}`),
    ]);
    assert.equal(runGit(remote, ['rev-list', '--count', 'embedprof-data']), '3');
    assert.equal(runGit(remote, ['rev-list', '--max-parents=0', 'embedprof-data']).split('\n').length, 1);
    assert.equal(
      runGit(remote, ['log', '-1', '--format=%an <%ae> %s', 'embedprof-data']),
      'nightly <nightly@example.com> night 2',
    );
    const main = runGit(remote, ['rev-parse', 'main']);
    assert.ok(!runGit(remote, ['rev-list', 'embedprof-data']).includes(main), 'orphan: no shared history');
    const read = await readDataBranch({ repoDir: clone, remote: 'origin' });
    assert.deepEqual(read.records, [night(0), night(1), night(2)]);
    assert.equal(read.commit, runGit(remote, ['rev-parse', 'embedprof-data']));
    assert.equal(runGit(clone, ['rev-parse', 'HEAD']), headBefore);
    assert.equal(runGit(clone, ['symbolic-ref', '--short', 'HEAD']), 'main');
    assert.equal(runGit(clone, ['status', '--porcelain']), '');
    assert.equal(runGit(clone, ['for-each-ref', 'refs/embedprof-tmp']), '', 'no temporary ref left');
  } finally {
    cleanUp(remote);
  }
});

test('concurrent adds from separate clones all land', async () => {
  const { remote, clones } = createRemoteWithClones(4);
  try {
    const [first = '', second = ''] = clones;
    const pair = await Promise.all([add(first, 0), add(second, 1)]);
    assert.deepEqual(
      pair.map((result) => result.status),
      ['added', 'added'],
    );
    const four = await Promise.all(clones.map((clone, index) => add(clone, 2 + index)));
    console.log(
      `push attempts: pair ${pair.map((r) => r.attempts).join('+')}, four ${four.map((r) => r.attempts).join('+')}`,
    );
    const names = nights.slice(0, 6).map((record) => `records/${createRecordFileName(record)}`);
    assert.deepEqual(
      listBranchFiles(remote).filter((file) => file.startsWith('records/')),
      names,
    );
    assert.equal(
      runGit(remote, ['rev-list', '--count', 'embedprof-data']),
      '6',
      'one linear commit per record',
    );
  } finally {
    cleanUp(remote);
  }
});

/** A pre-receive hook that, at the first push only, moves the branch to `commit` as a faster pusher would. */
function installRacingHook(remote: string, commit: string): void {
  const hook = join(remote, 'hooks', 'pre-receive');
  const script = [
    `#!${process.execPath}`,
    "const { existsSync, writeFileSync } = require('node:fs');",
    "const { execFileSync } = require('node:child_process');",
    "if (!existsSync('raced')) {",
    "  writeFileSync('raced', '');",
    '  const env = { ...process.env };',
    '  for (const name of Object.keys(env)) if (name.startsWith("GIT_")) delete env[name];',
    `  execFileSync('git', ['update-ref', 'refs/heads/embedprof-data', '${commit}'], { env });`,
    '}',
  ];
  writeFileSync(hook, `${script.join('\n')}\n`);
  chmodSync(hook, 0o755);
}

test('a push overtaken between fetch and push is rebuilt on the new tip and retried', async () => {
  const { remote, clones } = createRemoteWithClones(2);
  const [runner = '', other = ''] = clones;
  try {
    await add(other, 0);
    const start = runGit(remote, ['rev-parse', 'embedprof-data']);
    await add(other, 1);
    const competitor = runGit(remote, ['rev-parse', 'embedprof-data']);
    runGit(remote, ['update-ref', 'refs/heads/embedprof-data', start, competitor]);
    installRacingHook(remote, competitor);
    const result = await add(runner, 2);
    assert.equal(result.status, 'added');
    assert.equal(result.attempts, 2, 'the first push lost the race, the second landed');
    assert.equal(runGit(remote, ['rev-parse', 'embedprof-data^']), competitor);
    assert.equal(listBranchFiles(remote).filter((file) => file.startsWith('records/')).length, 3);
  } finally {
    cleanUp(remote);
  }
});

test('the same record twice is a no-op; another record under its name is refused', async () => {
  const { remote, clones } = createRemoteWithClones(1);
  const [clone = ''] = clones;
  try {
    const added = await add(clone, 3);
    const again = await add(clone, 3);
    assert.equal(again.status, 'unchanged');
    assert.equal(again.commit, added.commit);
    const other = { ...night(3), toolVersion: '9.9.9' };
    const request = { repoDir: clone, remote: 'origin', record: other, message: 'x', author: AUTHOR };
    await assert.rejects(addToDataBranch(request), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /remote "origin" \(.*remote\.git\), branch embedprof-data, records\/2026/);
      assert.match(error.message, /append-only/);
      return true;
    });
    assert.equal(runGit(remote, ['rev-parse', 'embedprof-data']), added.commit);
  } finally {
    cleanUp(remote);
  }
});

test('an unreachable remote, a bad branch name and junk on the branch are errors naming them', async () => {
  const { remote, clones } = createRemoteWithClones(1);
  const [clone = ''] = clones;
  const sessionsBefore = listSessionFolders();
  try {
    assert.deepEqual(await readDataBranch({ repoDir: clone, remote: 'origin' }), {
      records: [],
      commit: null,
    });
    const missing = join(dirname(remote), 'no-such.git');
    await assert.rejects(add(clone, 0, missing), (error: unknown) => {
      assert.ok(error instanceof UsageError, String(error));
      assert.ok(error.message.includes(`remote ${missing}, branch embedprof-data`), error.message);
      assert.match(error.message, /contents: write/);
      return true;
    });
    const secret = 'https://runner:s3cret-token@127.0.0.1:1/owner/repo.git';
    await assert.rejects(add(clone, 0, secret), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.ok(!error.message.includes('s3cret'), `credentials masked: ${error.message}`);
      assert.ok(
        error.message.includes('https://***@127.0.0.1:1/owner/repo.git, branch embedprof-data'),
        error.message,
      );
      return true;
    });
    const badBranch = { repoDir: clone, remote: 'origin', branch: 'bad..name' };
    await assert.rejects(
      readDataBranch(badBranch),
      /the history branch: expected a git branch name such as embedprof-data \(no "\.\." in it\), received "bad\.\.name"/,
    );
    await add(clone, 0);
    runGit(clone, ['fetch', '-q', 'origin', 'embedprof-data']);
    runGit(clone, ['checkout', '-q', '-b', 'junk', 'FETCH_HEAD']);
    writeFileSync(join(clone, 'records', 'notes.txt'), 'hello');
    runGit(clone, ['add', 'records/notes.txt']);
    runGit(clone, ['commit', '-qm', 'junk']);
    runGit(clone, ['push', '-q', 'origin', 'HEAD:embedprof-data']);
    await assert.rejects(
      readDataBranch({ repoDir: clone, remote: 'origin' }),
      /branch embedprof-data, records\/notes\.txt: expected only history record files/,
    );
    assert.equal(
      runGit(clone, ['for-each-ref', 'refs/embedprof-tmp']),
      '',
      'no temporary ref left after failures',
    );
    assert.deepEqual(listSessionFolders(), sessionsBefore, 'no temporary folder left after failures');
  } finally {
    cleanUp(remote);
  }
});

test('a push the remote refuses for another reason fails at once, naming the remote and branch', async () => {
  const { remote, clones } = createRemoteWithClones(1);
  const [clone = ''] = clones;
  try {
    const hook = join(remote, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      `#!${process.execPath}\nconsole.error('GH006: Protected branch update failed');\nprocess.exit(1);\n`,
    );
    chmodSync(hook, 0o755);
    const started = Date.now();
    await assert.rejects(add(clone, 0), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(
        error.message,
        /branch embedprof-data: could not push the history branch: .*GH006: Protected branch/,
      );
      return true;
    });
    assert.ok(Date.now() - started < 5000, 'no retries with backoff');
    assert.equal(runGit(remote, ['for-each-ref', 'refs/heads/embedprof-data']), '', 'nothing pushed');
  } finally {
    cleanUp(remote);
  }
});
