/**
 * The adaptive loop's stop rule: 'every-cell' samples every cell left inconclusive on a gated metric;
 * 'aggregate' does the same while a gated aggregate is undecided, then only the cells whose interval still
 * reaches the threshold on the bad side.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_PROVENANCE } from '../../src/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../src/baseline/from-profile.js';
import { compareProfiles } from '../../src/compare/compare-profiles.js';
import type { Comparison } from '../../src/compare/comparison-schema.js';
import {
  findInconclusiveCells,
  hasDecidedAggregates,
  reachesThreshold,
} from '../../src/gate/inconclusive-cells.js';
import { formatCellLabel } from '../../src/schema/cell-key.js';
import { ALL_CELLS, BATCH_32, BATCH_8, buildGateProfile, createStates, LENGTH_64 } from './gate-fixtures.js';

const profile = buildGateProfile(
  ALL_CELLS,
  createStates(
    new Map([
      [BATCH_8, [1000, 1010, 990]],
      [BATCH_32, [2000, 2020, 1980]],
      [LENGTH_64, [3000, 3030, 2970]],
    ]),
  ),
);
const template = compareProfiles(
  createBaselineFromProfile(profile, { name: 'main', provenance: EMPTY_PROVENANCE }),
  profile,
);

/** The template with throughput inconclusive at `label`, its interval [low, high]. */
function widen(comparison: Comparison, label: string, low: number, high: number): Comparison {
  return {
    ...comparison,
    cells: comparison.cells.map((cell) =>
      cell.label !== label
        ? cell
        : {
            ...cell,
            metrics: cell.metrics.map((metric) =>
              metric.metric !== 'throughput'
                ? metric
                : {
                    ...metric,
                    verdict: 'inconclusive' as const,
                    interval: { kind: 'determined' as const, low, high, confidence: 0.95, df: 3 },
                  },
            ),
          },
    ),
  };
}

function undecideAggregate(comparison: Comparison): Comparison {
  return {
    ...comparison,
    aggregates: comparison.aggregates.map((item) =>
      item.metric === 'throughput' ? { ...item, verdict: 'inconclusive' as const } : item,
    ),
  };
}

const labels = (comparison: Comparison, rule: 'aggregate' | 'every-cell') =>
  findInconclusiveCells(comparison, ALL_CELLS, rule).map(formatCellLabel);

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
  const comparison: Comparison = {
    ...template,
    cells: template.cells.map((cell) => ({
      ...cell,
      metrics: cell.metrics.map((metric) =>
        metric.metric === 'peakMemoryMB' && cell.label === 'batch 8'
          ? {
              ...metric,
              verdict: 'inconclusive' as const,
              interval: { kind: 'undetermined' as const, reason: 'one pair' },
            }
          : metric,
      ),
    })),
  };
  assert.deepEqual(labels(comparison, 'aggregate'), ['batch 8']);
});

test('for a lower-is-better metric the bad end is the high one', () => {
  const grown: Comparison = {
    ...template,
    cells: template.cells.map((cell) => ({
      ...cell,
      metrics: cell.metrics.map((metric) =>
        metric.metric === 'peakMemoryMB' && cell.label === 'batch 32'
          ? {
              ...metric,
              verdict: 'inconclusive' as const,
              interval: { kind: 'determined' as const, low: -0.2, high: 0.11, confidence: 0.95, df: 3 },
            }
          : metric,
      ),
    })),
  };
  assert.deepEqual(labels(grown, 'aggregate'), ['batch 32']);
});

test('once a gated metric regressed, the aggregate rule samples nothing more: the check fails anyway', () => {
  const widened = widen(template, 'batch 8', -0.2, -0.01);
  const regressed: Comparison = {
    ...widened,
    cells: widened.cells.map((cell) =>
      cell.label !== 'batch 32'
        ? cell
        : {
            ...cell,
            metrics: cell.metrics.map((metric) =>
              metric.metric === 'throughput' ? { ...metric, verdict: 'regression' as const } : metric,
            ),
          },
    ),
  };
  assert.deepEqual(labels(regressed, 'aggregate'), []);
  assert.deepEqual(labels(regressed, 'every-cell'), ['batch 8']);
});
