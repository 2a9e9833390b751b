/**
 * Turns a profile.json into a baseline: the measured cells' per-process samples, the fingerprint and the
 * memory summary. Pure. Skipped and failed cells are left out (a comparison reports them as unmatched).
 */
import { createUsageError } from '../../ground/errors.js';
import type {
  MeasuredBatchCell,
  MeasuredLengthCell,
  ProcessSample,
} from '../../ground/schema/cell-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { computeQuantile } from '../../ground/stats/index.js';
import type { Baseline, BaselineCell, Provenance } from './baseline-schema.js';
import type { CellKey } from '../../ground/schema/cell-key.js';
import { BASELINE_NAME_PATTERN, BASELINE_SCHEMA_VERSION } from './baseline-schema.js';
import { createFingerprint } from './fingerprint.js';

export interface BaselineIdentity {
  /** File name stem: `baselines/${name}.json`. */
  name: string;
  provenance: Provenance;
}

/** Throws a UsageError unless `name` can be a baseline file name. */
export function assertBaselineName(name: string, input = '--name'): void {
  if (!BASELINE_NAME_PATTERN.test(name)) {
    throw createUsageError({
      input,
      expected: 'a baseline name of letters, digits, ".", "_" or "-" (at most 128, not starting with . _ -)',
      received: JSON.stringify(name),
      fix: 'Choose a name such as "main" or "ubuntu-2-cores"; it becomes baselines/NAME.json.',
    });
  }
}

/** 95th percentile of one process's batch latencies, or null when it has none (or only zeros). */
function computeProcessP95(process: ProcessSample): number | null {
  if (process.batchLatenciesMs.length === 0) return null;
  const p95 = computeQuantile(process.batchLatenciesMs, 0.95);
  return p95 > 0 ? p95 : null;
}

function collectP95(processes: readonly ProcessSample[]): number[] | null {
  const values: number[] = [];
  for (const process of processes) {
    const p95 = computeProcessP95(process);
    if (p95 === null) return null;
    values.push(p95);
  }
  return values.length > 0 ? values : null;
}

/** Each process's time to first embedding, or null when a process lacks it (a file from before it was measured). */
function collectColdStart(processes: readonly ProcessSample[]): number[] | null {
  const values = processes.map((process) => process.coldStart?.totalMs ?? 0);
  return values.length > 0 && values.every((ms) => ms > 0) ? values : null;
}

function collectLoadRss(processes: readonly ProcessSample[]): number[] | null {
  const values = processes.map((process) => process.memory.afterLoadMB);
  return values.length > 0 && values.every((mb) => mb > 0) ? values : null;
}

/** The samples of one measured cell, index i = worker process i throughout. */
export function createBaselineCell(key: CellKey, cell: MeasuredBatchCell | MeasuredLengthCell): BaselineCell {
  const aligned = cell.processes.length === cell.throughput.samples.length;
  return {
    key,
    throughput: [...cell.throughput.samples],
    normalizedThroughput: [...cell.normalizedThroughput.samples],
    peakMemoryMB: cell.peakMemoryMB.samples.every((mb) => mb > 0) ? [...cell.peakMemoryMB.samples] : null,
    p95LatencyMs: aligned ? collectP95(cell.processes) : null,
    // the calibration score that tracks the machine's regimes (reference encoder), per process
    probeGflops: aligned ? cell.processes.map((process) => process.referenceScore) : null,
    coldStartMs: aligned ? collectColdStart(cell.processes) : null,
    loadRssMB: aligned ? collectLoadRss(cell.processes) : null,
  };
}

/** Every measured cell of both sweeps, batch sweep first. */
export function extractBaselineCells(profile: Profile): BaselineCell[] {
  const cells: BaselineCell[] = [];
  for (const cell of profile.batchSweep) {
    if (cell.status === 'measured')
      cells.push(createBaselineCell({ sweep: 'batch', batchSize: cell.batchSize }, cell));
  }
  for (const cell of profile.lengthSweep) {
    if (cell.status !== 'measured') continue;
    cells.push(createBaselineCell({ sweep: 'length', chars: cell.chars, batchSize: cell.batchSize }, cell));
  }
  return cells;
}

/** A baseline holding what `profile` measured. */
export function createBaselineFromProfile(profile: Profile, identity: BaselineIdentity): Baseline {
  assertBaselineName(identity.name);
  const gflops = profile.calibration.gflops;
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    name: identity.name,
    createdAt: profile.createdAt,
    provenance: { ...identity.provenance },
    fingerprint: createFingerprint(profile),
    origin: { kind: 'embedprof', toolVersion: profile.tool.version },
    memory: {
      baselineMB: profile.memory.baselineMB,
      afterLoadMB: profile.memory.afterLoadMB,
      peakMB: profile.memory.peakMB,
    },
    calibration:
      gflops === null
        ? null
        : { kind: 'ort-matmul', dtype: profile.calibration.dtype, gflops: [...gflops.samples] },
    cells: extractBaselineCells(profile),
  };
}
