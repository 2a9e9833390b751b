/**
 * The one key of a sweep cell, shared by the protocol, baselines, comparisons and reports: which sweep it
 * belongs to and its coordinates. `cellId` keys maps and joins; `formatCellLabel` is what people read.
 */
import { z } from 'zod';

export const cellKeySchema = z.discriminatedUnion('sweep', [
  z.object({ sweep: z.literal('batch'), batchSize: z.number().int().positive() }),
  z.object({
    sweep: z.literal('length'),
    chars: z.number().int().positive(),
    batchSize: z.number().int().positive(),
  }),
]);
export type CellKey = z.infer<typeof cellKeySchema>;

/** A stable, compact id for maps and joins, never shown: "batch:32" or "length:64:32" (chars, batch). */
export function cellId(key: CellKey): string {
  switch (key.sweep) {
    case 'batch':
      return `batch:${key.batchSize}`;
    case 'length':
      return `length:${key.chars}:${key.batchSize}`;
  }
}

/** The readable name of a cell in logs, comparisons and reports: "batch 32" or "64 chars @ batch 32". */
export function formatCellLabel(key: CellKey): string {
  switch (key.sweep) {
    case 'batch':
      return `batch ${key.batchSize}`;
    case 'length':
      return `${key.chars} chars @ batch ${key.batchSize}`;
  }
}

/** The key of a measured profile cell: length cells carry `chars`, batch cells do not. */
export function createCellKey(cell: { batchSize: number; chars?: number }): CellKey {
  return cell.chars === undefined
    ? { sweep: 'batch', batchSize: cell.batchSize }
    : { sweep: 'length', chars: cell.chars, batchSize: cell.batchSize };
}
