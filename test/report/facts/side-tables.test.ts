import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Comparison } from '../../../src/decide/compare/comparison-schema.js';
import { renderComparisonCsv } from '../../../src/report/export/csv.js';
import { buildQualityTable, buildSideChangesTable } from '../../../src/report/facts/side-tables.js';
import { renderHtmlReport } from '../../../src/report/index.js';
import { loadFixtureComparison, loadFixtureProfile } from '../fixtures/report-fixtures.js';

const facts = (sha256: string, initializerBytes: number) => ({
  sha256,
  bytes: initializerBytes + 100_000,
  initializerBytes,
  parameters: 22_565_376,
  nodes: 354,
  opset: 17,
  weightTypes: ['float32', 'int8'],
});

/** The fixture comparison as a duet's: embeddings compared, a package and the model changed. */
function withSides(drifted: boolean): Comparison {
  return {
    ...loadFixtureComparison(),
    quality: {
      reference: 'base',
      agreement: { texts: 64, meanCosine: drifted ? 0.4 : 0.99712, minCosine: 0.98, p01Cosine: 0.981 },
      failure: null,
      maxDrop: 0.02,
      drifted,
    },
    sideChanges: {
      packages: [{ name: 'onnxruntime-node', base: '1.22.0', head: '1.30.0' }],
      model: {
        base: facts('2205ecc3ba07aaaa', 22_661_947),
        head: facts('17bc481f25f1bbbb', 41_536_315),
        operators: [{ opType: 'MatMul', base: 12, head: 20 }],
      },
    },
  };
}

test('the quality table: the figures and the gate; absent outside duet mode', () => {
  const table = buildQualityTable(withSides(true));
  assert.deepEqual(table?.rows, [
    ['texts', '64'],
    ['mean cosine', '0.40000'],
    ['min cosine', '0.98000'],
    ['1st percentile', '0.98100'],
    ['gate', 'fails below a mean cosine of 0.98000: drifted'],
  ]);
  assert.equal(buildQualityTable({ ...withSides(false), quality: null }), null);
});

test('the side-changes table: packages, then the model facts and the operators whose count changed', () => {
  const table = buildSideChangesTable(withSides(false));
  assert.deepEqual(table?.rows.slice(0, 2), [
    ['onnxruntime-node', '1.22.0', '1.30.0'],
    ['model SHA-256', '2205ecc3ba07', '17bc481f25f1'],
  ]);
  assert.deepEqual(table?.rows.at(-1), ['MatMul nodes', '12', '20']);
  assert.ok(table?.rows.some((row) => row[0] === 'weights' && row[1] === '22.7 MB' && row[2] === '41.5 MB'));
  assert.equal(buildSideChangesTable({ ...withSides(false), sideChanges: null }), null);
});

test('report.html and comparison.csv carry both', () => {
  const comparison = withSides(true);
  const input = { profile: loadFixtureProfile(), comparison };
  const html = renderHtmlReport(input);
  assert.match(
    html,
    /Embeddings: the head&#39;s against the base&#39;s|Embeddings: the head's against the base's/,
  );
  assert.match(html, /What differs between the sides besides the code/);
  const csv = renderComparisonCsv(input).trim().split('\n');
  const rows = csv.filter((line) => line.startsWith('sample,'));
  assert.equal(rows.length, 3);
  assert.match(
    rows[0] ?? '',
    /^sample,,,embeddings \(64 texts\),meanCosine,cosine,per text,true,1,0\.4,1,0\.4,-0\.6,.*,64,64,drifted$/,
  );
});
