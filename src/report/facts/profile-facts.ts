/** What the renderers read out of a profile: its measured cells, the best one, and why others were not measured. */
import type {
  BatchCell,
  LengthCell,
  MeasuredBatchCell,
  MeasuredLengthCell,
} from '../../ground/schema/cell-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { createCellKey, formatCellLabel } from '../../ground/schema/cell-key.js';
import { computeMedian } from '../../ground/stats/index.js';

export function listMeasuredBatchCells(profile: Profile): MeasuredBatchCell[] {
  return profile.batchSweep.flatMap((cell) => (cell.status === 'measured' ? [cell] : []));
}

export function listMeasuredLengthCells(profile: Profile): MeasuredLengthCell[] {
  return profile.lengthSweep.flatMap((cell) => (cell.status === 'measured' ? [cell] : []));
}

/** The batch cell with the highest median throughput, or null when none was measured. */
export function findBestThroughputCell(profile: Profile): MeasuredBatchCell | null {
  let best: MeasuredBatchCell | null = null;
  for (const cell of listMeasuredBatchCells(profile)) {
    if (best === null || cell.throughput.median > best.throughput.median) best = cell;
  }
  return best;
}

/** Untrusted text: why a cell has no measurement ("skipped (memory-cap): …", "failed: …"); null if measured. */
export function describeUnmeasured(cell: BatchCell | LengthCell): string | null {
  switch (cell.status) {
    case 'measured':
      return null;
    case 'skipped':
      return `skipped (${cell.reason}): ${cell.detail}`;
    case 'failed':
      return `failed: ${cell.error}`;
  }
}

/** "batch 32" or "256 chars @ batch 32". */
export function labelProfileCell(cell: BatchCell | LengthCell): string {
  return formatCellLabel(createCellKey(cell));
}

/** Every cell with its label and sweep, batch sweep first. */
export function listProfileCells(
  profile: Profile,
): { sweep: 'batch' | 'length'; label: string; cell: BatchCell | LengthCell }[] {
  return [
    ...profile.batchSweep.map((cell) => ({ sweep: 'batch' as const, label: labelProfileCell(cell), cell })),
    ...profile.lengthSweep.map((cell) => ({ sweep: 'length' as const, label: labelProfileCell(cell), cell })),
  ];
}

/** The leak check's readings and fit when it ran. */
export function findLeakRun(profile: Profile) {
  const leak = profile.memory.leak;
  return leak.verdict === 'not-run' ? null : leak;
}

/** Medians over every process of the run that recorded its cold start (docs/cold-start.md). */
export interface ColdStartSummary {
  processes: number;
  totalMs: number;
  bootMs: number;
  loadMs: number;
  firstBatchMs: number;
  rssAfterLoadMB: number;
}

/** The run's cold start, or null for a profile written before embedprof measured it. */
export function summarizeColdStart(profile: Profile): ColdStartSummary | null {
  const cells = [...listMeasuredBatchCells(profile), ...listMeasuredLengthCells(profile)];
  const processes = cells.flatMap((cell) => cell.processes);
  const parts = processes.flatMap((process) => (process.coldStart === undefined ? [] : [process.coldStart]));
  if (parts.length === 0) return null;
  const medianOf = (pick: (part: (typeof parts)[number]) => number) => computeMedian(parts.map(pick));
  return {
    processes: parts.length,
    totalMs: medianOf((part) => part.totalMs),
    bootMs: medianOf((part) => part.bootMs),
    loadMs: medianOf((part) => part.loadMs),
    firstBatchMs: medianOf((part) => part.firstBatchMs),
    rssAfterLoadMB: computeMedian(processes.map((process) => process.memory.afterLoadMB)),
  };
}
