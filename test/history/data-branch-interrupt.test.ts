/**
 * SIGTERM while a record is being pushed to the data branch leaves nothing behind in the clone: no temporary
 * ref, no temporary folder; the process ends by the signal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { addToDataBranch } from '../../src/history/data-branch.js';
import { serializeHistoryRecord } from '../../src/history/record-file.js';
import { createRandom } from '../../src/ground/random/index.js';
import { runGit } from '../decide/duet/git-fixture.js';
import { createNightRecord, createRemoteWithClones } from './history-fixtures.js';

const DATA_BRANCH = pathToFileURL(resolve('build/src/history/data-branch.js')).href;

const listSessions = () => readdirSync(tmpdir()).filter((name) => name.startsWith('embedprof-history-'));

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

/** A pre-receive hook that marks that the push arrived, then holds it for a few seconds. */
function installSlowHook(remote: string, marker: string): void {
  const hook = join(remote, 'hooks', 'pre-receive');
  const body = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '');\nsetTimeout(() => {}, 4000);\n`;
  writeFileSync(hook, `#!${process.execPath}\n${body}`);
  chmodSync(hook, 0o755);
}

test('SIGTERM during the push removes the temporary ref and folder', async () => {
  const { remote, clones } = createRemoteWithClones(1);
  const [clone = ''] = clones;
  try {
    const random = createRandom(2);
    const author = { name: 'a', email: 'a@b.c' };
    const first = createNightRecord(0, { random });
    await addToDataBranch({ repoDir: clone, remote: 'origin', record: first, message: 'night 0', author });
    const marker = join(dirname(remote), 'push-arrived');
    installSlowHook(remote, marker);
    const record = JSON.parse(serializeHistoryRecord(createNightRecord(1, { random })));
    const script = join(dirname(remote), 'add.mjs');
    const call = {
      repoDir: clone,
      remote: 'origin',
      record,
      message: 'night',
      author: { name: 'a', email: 'a@b.c' },
    };
    writeFileSync(
      script,
      `import { addToDataBranch } from ${JSON.stringify(DATA_BRANCH)};\nawait addToDataBranch(${JSON.stringify(call)});\n`,
    );
    const before = listSessions();
    const child = spawn(process.execPath, [script], { stdio: 'ignore' });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, signal) => done({ code, signal })),
    );
    assert.ok(await waitFor(() => existsSync(marker), 30_000), 'the push reached the remote');
    assert.notEqual(
      runGit(clone, ['for-each-ref', 'refs/embedprof-tmp']),
      '',
      'the session ref exists meanwhile',
    );
    child.kill('SIGTERM');
    const end = await exited;
    assert.ok(end.signal === 'SIGTERM' || end.code === 143, JSON.stringify(end));
    assert.equal(runGit(clone, ['for-each-ref', 'refs/embedprof-tmp']), '', 'no temporary ref left');
    assert.deepEqual(listSessions(), before, 'no temporary folder left');
    assert.equal(runGit(clone, ['status', '--porcelain']), '', 'the checkout is untouched');
  } finally {
    await sleep(4500);
    rmSync(dirname(remote), { recursive: true, force: true });
  }
});
