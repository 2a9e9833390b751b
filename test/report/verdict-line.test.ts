import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Comparison, Overall, Verdict } from '../../src/decide/compare/comparison-schema.js';
import { escapeMarkdown, renderComment } from '../../src/report/index.js';
import { describeComparisonVerdict, formatVerdictText } from '../../src/report/facts/format-verdict.js';
import { loadFixtureComparison, loadFixtureProfile } from './fixtures/report-fixtures.js';

/** The fixture comparison with another overall outcome, and the batch 64 throughput cell's verdict set. */
function withOutcome(overall: Partial<Overall>, batch64Throughput: Verdict = 'inconclusive'): Comparison {
  const comparison = loadFixtureComparison();
  const cell = comparison.cells.find((item) => item.label === 'batch 64');
  const metric = cell?.metrics.find((item) => item.metric === 'throughput');
  if (metric !== undefined) metric.verdict = batch64Throughput;
  const peak = comparison.cells.find((item) => item.label === 'batch 256')?.metrics[1];
  if (peak !== undefined && overall.verdict !== 'regression') peak.verdict = 'no-change';
  // without power figures unless asked: these tests are about the words before them
  return { ...comparison, overall: { ...comparison.overall, minimumDetectable: [], ...overall } };
}

const line = (comparison: Comparison) =>
  formatVerdictText(describeComparisonVerdict(comparison), escapeMarkdown);

test('a failed gate on a regression names the worst regressed cell', () => {
  assert.equal(
    line(loadFixtureComparison()),
    '❌ Regression: peak memory +15.0 % [+13.4, +16.7] at batch 256 · could detect ≥ 11.7 % throughput (≥ 73.3 % at batch 8), ≥ 6.3 % peak memory (≥ 13.6 % at batch 32)',
  );
});

test('a regression that cannot fail the gate (legacy, warn policy) is a warning', () => {
  const comparison = withOutcome({ verdict: 'regression', gate: 'pass', indicativeOnly: true });
  assert.equal(
    line(comparison),
    '⚠️ Regression (indicative only, does not fail the gate): peak memory +15.0 % [+13.4, +16.7] at batch 256',
  );
});

test('inconclusive passes with a warning and the worst undecided gated cell', () => {
  const comparison = withOutcome({ verdict: 'inconclusive', gate: 'pass' });
  assert.equal(line(comparison), '⚠️ Inconclusive: throughput −12.0 % [−22.5, 0.0] at batch 64');
});

test('inconclusive under onInconclusive fail fails the gate', () => {
  const comparison = withOutcome({ verdict: 'inconclusive', gate: 'fail' });
  assert.equal(
    line(comparison),
    '❌ Inconclusive (fails the gate): throughput −12.0 % [−22.5, 0.0] at batch 64',
  );
});

test('an improvement passes and names the largest gain', () => {
  const comparison = withOutcome({ verdict: 'improvement', gate: 'pass' }, 'improvement');
  assert.equal(line(comparison), '✅ Pass: improvement, throughput −12.0 % [−22.5, 0.0] at batch 64');
});

test('no change passes and still shows the largest change measured', () => {
  const comparison = withOutcome({ verdict: 'no-change', gate: 'pass' });
  assert.match(
    line(comparison),
    /^✅ Pass: no change beyond the thresholds; largest change peak memory \+15\.0 % /,
  );
});

test('a skipped comparison and a forced failure say why', () => {
  const reasons = ["not compared: the baseline is from another machine and onMachineMismatch is 'skip'"];
  assert.equal(
    line(withOutcome({ verdict: 'inconclusive', gate: 'skipped', reasons })),
    `⚠️ Skipped: ${escapeMarkdown(reasons[0] ?? '')}`,
  );
  const forced = ["machine mismatch (cpu: A vs B) with onMachineMismatch 'fail'"];
  assert.equal(
    line(withOutcome({ verdict: 'no-change', gate: 'fail', reasons: forced })),
    `❌ Gate fails: ${escapeMarkdown(forced[0] ?? '')}`,
  );
});

test('machine-mismatch and legacy comparisons say so under the verdict', () => {
  const comparison = loadFixtureComparison();
  const mismatch: Comparison = {
    ...comparison,
    baseline: { ...comparison.baseline, origin: 'legacy' },
    machine: { kind: 'different', differences: ['cpu'], softwareDifferences: [], policy: 'normalize' },
  };
  const comment = renderComment({ profile: loadFixtureProfile(), comparison: mismatch });
  assert.match(comment, /\\\(legacy file, 2026-11-20 09:15 UTC\\\)/);
  assert.match(comment, /another machine or configuration \\\(onMachineMismatch normalize\\\)/);
});
