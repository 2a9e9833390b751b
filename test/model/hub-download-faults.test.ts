// A hub that stalls, a run stopped by a signal, a cache damaged after the download: the run ends with a clear
// message or heals itself, and never leaves or reuses a broken file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeFailure } from '../../src/errors.js';
import { MAIN_COMMIT } from '../helpers/hub-server.js';
import {
  assertFails,
  assertNoPartialFiles,
  assertServedBytes,
  download,
  MODEL,
  REPO,
  setUp,
  sha256,
} from '../helpers/hub-fixture.js';
import type { Fixture } from '../helpers/hub-fixture.js';

delete process.env['HF_TOKEN'];
delete process.env['HF_ENDPOINT'];

const modelBlob = (fixture: Fixture) => join(fixture.repoDir, 'blobs', sha256(fixture.served.main[MODEL]));

test(
  'a hub that stalls mid-body fails after the idle timeout, naming the URL, and keeps nothing',
  {
    timeout: 20_000,
  },
  async (t) => {
    const fixture = await setUp(t);
    fixture.server.setFault({ kind: 'stall', file: MODEL, afterBytes: 1000 });
    const url = `${fixture.server.endpoint}/${REPO}/resolve/${MAIN_COMMIT}/${MODEL}`;
    await assertFails(
      download(fixture, REPO, { idleTimeoutMs: 1000 }),
      RuntimeFailure,
      new RegExp(`^${url.replace(/[./]/g, '\\$&')}: expected 4096 bytes`),
      /received 1000 bytes, then nothing for 1 s/,
      /No partial file was kept.*run the command again.*HF_ENDPOINT/,
    );
    await assertNoPartialFiles(fixture.repoDir);
    await assert.rejects(lstat(modelBlob(fixture)), { code: 'ENOENT' });
    fixture.server.setFault(undefined);
    await assertServedBytes((await download(fixture, REPO)).dir, fixture.served.main);
  },
);
