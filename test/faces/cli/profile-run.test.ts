import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';
import { runCli } from '../../helpers/run-cli.js';

function readProfile(dir: string) {
  return profileSchema.parse(JSON.parse(readFileSync(join(dir, 'profile.json'), 'utf8')));
}

test('profiles the synthetic model with the real tokenizer into a valid profile.json', () => {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-run-'));
  const result = runCli([
    'profile',
    ...['--preset', 'smoke'],
    '--model',
    'synthetic:all-MiniLM-L6-v2',
    '--tokenizer',
    miniLmTokenizerDir(),
    '--dtype',
    'q8',
    '--batch-sizes',
    '8,32',
    '--lengths',
    '10,256',
    '--processes',
    '2',
    '--out',
    out,
  ]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /batch 32/);
  const profile = readProfile(out);
  assert.deepEqual(
    profile.batchSweep.map((c) => c.batchSize),
    [8, 32],
  );
  assert.deepEqual(
    profile.lengthSweep.map((c) => c.chars),
    [10, 256],
  );
  for (const cell of [...profile.batchSweep, ...profile.lengthSweep]) {
    assert.equal(cell.status, 'measured');
    if (cell.status !== 'measured') continue;
    assert.equal(cell.processes.length, 2);
    assert.ok(cell.throughput.median > 0);
    // MFU is relative to the probe, which is near but not exactly at the kernels' ceiling
    assert.ok(cell.mfu && cell.mfu.median > 0.02 && cell.mfu.median <= 1, `MFU ${cell.mfu?.median}`);
    assert.ok(
      cell.processes.every((p) => (p.mfu ?? 0) <= 1),
      'no process above 100 % of the ceiling',
    );
    assert.ok(cell.processes.every((p) => p.warmupBatches >= 2));
    assert.ok(cell.peakMemoryMB.min > profile.memory.baselineMB);
  }
  const long = profile.lengthSweep[1];
  const short = profile.lengthSweep[0];
  assert.ok(long?.status === 'measured' && short?.status === 'measured');
  assert.ok(long.throughput.median < short.throughput.median, '256-char texts are slower than 10-char texts');
  assert.ok(long.tokens && long.tokens.realPerBatch > 32 * 30, 'about 50 tokens per 256-char text');
  assert.equal(profile.model.maxTokens, 256);
  const ceiling = profile.calibration.ceiling;
  assert.ok(ceiling !== null && ceiling.gflops >= ceiling.reachedGflops, JSON.stringify(ceiling));
  assert.equal(profile.model.parameters !== null && profile.model.parameters > 22_000_000, true);
  assert.ok(profile.memory.afterLoadMB > profile.memory.baselineMB);
  assert.deepEqual(
    readdirSync(out).sort(),
    ['comment.md', 'profile.csv', 'profile.json', 'report.html', 'report.md', 'summary.md'],
    'the profile and its reports, no temporary files left behind',
  );
  checkAnalysis(profile);
});

/** Issue 3's promises on a real (small) run: operators, stage shares, padding, recommendations with effects. */
function checkAnalysis(profile: ReturnType<typeof readProfile>): void {
  const operators = profile.hotspots.operators;
  assert.ok(operators, 'an operator profile');
  const topShare = operators.top.reduce((sum, op) => sum + op.share, 0);
  assert.ok(topShare >= 0.95, `top operators cover ${topShare}`);
  assert.ok(
    operators.top.some((op) => op.opType === 'DynamicQuantizeMatMul'),
    'the q8 model runs fused int8 kernels',
  );
  for (const row of profile.hotspots.stageShares) {
    const sum = row.tokenize + row.inference + row.pooling + row.other;
    assert.ok(Math.abs(sum - 1) < 0.01, `${row.cell} stage shares sum to ${sum}`);
  }
  assert.ok(profile.padding.perBatch.length === 2 && (profile.padding.perBatch[1]?.wasteShare ?? 0) > 0);
  const withEffects = profile.recommendations.filter((r) => r.effect !== null);
  assert.ok(profile.recommendations.length >= 3, JSON.stringify(profile.recommendations.map((r) => r.title)));
  assert.ok(withEffects.length >= 2, 'recommendations carry measured effects');
  assert.notEqual(profile.memory.leak.verdict, 'not-run');
  assert.ok(profile.memory.readings.afterLoad.nativeMB > profile.memory.readings.baseline.nativeMB);
  assert.deepEqual(profile.warnings, []);
}
