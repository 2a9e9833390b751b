/**
 * Which cells of a run adaptive sampling should measure again: those where a gated metric came out
 * `inconclusive`. Cells with only ungated metrics undecided, decided cells, and cells the comparison never saw
 * (unmatched, skipped, failed) are left alone.
 */
import type { Comparison } from '../compare/comparison-schema.js';
import type { CellKey } from '../schema/cell-key.js';

type ComparedKey = Comparison['cells'][number]['key'];

/** True when a protocol cell and a comparison cell are the same cell of the sweep. */
export function isSameCell(cell: CellKey, key: ComparedKey): boolean {
  switch (cell.sweep) {
    case 'batch':
      return key.sweep === 'batch' && key.batchSize === cell.batchSize;
    case 'length':
      return key.sweep === 'length' && key.chars === cell.chars && key.batchSize === cell.batchSize;
  }
}

/** True when some gated metric of the compared cell is inconclusive. */
export function isUndecided(cell: Comparison['cells'][number]): boolean {
  return cell.metrics.some((metric) => metric.gated && metric.verdict === 'inconclusive');
}

/** The cells of `cells` (in their order) that the comparison left undecided on a gated metric. */
export function findInconclusiveCells(comparison: Comparison, cells: readonly CellKey[]): CellKey[] {
  const undecided = comparison.cells.filter(isUndecided);
  return cells.filter((cell) => undecided.some((compared) => isSameCell(cell, compared.key)));
}
