/**
 * A batch that never finishes is stopped at the batch timeout, not at the worker's: the cell fails with a
 * "timed out" cause within seconds, and a run with nothing measured exits 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { runCli } from '../../helpers/run-cli.js';

function profileWithHang(extra: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-hang-'));
  const started = Date.now();
  const result = runCli([
    ...['profile', '--embedder', 'test/fixtures/embedders/hang-embedder.mjs', '--no-config'],
    ...['--batch-sizes', '8', '--lengths', '10', '--processes', '1', '--no-analysis', '--quiet'],
    ...['--out', out, ...extra],
  ]);
  return { result, out, seconds: (Date.now() - started) / 1000 };
}

test('an embed() that never resolves fails its cell at --batch-timeout, and nothing measured exits 1', () => {
  const { result, out, seconds } = profileWithHang(['--batch-timeout', '2']);
  assert.equal(result.status, 1, result.stderr);
  assert.ok(
    seconds < 30,
    `stopped at the 2-second batch timeout, not the worker's 600 s: ${seconds.toFixed(1)} s`,
  );
  const profile = profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')));
  const [cell] = profile.batchSweep;
  assert.ok(cell?.status === 'failed', JSON.stringify(cell));
  assert.match(
    cell.error,
    /^embed\(\) timed out: batch 3 of the process did not finish within the batch timeout \(2 s; stopped by embedprof\)$/,
  );
});

test('--batch-timeout expects a number of seconds and says so in its own words', () => {
  const { result } = profileWithHang(['--batch-timeout', 'soon']);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /--batch-timeout: expected .*received "soon"/);
});

test('--batch-timeout 0 sets no batch timer, as its help says: only the worker timeout stops the hang', () => {
  const { result, out } = profileWithHang(['--batch-timeout', '0', '--worker-timeout', '3']);
  assert.equal(result.status, 1, result.stderr);
  const profile = profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')));
  const [cell] = profile.batchSweep;
  assert.ok(cell?.status === 'failed', JSON.stringify(cell));
  assert.doesNotMatch(cell.error, /batch timeout/);
  assert.match(cell.error, /worker timed out after 3 s/);
});

test('--batch-timeout refuses a negative number, saying 0 means no limit', () => {
  const { result } = profileWithHang(['--batch-timeout=-1']);
  assert.equal(result.status, 2, result.stderr);
  assert.match(
    result.stderr,
    /--batch-timeout: expected a number of seconds, or 0 for no limit, received "-1"/,
  );
});
