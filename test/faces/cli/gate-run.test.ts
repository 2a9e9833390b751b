import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { buildTestProfile, createTestProcess } from '../../decide/compare/test-profile.js';
import { runCli } from '../../helpers/run-cli.js';
import { writeHistoryRecord } from '../../../src/history/history-store.js';
import { createRandom } from '../../../src/ground/random/index.js';
import { createNightRecord } from '../../history/history-fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'embedprof-gate-'));
const SWEEP = [
  ...['--preset', 'smoke'],
  '--embedder',
  'test/fixtures/embedders/toy-embedder.mjs',
  '--batch-sizes',
  '8',
  '--lengths',
  '10',
  '--processes',
  '3',
  '--no-analysis',
  '--quiet',
];

test('gate: the toy embedder against a baseline of its own profile passes, citing the history of main', async () => {
  const first = join(work, 'first');
  const profiled = runCli(['profile', ...SWEEP, '--out', first]);
  assert.equal(profiled.status, 0, profiled.stderr);
  const baselines = join(work, 'baselines');
  const recorded = runCli([
    'baseline',
    'update',
    '--from',
    join(first, 'profile.json'),
    '--name',
    'main',
    '--dir',
    baselines,
  ]);
  assert.equal(recorded.status, 0, recorded.stderr);
  const store = join(work, 'history');
  const random = createRandom(7);
  for (let night = 0; night < 8; night++)
    await writeHistoryRecord(store, createNightRecord(night, { random }));
  const out = join(work, 'gate');
  // A wiring test must not depend on a noisy measurement resolving: two commands minutes apart meet speed
  // regimes up to 2× apart (seen on CI), so only memory is gated, with a threshold no RSS spread reaches.
  const gated = runCli([
    'gate',
    ...SWEEP,
    '--baseline',
    baselines,
    '--fail-on',
    'memory',
    '--max-memory-growth',
    '3',
    '--time-budget',
    '20',
    '--store',
    store,
    '--out',
    out,
  ]);
  assert.equal(gated.status, 0, `${gated.stdout}\n${gated.stderr}`);
  assert.match(gated.stdout, /^PASS — /);
  const comment = readFileSync(join(out, 'comment.md'), 'utf8');
  assert.match(
    comment,
    /^History of main \\?\(.*history\\?\): batch 8 peak memory \d+ MB, no change point in 8 runs\.$/m,
  );
  const profile = profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')));
  const comparison = comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
  // comparison.json, not stdout: the terminal lists the first notes only, and a noisy run has more of them.
  assert.ok(
    comparison.overall.notes.some((note) => note.startsWith('adaptive sampling: ')),
    comparison.overall.notes.join('\n'),
  );
  assert.equal(comparison.machine.kind, 'same');
  assert.equal(comparison.cells.length, 2);
  for (const cell of [...profile.batchSweep, ...profile.lengthSweep]) {
    assert.ok(cell.status === 'measured' && cell.processes.length >= 2);
  }
});

test('gate: a mismatched baseline under --on-machine-mismatch fail is exit 2 before any measurement', () => {
  const cells = [{ key: { sweep: 'batch' as const, batchSize: 8 }, processes: [createTestProcess(1000, 8)] }];
  const baseline = createBaselineFromProfile(
    buildTestProfile(cells, { environment: { cpuModel: 'Other CPU' } }),
    {
      name: 'main',
      provenance: EMPTY_PROVENANCE,
    },
  );
  const path = join(work, 'other.json');
  writeFileSync(path, JSON.stringify(baseline));
  const out = join(work, 'mismatch');
  const result = runCli([
    'gate',
    ...SWEEP,
    '--baseline',
    path,
    '--on-machine-mismatch',
    'fail',
    '--out',
    out,
  ]);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /^embedprof: input error: --baseline .*cpuModel: baseline "Other CPU"/);
  assert.equal(existsSync(join(out, 'profile.json')), false, 'nothing measured');
});

test('gate: a corrupt baseline is exit 2 before any measurement', () => {
  const path = join(work, 'corrupt.json');
  writeFileSync(path, '{"schemaVersion": 1, "name": "main", "cells": [');
  const result = runCli(['gate', ...SWEEP, '--baseline', path, '--out', join(work, 'corrupt-out')]);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /corrupt\.json: expected valid JSON/);
});
