import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonSchema, type Comparison } from '../../../src/decide/compare/comparison-schema.js';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { commitAll, createBaseRepository, runGateCommand, writeEmbedder } from './git-fixture.js';

// A wiring test on a busy machine: the threshold is widened to 0.5 (horizon 25 %), far below the +300 ms a
// head adds to the toy embedder's ≈ 0.3–0.5 s cold start and far above an A/A's noise. The measured noise and
// smallest detectable change at the default 0.20 are in docs/validation/cold-start.md.
const FLAGS = ['--fail-on', 'throughput,memory,cold-start', '--max-cold-start-growth', '0.5'];

function readComparison(out: string): Comparison {
  return comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
}

function findAggregate(comparison: Comparison, metric: string) {
  const aggregate = comparison.aggregates.find((item) => item.metric === metric);
  assert.ok(aggregate !== undefined, `the comparison has an aggregate of ${metric}`);
  return aggregate;
}

test('duet: a head that waits 300 ms in createEmbedder fails the cold-start gate (exit 1)', () => {
  const repo = createBaseRepository();
  writeEmbedder(repo, 0, 300);
  commitAll(repo, 'slower start');
  const out = join(repo, 'out');
  const result = runGateCommand(repo, ['--against', 'HEAD~1', ...FLAGS, '--out', out]);
  assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^FAIL — regression in coldStartMs, confirmed by a fresh run \(base HEAD~1/);
  const comparison = readComparison(out);
  const cold = findAggregate(comparison, 'coldStartMs');
  assert.deepEqual(comparison.settings.gated, ['throughput', 'peakMemoryMB', 'coldStartMs', 'loadRssMB']);
  assert.equal(cold.verdict, 'regression');
  assert.ok((cold.estimate ?? 0) > 0.25, `time to first embedding grew by ${cold.estimate}`);
  assert.notEqual(findAggregate(comparison, 'loadRssMB').verdict, 'regression', 'waiting allocates nothing');
  const head = profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')));
  for (const cell of head.batchSweep) {
    assert.equal(cell.status, 'measured');
    if (cell.status !== 'measured') continue;
    for (const process of cell.processes) {
      const parts = process.coldStart;
      assert.ok(parts !== undefined, 'every process records its cold start');
      assert.ok(parts.loadMs >= 300, `the head's embedder took ${parts.loadMs} ms to create`);
      assert.ok(Math.abs(parts.bootMs + parts.loadMs + parts.firstBatchMs - parts.totalMs) < 1e-6);
    }
  }
});

test('duet: an A/A run (documentation only) passes the cold-start gate; cold start is not gated by default', () => {
  const repo = createBaseRepository();
  writeFileSync(join(repo, 'README.md'), '# docs\n');
  commitAll(repo, 'docs');
  const gated = join(repo, 'gated');
  const result = runGateCommand(repo, [
    '--against',
    'HEAD~1',
    ...FLAGS,
    '--max-throughput-drop',
    '0.5',
    '--out',
    gated,
  ]);
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.notEqual(findAggregate(readComparison(gated), 'coldStartMs').verdict, 'regression');
  // by default the cold-start metrics are compared and shown, never gated
  writeEmbedder(repo, 0, 300);
  commitAll(repo, 'slower start');
  const plain = join(repo, 'plain');
  const second = runGateCommand(repo, [
    '--against',
    'HEAD~1',
    '--max-throughput-drop',
    '0.5',
    '--out',
    plain,
  ]);
  assert.equal(second.status, 0, `${second.stdout}\n${second.stderr}`);
  const comparison = readComparison(plain);
  assert.deepEqual(comparison.settings.gated, ['throughput', 'peakMemoryMB']);
  const cold = findAggregate(comparison, 'coldStartMs');
  assert.ok((cold.estimate ?? 0) > 0.25, `the change is still measured and reported: ${cold.estimate}`);
});
