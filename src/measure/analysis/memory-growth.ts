/**
 * Peak memory per batch size, and how it grows with the batch. Each measured batch cell ran in several
 * fresh processes; its peak is the minimum over those processes of their peak RSS (the robust figure: a
 * process can only be inflated by noise, never deflated), and its delta is that peak minus the median RSS
 * after model load of the same processes, i.e. what the batch itself costs on top of the loaded model.
 * Skipped and failed cells have no peak: they are left out of perBatch and of both fits.
 */
import type { Analysis, SlopeFit } from '../../ground/schema/analysis-schema.js';
import type { BatchCell, MeasuredBatchCell } from '../../ground/schema/cell-schema.js';
import { computeMedian, findMin } from '../../ground/stats/index.js';
import { fitSlope } from './slope-fit.js';

export type PerBatchMemory = Analysis['memory']['perBatch'][number];

export interface MemoryGrowth {
  perBatch: PerBatchMemory[];
  /** Peak MB per extra text in the batch (fit over the measured batch sizes). */
  growthPerText: SlopeFit;
  /** Peak MB per extra padded token in the batch (cells with token counts only). */
  growthPerToken: SlopeFit;
}

/** Peak and delta of one measured cell, or null when it has no per-process samples to read. */
export function measureBatchMemory(cell: MeasuredBatchCell, capMB: number): PerBatchMemory | null {
  if (cell.processes.length === 0) return null;
  const peakMB = findMin(cell.processes.map((process) => process.memory.peakMB));
  const afterLoadMB = computeMedian(cell.processes.map((process) => process.memory.afterLoadMB));
  return {
    batchSize: cell.batchSize,
    peakMB,
    deltaMB: peakMB - afterLoadMB,
    paddedTokensPerBatch: cell.tokens?.paddedPerBatch ?? null,
    overCap: peakMB > capMB,
  };
}

function listPerBatch(cells: readonly BatchCell[], capMB: number): PerBatchMemory[] {
  const rows: PerBatchMemory[] = [];
  for (const cell of cells) {
    switch (cell.status) {
      case 'measured': {
        const row = measureBatchMemory(cell, capMB);
        if (row !== null) rows.push(row);
        break;
      }
      case 'skipped':
      case 'failed':
        break;
    }
  }
  return rows.sort((a, b) => a.batchSize - b.batchSize);
}

/** perBatch (ascending batch size) plus the two growth fits; fits need 3 distinct x values. */
export function summarizeMemoryGrowth(cells: readonly BatchCell[], capMB: number): MemoryGrowth {
  if (!(Number.isFinite(capMB) && capMB > 0)) {
    throw new RangeError(`capMB is ${capMB}: expected a finite number > 0`);
  }
  const perBatch = listPerBatch(cells, capMB);
  const withTokens = perBatch.flatMap((row) =>
    row.paddedTokensPerBatch === null ? [] : [{ tokens: row.paddedTokensPerBatch, peakMB: row.peakMB }],
  );
  return {
    perBatch,
    growthPerText: fitSlope(
      perBatch.map((row) => row.batchSize),
      perBatch.map((row) => row.peakMB),
    ),
    growthPerToken: fitSlope(
      withTokens.map((row) => row.tokens),
      withTokens.map((row) => row.peakMB),
    ),
  };
}
