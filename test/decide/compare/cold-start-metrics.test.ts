import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { baselineSchema, EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { compareBaselines, compareProfiles } from '../../../src/decide/compare/compare-profiles.js';
import { resolveCompareOptions } from '../../../src/decide/compare/compare-options.js';
import { renderProfileCsv } from '../../../src/report/export/csv.js';
import { listFindings } from '../../../src/report/facts/report-findings.js';
import { createHistoryRecord } from '../../../src/history/to-history-record.js';
import { parseSettingText } from '../../../src/faces/settings/resolve-settings.js';
import type { Profile } from '../../../src/measure/protocol/profile-schema.js';
import { loadFixtureProfile } from '../../report/fixtures/report-fixtures.js';

const META = { commit: 'a'.repeat(40), parent: null, branch: 'main', date: '2026-12-07T00:00:00.000Z' };

/** The fixture profile with every process given a cold start: boot, `loadMs` × (1 + tiny jitter), a first batch. */
function withColdStart(profile: Profile, loadMs: number): Profile {
  let index = 0;
  const addParts = <T extends Profile['batchSweep'][number] | Profile['lengthSweep'][number]>(cell: T): T => {
    if (cell.status !== 'measured') return cell;
    const processes = cell.processes.map((process) => {
      const jitter = 1 + 0.01 * ((index++ % 5) - 2);
      const parts = { bootMs: 300 * jitter, loadMs: loadMs * jitter, firstBatchMs: 50 };
      return { ...process, coldStart: { ...parts, totalMs: parts.bootMs + parts.loadMs + 50 } };
    });
    return { ...cell, processes };
  };
  return {
    ...profile,
    batchSweep: profile.batchSweep.map(addParts),
    lengthSweep: profile.lengthSweep.map(addParts),
  };
}

function toBaseline(profile: Profile) {
  return createBaselineFromProfile(profile, { name: 'main', provenance: EMPTY_PROVENANCE });
}

test('fail-on cold-start gates the time to first embedding and RSS after load; neither is gated by default', () => {
  const flag = { kind: 'flag' } as const;
  const names = parseSettingText('failOn', 'throughput,cold-start', 'cli', flag);
  assert.deepEqual(names, ['throughput', 'cold-start']);
  const defaults = resolveCompareOptions();
  assert.deepEqual(defaults.gated, ['throughput', 'peakMemoryMB']);
  assert.equal(defaults.thresholds.coldStartMs, 0.2);
  const chosen = resolveCompareOptions({
    maxColdStartGrowth: 0.3,
    metrics: { coldStartMs: { gated: true }, loadRssMB: { gated: true } },
  });
  assert.equal(chosen.thresholds.coldStartMs, 0.3);
  assert.equal(chosen.thresholds.loadRssMB, 0.3);
  assert.deepEqual(chosen.gated, ['throughput', 'peakMemoryMB', 'coldStartMs', 'loadRssMB']);
});

test('bad input: fail-on, max-cold-start-growth and max-quality-drop name the flag, the input and the config key', () => {
  const flag = { kind: 'flag' } as const;
  assert.throws(
    () => parseSettingText('failOn', 'throughput,coldstart', 'cli', flag),
    /--fail-on: expected a comma-separated list of throughput, memory, latency, cold-start, or none/,
  );
  assert.throws(
    () => parseSettingText('maxColdStartGrowth', '-0.1', 'cli', flag),
    /--max-cold-start-growth: expected a positive number, received "-0\.1"/,
  );
  assert.throws(
    () => parseSettingText('maxQualityDrop', '2', 'action', { kind: 'input' }),
    /input max-quality-drop: expected a fraction between 0 and 1 \(0\.10 = 10 %\), received "2"/,
  );
  assert.equal(parseSettingText('maxQualityDrop', '0.02', 'cli', flag), 0.02);
});

test('a baseline keeps each process’s cold start; one without it (an older file) still parses', () => {
  const baseline = toBaseline(withColdStart(loadFixtureProfile(), 400));
  const cell = baseline.cells[0];
  assert.ok(cell !== undefined);
  assert.equal(cell.coldStartMs?.length, cell.throughput.length);
  assert.ok((cell.coldStartMs ?? []).every((ms) => ms > 700 && ms < 800));
  assert.equal(cell.loadRssMB?.length, cell.throughput.length);
  baselineSchema.parse(baseline);
  const older = toBaseline(loadFixtureProfile());
  assert.equal(older.cells[0]?.coldStartMs, null);
  baselineSchema.parse(JSON.parse(JSON.stringify({ ...older, cells: older.cells.map(dropColdStart) })));
});

function dropColdStart<T extends { coldStartMs?: unknown; loadRssMB?: unknown }>(cell: T) {
  const copy = { ...cell };
  delete copy.coldStartMs;
  delete copy.loadRssMB;
  return copy;
}

test('a 300 ms slower embedder creation is a cold-start regression when gated; the same start is no change', () => {
  const base = toBaseline(withColdStart(loadFixtureProfile(), 400));
  const gated = { metrics: { coldStartMs: { gated: true }, loadRssMB: { gated: true } } };
  const slower = compareProfiles(base, withColdStart(loadFixtureProfile(), 700), gated);
  const cold = slower.aggregates.find((item) => item.metric === 'coldStartMs');
  assert.equal(cold?.verdict, 'regression');
  assert.ok(Math.abs((cold?.estimate ?? 0) - 300 / 750) < 0.02, `+40 %: ${cold?.estimate}`);
  assert.equal(slower.overall.verdict, 'regression');
  const same = compareBaselines(base, toBaseline(withColdStart(loadFixtureProfile(), 400)), gated);
  assert.equal(same.aggregates.find((item) => item.metric === 'coldStartMs')?.verdict, 'no-change');
  const older = compareProfiles(toBaseline(loadFixtureProfile()), loadFixtureProfile(), gated);
  assert.equal(
    older.aggregates.find((item) => item.metric === 'coldStartMs'),
    undefined,
    'nothing to compare',
  );
});

test('profile.csv, the report summary and the history record carry the cold start', () => {
  const profile = withColdStart(loadFixtureProfile(), 400);
  const csv = renderProfileCsv({ profile, comparison: null });
  assert.match(csv, /\nbatch,\d+,,cold_start,ms,7\d\d(\.\d+)?,7\d\d/);
  assert.match(csv, /\nbatch,\d+,,rss_after_load,MB,/);
  assert.doesNotMatch(renderProfileCsv({ profile: loadFixtureProfile(), comparison: null }), /cold_start/);
  const finding = listFindings(profile).find((line) => line.startsWith('Cold start: '));
  assert.match(
    finding ?? '',
    /^Cold start: 750 ms to the first embedding \(process start 300 ms, embedder created 400 ms, first batch 50\.0 ms; medians over \d+ fresh processes\), RSS after load \d+ MB\.$/,
  );
  const record = createHistoryRecord(profile, META);
  const cell = record.cells.find((each) => each.status === 'measured');
  assert.ok(cell?.status === 'measured');
  assert.equal(cell.coldStartMs?.length, cell.throughput.length);
});
