/**
 * The memory cap holds during a batch: the parent samples each worker's RSS and stops it at the cap, so an
 * embedder that grabs memory inside one long call is stopped at once, reported as over the cap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { runCli } from '../../helpers/run-cli.js';

test('a worker over --max-memory-mb is stopped during its batch, not after it', () => {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-hog-'));
  const started = Date.now();
  const result = runCli([
    ...['profile', '--embedder', 'test/fixtures/embedders/hog-embedder.mjs', '--no-config'],
    ...['--batch-sizes', '8', '--lengths', '10', '--processes', '1', '--no-analysis', '--quiet'],
    ...['--max-memory-mb', '300', '--out', out],
  ]);
  const seconds = (Date.now() - started) / 1000;
  assert.equal(result.status, 1, result.stderr);
  assert.ok(seconds < 15, `stopped within the first 20-second batch: ${seconds.toFixed(1)} s`);
  const profile = profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')));
  const [cell] = profile.batchSweep;
  assert.ok(cell?.status === 'skipped' && cell.reason === 'memory-cap', JSON.stringify(cell));
  assert.match(
    cell.detail,
    /stopped above --max-memory-mb 300: RSS reached \d+ MB while the worker ran \(stopped by embedprof\)/,
  );
});
