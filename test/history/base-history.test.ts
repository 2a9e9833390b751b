/** The comment's line per gated metric from the base branch's history: the newest value and the last change point. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHistorySeries } from '../../src/history/build-series.js';
import { summarizeBaseHistory } from '../../src/history/summarize-base-history.js';
import { createRandom } from '../../src/ground/random/index.js';
import { describeBaseHistory } from '../../src/report/facts/run-context.js';
import { loadFixtureComparison } from '../report/fixtures/report-fixtures.js';
import { createCommitId, createNightRecord } from './history-fixtures.js';

function buildNights(count: number, stepAt: number | null) {
  const random = createRandom(11);
  return Array.from({ length: count }, (_, night) =>
    createNightRecord(night, { random, level: stepAt !== null && night >= stepAt ? 880 : 1000 }),
  );
}

test('a 12 % step five runs ago is named with its commit; a flat metric says how many runs it has seen', () => {
  const comparison = loadFixtureComparison();
  const series = buildHistorySeries(buildNights(16, 11));
  const history = summarizeBaseHistory(series, comparison, 'main', 'origin/embedprof-data');
  assert.ok(history !== null);
  const [throughput, memory] = history.entries;
  assert.equal(throughput?.metric, 'throughput');
  assert.equal(throughput?.cell, 'batch 32');
  assert.equal(throughput?.runs, 16);
  assert.equal(throughput?.lastChange?.commit, createCommitId(11));
  assert.equal(throughput?.lastChange?.runsAgo, 4);
  assert.ok(Math.abs((throughput?.lastChange?.magnitude ?? 0) + 0.12) < 0.03, JSON.stringify(throughput));
  assert.equal(memory?.metric, 'peakMemoryMB');
  assert.equal(memory?.lastChange, null);
  const line = describeBaseHistory({ ...comparison, baseHistory: history });
  assert.match(
    line ?? '',
    /^History of main \(origin\/embedprof-data\): batch 32 throughput [\d,]+ texts\/s; last change point −1\d\.\d % at 0000000c0000, 4 runs ago \(16 runs\); batch 32 peak memory \d+ MB, no change point in 16 runs\.$/,
  );
});

test('no history, or no series of the comparison’s cells, gives no line', () => {
  const comparison = loadFixtureComparison();
  assert.equal(summarizeBaseHistory([], comparison, 'main', 'store'), null);
  assert.equal(describeBaseHistory(comparison), null);
});
