import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CellComparison, Comparison } from '../../src/decide/compare/comparison-schema.js';
import { comparisonSchema } from '../../src/decide/compare/comparison-schema.js';
import {
  COMMENT_LIMIT,
  COMMENT_MARKER,
  renderComment,
  renderSummary,
  SUMMARY_LIMIT_BYTES,
} from '../../src/report/index.js';
import type { TestCell } from '../decide/compare/test-profile.js';
import { buildTestProfile, createTestProcess } from '../decide/compare/test-profile.js';
import { loadFixtureComparison, loadFixtureProfile } from './fixtures/report-fixtures.js';
import { HOSTILE } from './hostile-inputs.js';

const LONG_NAME = `${'very-long-model-name-'.repeat(20)}${HOSTILE}`;

/** A regressed comparison of `count` batch cells, every metric worse, with long labels and notes. */
function buildHugeComparison(count: number): Comparison {
  const template = loadFixtureComparison();
  const metrics = template.cells.find((cell) => cell.label === 'batch 256')?.metrics ?? [];
  const cells: CellComparison[] = Array.from({ length: count }, (_unused, index) => ({
    key: { sweep: 'batch', batchSize: index + 1 },
    label: `batch ${index + 1} ${LONG_NAME}`,
    metrics: metrics.map((metric) => ({
      ...metric,
      gated: true,
      verdict: 'regression',
      estimate: metric.direction === 'higher-is-better' ? -0.1 - index / 1000 : 0.1 + index / 1000,
    })),
  }));
  const notes = Array.from({ length: 120 }, (_unused, index) => `note ${index}: ${LONG_NAME}`);
  return comparisonSchema.parse({
    ...template,
    baseline: { ...template.baseline, name: LONG_NAME },
    current: { ...template.current, modelSpec: LONG_NAME },
    cells,
    overall: { ...template.overall, verdict: 'regression', gate: 'fail', notes, reasons: notes },
  });
}

function countMarkers(text: string): number {
  return text.split(COMMENT_MARKER).length - 1;
}

test('comment.md of 300 regressed cells with long names fits in 65,536 characters, verdict first, one marker', () => {
  const profile = loadFixtureProfile();
  profile.model.spec = LONG_NAME.repeat(100);
  const comment = renderComment({ profile, comparison: buildHugeComparison(300) });
  assert.ok(comment.length <= COMMENT_LIMIT, `${comment.length} characters`);
  assert.match(comment, /^❌ Regression: throughput −39\.9 % \[[^\]]+\] at batch 300 very-long-model-name-/);
  assert.equal(countMarkers(comment), 1);
  assert.ok(comment.trimEnd().endsWith(COMMENT_MARKER), 'the marker closes the comment');
  assert.match(comment, /_\d+ more rows omitted; see the artifact\._/);
  assert.ok(comment.length > COMMENT_LIMIT * 0.8, 'the room is used, not wasted');
});

test('comment.md keeps the worst rows: the table is sorted worst first before it is cut', () => {
  const comment = renderComment({ profile: loadFixtureProfile(), comparison: buildHugeComparison(300) });
  const firstRow = comment.split('\n').find((line) => line.startsWith('| throughput |'));
  assert.ok(firstRow?.includes('| batch 300 '), firstRow);
});

test('comment.md without a comparison on a 1,000-cell profile fits and says rows were omitted', () => {
  const cells: TestCell[] = Array.from({ length: 1000 }, (_unused, index) => ({
    key: { sweep: 'batch', batchSize: index + 1 },
    processes: [createTestProcess(1000, index + 1), createTestProcess(1010, index + 1)],
  }));
  const profile = buildTestProfile(cells, { model: { spec: LONG_NAME } });
  profile.warnings = Array.from({ length: 200 }, () => LONG_NAME);
  const comment = renderComment({ profile, comparison: null });
  assert.ok(comment.length <= COMMENT_LIMIT, `${comment.length} characters`);
  assert.match(comment, /^ℹ️ Profile without a baseline/);
  assert.equal(countMarkers(comment), 1);
  assert.match(comment, /more rows omitted; see the artifact/);
});

test('summary.md of a huge comparison stays within 1 MiB', () => {
  const summary = renderSummary({ profile: loadFixtureProfile(), comparison: buildHugeComparison(3000) });
  assert.ok(Buffer.byteLength(summary) <= SUMMARY_LIMIT_BYTES, `${Buffer.byteLength(summary)} bytes`);
  assert.match(summary, /^## embedprof\n\n❌ Regression: /);
  assert.match(summary, /omitted; see the artifact/);
});
