/**
 * A recorded setting end to end: --ort-mem-arena off reaches the ONNX Runtime sessions of a real run, lands in
 * profile.json's config section and in the report's Method table; a profile.json written before the setting
 * still parses, and its report shows no row for it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { buildMethodTable } from '../../../src/report/facts/environment-table.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';
import { runCli } from '../../helpers/run-cli.js';

function readMethodRows(profile: unknown): Map<string, string> {
  const table = buildMethodTable(profileSchema.parse(profile));
  return new Map(table.rows.map(([field = '', value = '']) => [field, value]));
}

test('--ort-mem-arena off is recorded in profile.json and shown in the Method table', () => {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-arena-'));
  const result = runCli([
    'profile',
    ...['--model', 'synthetic:all-MiniLM-L6-v2', '--tokenizer', miniLmTokenizerDir(), '--dtype', 'q8'],
    ...['--preset', 'smoke', '--batch-sizes', '8', '--lengths', '10', '--processes', '1', '--no-analysis'],
    ...['--ort-mem-arena', 'off', '--out', out],
  ]);
  assert.equal(result.status, 0, result.stderr);
  const written = JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')) as {
    config: Record<string, unknown>;
  };
  assert.equal(written.config.ortMemArena, 'off');
  assert.equal(readMethodRows(written).get('ORT memory arena'), 'off');
  assert.match(readFileSync(join(out, 'report.md'), 'utf8'), /\| ORT memory arena +\| off +\|/);

  const { ortMemArena, ...older } = written.config;
  assert.equal(ortMemArena, 'off');
  const olderRows = readMethodRows({ ...written, config: older });
  assert.equal(olderRows.has('ORT memory arena'), false);
  assert.equal(olderRows.get('ORT spin-waiting'), 'auto');
});
