import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHART_NAMES, renderHtmlReport } from '../../src/report/index.js';
import { buildTestProfile, createTestProcess } from '../decide/compare/test-profile.js';
import { loadFixtureComparison, loadFixtureProfile } from './fixtures/report-fixtures.js';
import { assertBalancedTags, findFetchingReferences, listDataCharts } from './html-checks.js';

const compared = renderHtmlReport({ profile: loadFixtureProfile(), comparison: loadFixtureComparison() });
const profileOnly = renderHtmlReport({ profile: loadFixtureProfile(), comparison: null });
const bare = renderHtmlReport({
  profile: buildTestProfile([
    {
      key: { sweep: 'batch', batchSize: 8 },
      processes: [createTestProcess(900, 8), createTestProcess(910, 8)],
    },
    {
      key: { sweep: 'batch', batchSize: 32 },
      processes: [createTestProcess(1200, 32), createTestProcess(1190, 32)],
    },
  ]),
  comparison: null,
});

test('report.html fetches nothing: no URL, no src/href, no script, link, image or external CSS', () => {
  for (const html of [compared, profileOnly, bare]) {
    assert.deepEqual(findFetchingReferences(html), []);
    assert.doesNotMatch(html, /https?:\/\//, 'no URL anywhere, not even in text');
  }
  assert.match(
    compared,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/,
  );
});

test('report.html has one data-chart per expected chart', () => {
  assert.deepEqual(listDataCharts(compared), [
    'comparison',
    'throughput-vs-batch',
    'latency-vs-batch',
    'throughput-vs-length',
    'tokens-vs-length',
    'memory-per-batch',
    'leak-check',
    'stage-shares',
    'top-operators',
  ]);
  assert.deepEqual([...listDataCharts(compared)].sort(), [...CHART_NAMES].sort());
  assert.deepEqual(listDataCharts(profileOnly), listDataCharts(compared).slice(1), 'all but the comparison');
  // No analysis and no length sweep: only what was measured is drawn.
  assert.deepEqual(listDataCharts(bare), ['throughput-vs-batch', 'latency-vs-batch', 'memory-per-batch']);
});

test('report.html is a balanced HTML5 document with inline style, light and dark themes, no script', () => {
  for (const html of [compared, profileOnly, bare]) {
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'));
    assertBalancedTags(html);
    assert.equal((html.match(/<style>/g) ?? []).length, 1);
    assert.match(html, /@media \(prefers-color-scheme: dark\)/);
    assert.match(html, /color-scheme: light dark/);
    assert.doesNotMatch(html, /<script|\bon[a-z]+=/i);
  }
});

test('every chart is an accessible <svg role="img"> with a <title> and a <desc> it is labelled by', () => {
  for (const svg of compared.match(/<svg\b[\s\S]*?<\/svg>/g) ?? []) {
    const name = /data-chart="([^"]+)"/.exec(svg)?.[1] ?? '';
    assert.match(svg, /^<svg role="img" data-chart="/);
    assert.match(svg, new RegExp(`aria-labelledby="chart-${name}-title chart-${name}-desc"`));
    assert.match(svg, new RegExp(`<title id="chart-${name}-title">[^<]+</title>`));
    assert.match(svg, new RegExp(`<desc id="chart-${name}-desc">[^<]+</desc>`));
  }
});

test('every table has a caption, column headers with scope and row headers', () => {
  const tables = compared.match(/<table>[\s\S]*?<\/table>/g) ?? [];
  assert.ok(tables.length >= 10, `${tables.length} tables`);
  for (const table of tables) {
    assert.match(
      table,
      /^<table>\n<caption>[^<]+<\/caption>\n<thead><tr>(<th scope="col">[^<]*<\/th>)+<\/tr><\/thead>/,
    );
    for (const row of table.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>.*<\/tr>/g) ?? []) {
      assert.match(row, /^<tr><th scope="row">/);
    }
  }
});

test('report.html leads with the verdict and the comparison, and shows the skipped cell with its reason', () => {
  assert.match(
    compared,
    /<p class="verdict fail">❌ Regression: peak memory \+15\.0 % \[\+13\.4, \+16\.7\] at batch 256 · could detect ≥ 11\.7 % throughput \(≥ 73\.3 % at batch 8\), ≥ 6\.3 % peak memory \(≥ 13\.6 % at batch 32\)<\/p>/,
  );
  assert.match(profileOnly, /<p class="verdict info">ℹ️ Profile without a baseline/);
  assert.ok(compared.indexOf('id="comparison"') < compared.indexOf('id="batch"'));
  assert.match(compared, /<li>batch 512: skipped \(memory-cap\): batch 256 peaked at 1051 MB/);
});
