/**
 * Padding waste per batch size: a batch is padded to its longest text, so real tokens / padded tokens is
 * the useful share of the work. The bucketing effect (length-sorted batches vs corpus order, same texts)
 * is measured by an experiment and passed through unchanged.
 */
import type { Analysis, Effect } from '../../ground/schema/analysis-schema.js';
import type { BatchCell } from '../../ground/schema/cell-schema.js';

export type PaddingSummary = Analysis['padding'];
export type PaddingRow = PaddingSummary['perBatch'][number];

/** 1 − real / padded, clamped to [0, 1]; 0 for a batch with no padded tokens. */
export function computeWasteShare(realTokens: number, paddedTokens: number): number {
  if (paddedTokens <= 0) return 0;
  return Math.min(1, Math.max(0, 1 - realTokens / paddedTokens));
}

function toPaddingRow(cell: BatchCell): PaddingRow[] {
  switch (cell.status) {
    case 'measured': {
      if (cell.tokens === null) return [];
      const { realPerBatch, paddedPerBatch } = cell.tokens;
      return [
        {
          batchSize: cell.batchSize,
          realTokens: realPerBatch,
          paddedTokens: paddedPerBatch,
          wasteShare: computeWasteShare(realPerBatch, paddedPerBatch),
        },
      ];
    }
    case 'skipped':
    case 'failed':
      return [];
  }
}

/**
 * Real vs padded tokens per batch for every measured cell with token counts (engines without a tokenizer
 * report none), ascending by batch size, plus the bucketing experiment's effect or null if it did not run.
 */
export function summarizePadding(
  cells: readonly BatchCell[],
  bucketing: Effect | null = null,
): PaddingSummary {
  const perBatch = cells.flatMap(toPaddingRow).sort((a, b) => a.batchSize - b.batchSize);
  return { perBatch, bucketing };
}
