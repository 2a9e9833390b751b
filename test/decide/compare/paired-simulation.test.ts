/**
 * Seeded simulation of duet mode's paired design (paired-duet.ts: regime walk, 2 % noise, 5 % slow processes).
 * The paired design must keep A/A false alarms ≤ 1/30 and catch 5 % and 10 % drops; the independent design
 * on the very same data must be the worse detector — that is the reason duet mode exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import type { CompareOptions, Comparison } from '../../../src/decide/compare/index.js';
import { compareProfiles } from '../../../src/decide/compare/index.js';
import { compareDuet, DUET_CELLS as CELLS, simulateDuet } from './paired-duet.js';
import { buildTestProfile } from './test-profile.js';

const SCALE = Number(process.env.EMBEDPROF_SIM_TRIALS ?? 1);

function rateFailures(seed: number, trials: number, pairs: number, factor: number, options: CompareOptions) {
  let failures = 0;
  const n = Math.round(trials * SCALE);
  for (let trial = 0; trial < n; trial++) {
    if (compareDuet(seed * 7919 + trial, pairs, factor, options).overall.gate === 'fail') failures++;
  }
  return failures / n;
}

const PAIRED: CompareOptions = { design: 'paired' };
const INDEPENDENT: CompareOptions = { design: 'independent', speedRegimes: 'ignore' };

test('paired A/A: false alarms ≤ 1/30 with 3 and 5 pairs', (t) => {
  for (const pairs of [3, 5]) {
    const rate = rateFailures(11, 300, pairs, 1, PAIRED);
    t.diagnostic(`paired A/A, ${pairs} pairs: false alarms ${rate}`);
    assert.ok(rate <= 1 / 30, `${pairs} pairs: ${rate}`);
  }
});

test('paired: a 10 % drop is caught ≥ 99 % and a 5 % drop ≥ 90 % with 5 pairs', (t) => {
  const ten = rateFailures(12, 200, 5, 0.9, PAIRED);
  const five = rateFailures(13, 200, 5, 0.95, { ...PAIRED, maxThroughputDrop: 0.05 });
  t.diagnostic(`paired detection with 5 pairs: 10 % → ${ten}, 5 % (threshold 5 %) → ${five}`);
  assert.ok(ten >= 0.99, `10 %: ${ten}`);
  assert.ok(five >= 0.9, `5 %: ${five}`);
});

function measureAggregateWidth(seed: number, options: CompareOptions): number {
  const aggregate = compareDuet(seed, 3, 1, options).aggregates.find((item) => item.metric === 'throughput');
  const interval = aggregate?.interval;
  return interval?.kind === 'determined' ? interval.high - interval.low : Infinity;
}

test('on the same duet data the paired interval is at least 1.5× narrower than the independent one', (t) => {
  const ratios = Array.from({ length: Math.round(100 * SCALE) }, (_, trial) => {
    const seed = 14 * 7919 + trial;
    return measureAggregateWidth(seed, INDEPENDENT) / measureAggregateWidth(seed, PAIRED);
  }).sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)] ?? 0;
  t.diagnostic(`3 pairs, A/A: median width ratio independent / paired = ${median.toFixed(2)}`);
  assert.ok(median >= 1.5, `median ratio ${median}`);
});

test('the paired design says so, pairs the processes, and treats a changed model as the change under test', () => {
  const { base, head } = simulateDuet(15, 4, 0.8);
  const changed = { ...head, model: { ...head.model, sha256: 'f'.repeat(64) } };
  const baseline = createBaselineFromProfile(base, { name: 'base', provenance: EMPTY_PROVENANCE });
  const reference = { kind: 'base-ref' as const, ref: 'HEAD~1', commit: 'a'.repeat(40) };
  const comparison = compareProfiles(baseline, changed, PAIRED, reference);
  assert.equal(comparison.settings.design, 'paired');
  assert.deepEqual(comparison.reference, reference);
  assert.equal(comparison.machine.kind, 'same');
  assert.match(comparison.overall.notes[0] ?? '', /^duet mode: the base \(HEAD~1 = a{12}\)/);
  assert.equal(comparison.overall.gate, 'fail');
  const throughput = comparison.cells[0]?.metrics.find((metric) => metric.metric === 'throughput');
  assert.equal(throughput?.baseline.processes, 4);
  const used = throughput?.current.used ?? 0;
  assert.equal(throughput?.baseline.used, used);
  assert.equal(throughput?.interval.kind === 'determined' && throughput.interval.df, used - 1);
});

test('the notes say whether the two sides ran in the same speed regime', () => {
  const cell = (probe: number) => ({
    key: { sweep: 'batch' as const, batchSize: 8 },
    processes: [1, 2, 3].map(() => ({
      textsPerSecond: 10 * probe,
      probeGflops: probe,
      peakMB: 100,
      latenciesMs: [1],
    })),
  });
  const slow = createBaselineFromProfile(buildTestProfile([cell(100)]), {
    name: 'b',
    provenance: EMPTY_PROVENANCE,
  });
  const independent = compareProfiles(slow, buildTestProfile([cell(200)]));
  assert.ok(
    independent.overall.notes.includes(
      'baseline ran mostly in 100–100, this run in 200–200: the two were measured in different speed regimes',
    ),
    independent.overall.notes.join('\n'),
  );
  const paired = compareProfiles(slow, buildTestProfile([cell(200)]), PAIRED);
  assert.ok(
    paired.overall.notes.some((note) =>
      /^base ran mostly in 100–100, head in 200–200: pairs of neighbouring processes share/.test(note),
    ),
  );
});

/** Every compared metric's Δ is current ÷ baseline − 1 of the geometric means the tables show beside it. */
function assertSidesGiveTheChange(comparison: Comparison, label: string): number {
  let checked = 0;
  for (const cell of comparison.cells) {
    for (const metric of cell.metrics) {
      if (metric.estimate === null) continue;
      const fromSides = metric.current.geometricMean / metric.baseline.geometricMean - 1;
      const message = `${label}: ${cell.label} ${metric.metric} (${metric.basis})`;
      assert.ok(
        Math.abs(fromSides - metric.estimate) < 1e-9,
        `${message}: ${fromSides} vs ${metric.estimate}`,
      );
      checked++;
    }
  }
  return checked;
}

test('the sides a table shows give its Δ exactly, paired or not, outliers and regimes dropped alike', () => {
  let checked = 0;
  for (let seed = 1; seed <= 20; seed++) {
    checked += assertSidesGiveTheChange(compareDuet(seed, 5, 0.9, PAIRED), `paired, seed ${seed}`);
    checked += assertSidesGiveTheChange(compareDuet(seed, 5, 0.9, {}), `independent, seed ${seed}`);
  }
  assert.ok(checked >= 20 * 2 * CELLS.length * 2, `checked ${checked} metrics`);
});
