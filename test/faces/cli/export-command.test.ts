/** `embedprof export`: a profile as Bencher Metric Format or github-action-benchmark JSON, through the CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bmfDocumentSchema, gabDocumentSchema } from '../../../src/report/export/index.js';
import { EXPORT_FORMATS } from '../../../src/report/export/exporters.js';
import { EXPORT_FORMAT_CHOICES } from '../../../src/faces/settings/history-settings.js';
import { runCli } from '../../helpers/run-cli.js';
import { SERVE_CASES } from '../../report/serve/serve-cases.js';

const PROFILE = 'test/report/fixtures/profile.json';

test('export writes each format to --out, names the cells it left out, and exits 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-export-'));
  const bmf = join(dir, 'bmf.json');
  const result = runCli(['export', '--profile', PROFILE, '--format', 'bmf', '--out', bmf]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Wrote .*bmf\.json: 10 benchmark\(s\) as bmf$/m);
  assert.match(result.stderr, /batch 512: not exported, skipped \(memory-cap\)/);
  const document = bmfDocumentSchema.parse(JSON.parse(readFileSync(bmf, 'utf8')));
  assert.equal(Object.keys(document).length, 10);
  const smaller = join(dir, 'smaller.json');
  const gab = runCli(['export', '--profile', PROFILE, '--format', 'gab-smaller', '--out', smaller]);
  assert.equal(gab.status, 0, gab.stderr);
  assert.equal(
    gabDocumentSchema.parse(JSON.parse(readFileSync(smaller, 'utf8'))).length,
    30,
    'p95 latency, peak memory, RSS after load',
  );
});

test('export refuses an unknown format and a missing --profile in the CLI’s words (exit 2)', () => {
  const bad = runCli(['export', '--profile', PROFILE, '--format', 'csv']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--format: expected one of bmf, gab, gab-bigger, gab-smaller, received "csv"/);
  const missing = runCli(['export', '--format', 'bmf']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--profile: expected the profile\.json to export, received nothing/);
});

test('the --format choices are the exporters’ formats and gab', () => {
  assert.deepEqual([...EXPORT_FORMAT_CHOICES].sort(), [...EXPORT_FORMATS, 'gab'].sort());
});

test('--format gab writes both directions, each the array of {name, unit, value, range} gab reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-export-gab-'));
  const result = runCli(['export', '--profile', PROFILE, '--format', 'gab', '--out', dir]);
  assert.equal(result.status, 0, result.stderr);
  for (const [file, count] of [
    ['gab-bigger.json', 10],
    ['gab-smaller.json', 30],
  ] as const) {
    const entries = gabDocumentSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    assert.equal(entries.length, count, file);
    for (const entry of entries) {
      assert.equal(typeof entry.name, 'string');
      assert.equal(typeof entry.unit, 'string');
      assert.equal(typeof entry.value, 'number');
      assert.match(entry.range ?? '', /^± [\d.]+$/, file);
    }
  }
});

test('export of a serve-profile.json: its knee and reference-rate p95; a corrupt one is named as a serve profile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-export-serve-'));
  const path = join(dir, 'serve-profile.json');
  writeFileSync(path, JSON.stringify(SERVE_CASES.found));
  const result = runCli(['export', '--profile', path, '--format', 'bmf']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Wrote .*bmf\.json: 1 benchmark\(s\) as bmf$/m);
  const document = bmfDocumentSchema.parse(JSON.parse(readFileSync(join(dir, 'bmf.json'), 'utf8')));
  assert.deepEqual(Object.keys(document['embedprof/serve/8 texts per request'] ?? {}).sort(), [
    'latency',
    'throughput',
  ]);
  writeFileSync(path, JSON.stringify({ ...SERVE_CASES.found, plan: { rounds: 'three' } }));
  const corrupt = runCli(['export', '--profile', path, '--format', 'bmf']);
  assert.equal(corrupt.status, 2);
  assert.match(
    corrupt.stderr,
    /serve-profile\.json: expected a valid serve profile file \(schemaVersion 1\), received .*plan\.rounds/,
  );
});

test('a serve profile without a reference rate: the knees export, the latency direction is one clear input error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-export-serve-'));
  const path = join(dir, 'serve-profile.json');
  const profile = SERVE_CASES.found;
  writeFileSync(
    path,
    JSON.stringify({ ...profile, sweeps: profile.sweeps.map((s) => ({ ...s, reference: null })) }),
  );
  const bigger = runCli(['export', '--profile', path, '--format', 'gab-bigger']);
  assert.equal(bigger.status, 0, bigger.stderr);
  assert.match(bigger.stdout, /: 1 benchmark\(s\) as gab-bigger$/m);
  const smaller = runCli(['export', '--profile', path, '--format', 'gab-smaller']);
  assert.equal(smaller.status, 2);
  assert.match(
    smaller.stderr,
    /expected a serve profile with a figure for gab-smaller.*received none \(embedprof\/serve\/8 texts per request: no reference rate measured.*--reference-rate R/,
  );
});
