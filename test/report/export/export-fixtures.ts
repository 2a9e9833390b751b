/**
 * Profiles for the export tests: the committed real quick-preset profile (test/report/fixtures/profile.json,
 * ten measured cells with determined intervals and a skipped batch 512), and built ones from
 * test/decide/compare/test-profile.ts for the cases it lacks (one process per cell, a failed cell).
 */
import { readFileSync } from 'node:fs';
import type { BatchCell } from '../../../src/ground/schema/cell-schema.js';
import type { MeasuredBatchCell, MeasuredLengthCell } from '../../../src/ground/schema/cell-schema.js';
import type { Profile } from '../../../src/measure/protocol/profile-schema.js';
import { computeMedian, computeQuantile } from '../../../src/ground/stats/index.js';
import { buildTestProfile, createTestProcess } from '../../decide/compare/test-profile.js';
import { loadFixtureProfile, resolveFixturePath } from '../fixtures/report-fixtures.js';
import type { JsonSchema } from './json-schema-subset.js';

export { loadFixtureProfile };

/** test/fixtures/bencher/bmf.json, Bencher's published BMF JSON Schema (see the README beside it). */
export function loadBmfJsonSchema(): JsonSchema {
  const path = resolveFixturePath('').replace(/report[\\/]fixtures[\\/]$/, 'fixtures/bencher/bmf.json');
  return JSON.parse(readFileSync(path, 'utf8')) as JsonSchema;
}

/** Two batch cells of `processes` worker processes each, plus a failed batch 64 cell. */
export function buildProfileWithFailure(processes: number): Profile {
  const cell = (batchSize: number, speed: number) => ({
    key: { sweep: 'batch' as const, batchSize },
    processes: Array.from({ length: processes }, (_, i) =>
      createTestProcess(speed * (1 + i / 50), batchSize, 300 + i),
    ),
  });
  const profile = buildTestProfile([cell(8, 400), cell(32, 600)]);
  const failed: BatchCell = { batchSize: 64, status: 'failed', error: 'worker exited with code 134' };
  return { ...profile, batchSweep: [...profile.batchSweep, failed] };
}

export function listMeasured(profile: Profile): (MeasuredBatchCell | MeasuredLengthCell)[] {
  return [...profile.batchSweep, ...profile.lengthSweep].flatMap((cell) =>
    cell.status === 'measured' ? [cell] : [],
  );
}

/** The median of the per-process p95 batch latencies, computed here from the raw latencies. */
export function computeMedianProcessP95(cell: MeasuredBatchCell | MeasuredLengthCell): number {
  return computeMedian(cell.processes.map((process) => computeQuantile(process.batchLatenciesMs, 0.95)));
}
