import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHistoryAdd } from '../../src/core/run-history-add.js';
import { UsageError } from '../../src/ground/errors.js';
import type { HistoryRecord } from '../../src/ground/schema/history-record-schema.js';
import { createRandom } from '../../src/ground/random/index.js';
import { buildHistorySeries } from '../../src/history/build-series.js';
import { decideHistoryCheck } from '../../src/history/check-history.js';
import { readHistoryStore } from '../../src/history/history-store.js';
import { createServeHistoryRecord } from '../../src/history/to-serve-history-record.js';
import { renderHistoryPage } from '../../src/report/site/render-history-site.js';
import type { ServeProfile } from '../../src/measure/serve/serve-profile-schema.js';
import { buildServeFixture } from '../report/serve/serve-fixtures.js';
import { createCommitId, createTempDir } from './history-fixtures.js';

function buildProfile(knee: number, options: { url?: boolean; reference?: number } = {}): ServeProfile {
  const found = { kind: 'found' as const, ratePerSecond: knee, low: knee * 0.95, high: knee * 1.04 };
  return buildServeFixture({
    sweeps: [
      {
        textsPerRequest: 8,
        capacity: knee * 1.3,
        rates: [25, 50, 100, 150],
        knee: { ...found, bracket: { within: 100, beyond: 150 } },
      },
    ],
    serverMemory: options.url !== true,
    target: options.url === true ? 'url' : 'command',
    referenceRate: options.reference ?? 50,
  });
}

const meta = (night: number) => ({
  commit: createCommitId(night + 1),
  parent: createCommitId(night),
  branch: 'main',
  date: new Date(Date.UTC(2026, 10, 1 + night, 2)).toISOString(),
});

test('history add records a serve profile: each sweep’s knee and reference p95 with their intervals', async () => {
  const dir = createTempDir('serve-history');
  try {
    const profilePath = join(dir, 'serve-profile.json');
    writeFileSync(profilePath, JSON.stringify(buildProfile(120.123456)));
    const store = { kind: 'folder' as const, dir: join(dir, 'store') };
    const readCommitContext = async () => ({ commit: createCommitId(9), parent: null, branch: 'main' });
    const outcome = await runHistoryAdd({ profilePath, store }, { readCommitContext });
    assert.equal(outcome.status, 'added');
    const [stored] = await readHistoryStore(store.dir);
    assert.deepEqual(stored, outcome.record);
    assert.deepEqual(stored?.cells, []);
    assert.equal(stored?.preset, null);
    assert.deepEqual(stored?.serve?.sweeps[0]?.kneeRatePerSecond, {
      value: 120.1,
      lower: 114.1,
      upper: 124.9,
    });
    assert.equal(stored?.serve?.sweeps[0]?.reference?.ratePerSecond, 50);
    assert.equal(stored?.serve?.serverPeakMemoryMB, 217.5);
    assert.match(stored?.machine.modelSpec ?? '', /^serve openai all-MiniLM-L6-v2: node reference-server/);
    await assert.rejects(
      runHistoryAdd({ profilePath, store, comparisonPath: profilePath }, { readCommitContext }),
      (error: unknown) =>
        error instanceof UsageError && /--comparison .*Leave --comparison out/s.test(error.message),
    );
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ ...buildProfile(100), sweeps: [] }));
    await assert.rejects(
      runHistoryAdd({ profilePath: empty, store }, { readCommitContext }),
      (error: unknown) => error instanceof UsageError && /measured no sweep/.test(error.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve records make series of their own: knee, p95 per reference rate, server memory', () => {
  const records = [0, 1, 2].map((night) => createServeHistoryRecord(buildProfile(100 + night), meta(night)));
  records.push(createServeHistoryRecord(buildProfile(104, { reference: 60 }), meta(3)));
  const series = buildHistorySeries(records);
  assert.deepEqual(
    series.map((one) => [one.cellId, one.metric, one.points.length]),
    [
      ['serve:8', 'throughput', 4],
      ['serve:8:50', 'p95LatencyMs', 3],
      ['serve:8:60', 'p95LatencyMs', 1],
      ['serve:server', 'peakMemoryMB', 4],
    ],
  );
  const knee = series[0];
  assert.deepEqual(
    knee?.points.map((point) => [point.value, point.lower]),
    [100, 101, 102, 104].map((value) => [value, Number((value * 0.95).toPrecision(4))]),
  );
  const page = renderHistoryPage(series, { title: 't', repositoryUrl: null, generatedAt: meta(4).date });
  assert.match(page, /serve, 8 texts per request/);
  assert.match(page, /104 requests\/s at the knee/);
  const url = createServeHistoryRecord(buildProfile(100, { url: true }), meta(4));
  assert.notEqual(url.machine.id, records[0]?.machine.id, 'another server is another series');
  assert.equal(url.serve?.serverPeakMemoryMB, null);
});

test('history check fails on a nightly serve knee that dropped 15 %, and passes on noise alone', () => {
  const random = createRandom(21);
  const nightly = (drop: boolean): HistoryRecord[] =>
    Array.from({ length: 20 }, (_, night) => {
      const level = drop && night >= 17 ? 85 : 100;
      const knee = level * Math.exp(0.02 * random.nextNormal());
      return createServeHistoryRecord(buildProfile(knee), meta(night));
    });
  const options = { gatedMetrics: ['throughput'] as const, newestNights: 3, detection: { seed: 1 } };
  const failed = decideHistoryCheck(buildHistorySeries(nightly(true)), options);
  assert.equal(failed.kind, 'fail');
  if (failed.kind !== 'fail') return;
  assert.deepEqual(
    failed.regressions.map((found) => [found.cellId, found.metric]),
    [['serve:8', 'throughput']],
  );
  assert.equal(decideHistoryCheck(buildHistorySeries(nightly(false)), options).kind, 'pass');
});
