/**
 * A regression only the all-cells aggregate shows (every cell inconclusive on its own, the geometric mean
 * clearly below the threshold): the comparison says which metric's aggregate regressed, by how much and with
 * which interval, and the headline and the action's annotations name it. Built as data, no I/O.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listAnnotations } from '../../../src/faces/action/annotations.js';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { compareProfiles, comparisonSchema, type Comparison } from '../../../src/decide/compare/index.js';
import { describeComparisonVerdict, formatVerdictText } from '../../../src/report/facts/format-verdict.js';
import { sanitizeText } from '../../../src/report/index.js';
import type { TestCell } from './test-profile.js';
import { buildTestProfile, createTestProcess } from './test-profile.js';

const BATCHES = [1, 2, 4, 8, 16, 32];
/** Five processes per cell, ±8 % apart: too few and too noisy for one cell to resolve a 12 % drop. */
const PROCESSES = [1000, 1080, 930, 1040, 960];

function createCells(factor: number): TestCell[] {
  return BATCHES.map((batchSize, j) => ({
    key: { sweep: 'batch', batchSize },
    processes: PROCESSES.map((tps, i) =>
      createTestProcess(tps * factor * (1 + 0.02 * (((i + j) % 3) - 1)), batchSize),
    ),
  }));
}

function compareDrop(factor: number): Comparison {
  const baseline = createBaselineFromProfile(buildTestProfile(createCells(1)), {
    name: 'main',
    provenance: EMPTY_PROVENANCE,
  });
  const comparison = compareProfiles(baseline, buildTestProfile(createCells(factor)));
  return comparisonSchema.parse(JSON.parse(JSON.stringify(comparison)));
}

test('a regression of the aggregate alone is carried as data: metric, estimate and interval', () => {
  const comparison = compareDrop(0.88);
  const throughput = comparison.cells.map((cell) => cell.metrics.find((m) => m.metric === 'throughput'));
  assert.ok(
    throughput.every((metric) => metric?.verdict === 'inconclusive'),
    'no cell resolves the drop on its own',
  );
  assert.equal(comparison.overall.verdict, 'regression');
  assert.equal(comparison.overall.gate, 'fail');
  const [regressed, ...others] = comparison.overall.aggregateRegressions;
  assert.deepEqual(others, []);
  assert.ok(regressed !== undefined);
  assert.equal(regressed.metric, 'throughput');
  assert.equal(regressed.key, null);
  assert.equal(regressed.label, 'all cells');
  assert.ok(Math.abs(regressed.estimate + 0.12) < 1e-9, `${regressed.estimate}`);
  assert.ok(regressed.interval.kind === 'determined' && regressed.interval.high < -0.05);
});

test('the headline and an error annotation name the aggregate that regressed', () => {
  const comparison = compareDrop(0.88);
  const headline = formatVerdictText(describeComparisonVerdict(comparison), sanitizeText);
  assert.match(
    headline,
    /^❌ Regression: throughput −12\.0 % \[−14\.8, −9\.1\] across all cells( · |$)/,
    headline,
  );
  const errors = listAnnotations(comparison).filter((annotation) => annotation.level === 'error');
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.match(
    errors[0]?.message ?? '',
    /^throughput across all cells: −12\.0 % \[−14\.8, −9\.1\]: geometric mean/,
  );
});

test('a regressed cell still heads the line when one exists', () => {
  const headline = formatVerdictText(describeComparisonVerdict(compareDrop(0.85)), sanitizeText);
  assert.match(headline, /^❌ Regression: throughput −15\.0 % \[.*\] at batch \d+/, headline);
});
