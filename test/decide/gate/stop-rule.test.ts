/**
 * The adaptive loop's stop rule: 'every-cell' samples every cell left inconclusive on a gated metric;
 * 'aggregate' does the same while a gated aggregate is undecided, then only the cells whose interval still
 * reaches the threshold on the bad side.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Comparison } from '../../../src/decide/compare/comparison-schema.js';
import {
  findCellsToSample,
  hasDecidedAggregates,
  reachesThreshold,
} from '../../../src/decide/gate/inconclusive-cells.js';
import { formatCellLabel } from '../../../src/ground/schema/cell-key.js';
import { ALL_CELLS, createTemplateComparison } from './gate-fixtures.js';

const { template } = createTemplateComparison();
type MetricComparison = Comparison['cells'][number]['metrics'][number];

/** `comparison` with `patch` applied to `metric` of the cell labelled `label`. */
function patchMetric(
  comparison: Comparison,
  label: string,
  metric: MetricComparison['metric'],
  patch: Partial<MetricComparison>,
): Comparison {
  return {
    ...comparison,
    cells: comparison.cells.map((cell) =>
      cell.label !== label
        ? cell
        : {
            ...cell,
            metrics: cell.metrics.map((item) => (item.metric === metric ? { ...item, ...patch } : item)),
          },
    ),
  };
}

const inconclusive = (low: number, high: number): Partial<MetricComparison> => ({
  verdict: 'inconclusive',
  interval: { kind: 'determined', low, high, confidence: 0.95, df: 3 },
});

/** The template with throughput inconclusive at `label`, its interval [low, high]. */
const widen = (comparison: Comparison, label: string, low: number, high: number): Comparison =>
  patchMetric(comparison, label, 'throughput', inconclusive(low, high));

function undecideAggregate(comparison: Comparison): Comparison {
  return {
    ...comparison,
    aggregates: comparison.aggregates.map((item) =>
      item.metric === 'throughput' ? { ...item, verdict: 'inconclusive' as const } : item,
    ),
  };
}

const labels = (comparison: Comparison, rule: 'aggregate' | 'every-cell') =>
  findCellsToSample(comparison, ALL_CELLS, rule).map(formatCellLabel);

test('the template decides every aggregate; a cell within ±T is cleared, one reaching −T is not', () => {
  assert.equal(hasDecidedAggregates(template), true);
  const narrow = widen(template, 'batch 8', -0.08, 0.06);
  const wide = widen(narrow, 'batch 32', -0.12, 0.02);
  assert.deepEqual(labels(wide, 'every-cell'), ['batch 8', 'batch 32']);
  assert.deepEqual(labels(wide, 'aggregate'), ['batch 32'], 'batch 8 cannot be 10 % worse');
  const cell = wide.cells.find((item) => item.label === 'batch 32');
  const throughput = cell?.metrics.find((metric) => metric.metric === 'throughput');
  assert.ok(throughput !== undefined && reachesThreshold(throughput));
});

test('while a gated aggregate is undecided, every inconclusive cell is sampled', () => {
  const comparison = undecideAggregate(widen(template, 'batch 8', -0.08, 0.06));
  assert.equal(hasDecidedAggregates(comparison), false);
  assert.deepEqual(labels(comparison, 'aggregate'), ['batch 8']);
});

test('an undetermined interval always counts as reaching the threshold', () => {
  const comparison = patchMetric(template, 'batch 8', 'peakMemoryMB', {
    verdict: 'inconclusive',
    interval: { kind: 'undetermined', reason: 'one pair' },
  });
  assert.deepEqual(labels(comparison, 'aggregate'), ['batch 8']);
});

test('for a lower-is-better metric the bad end is the high one', () => {
  const grown = patchMetric(template, 'batch 32', 'peakMemoryMB', inconclusive(-0.2, 0.11));
  const shrunk = patchMetric(template, 'batch 32', 'peakMemoryMB', inconclusive(-0.2, 0.09));
  assert.deepEqual(labels(grown, 'aggregate'), ['batch 32']);
  assert.deepEqual(labels(shrunk, 'aggregate'), []);
});

test('once a gated metric regressed, the aggregate rule samples nothing more: the check fails anyway', () => {
  const widened = widen(template, 'batch 8', -0.2, -0.01);
  const regressed = patchMetric(widened, 'batch 32', 'throughput', { verdict: 'regression' });
  assert.deepEqual(labels(regressed, 'aggregate'), []);
  assert.deepEqual(labels(regressed, 'every-cell'), ['batch 8']);
});
