/**
 * The memory-cap limit: the largest measured batch size whose peak RSS (minimum over its processes) is
 * within the cap, with what stopped the next sizes (over the cap when measured, or skipped by the sweep's
 * memory escalation). A limit, so no effect; the evidence names the fitting cell and the blocking ones.
 */
import type { Recommendation } from '../../ground/schema/analysis-schema.js';
import type { BatchCell } from '../../ground/schema/cell-schema.js';
import { formatMB } from './format-text.js';
import type { BatchCandidate } from './recommend-batch-size.js';
import { describeBatchCell } from './recommendation-types.js';

interface Blocker {
  batchSize: number;
  why: string;
}

function listSkippedBlockers(cells: readonly BatchCell[]): Blocker[] {
  const blockers: Blocker[] = [];
  for (const cell of cells) {
    switch (cell.status) {
      case 'skipped':
        blockers.push({ batchSize: cell.batchSize, why: `was skipped (${cell.reason}: ${cell.detail})` });
        break;
      case 'measured':
      case 'failed':
        break;
    }
  }
  return blockers;
}

function listBlockers(candidates: readonly BatchCandidate[], cells: readonly BatchCell[], capMB: number) {
  const over = candidates
    .filter((candidate) => candidate.peakMB > capMB)
    .map((candidate) => ({
      batchSize: candidate.cell.batchSize,
      why: `peaked at ${formatMB(candidate.peakMB)}, over the cap`,
    }));
  return [...over, ...listSkippedBlockers(cells)].sort((a, b) => a.batchSize - b.batchSize);
}

function describeBlockers(blockers: readonly Blocker[]): string {
  if (blockers.length === 0) return 'No measured batch size reached the cap; larger ones were not tried.';
  return blockers.map((blocker) => `Batch ${blocker.batchSize} ${blocker.why}.`).join(' ');
}

/** Largest batch within the cap; when none fits, says so with the smallest measured peak. */
export function recommendMemoryCapBatchSize(
  candidates: readonly BatchCandidate[],
  cells: readonly BatchCell[],
  capMB: number,
): Recommendation | null {
  const cap = formatMB(capMB);
  const fitting = candidates.filter((candidate) => candidate.peakMB <= capMB);
  const chosen = fitting.at(-1);
  const blockers = listBlockers(candidates, cells, capMB).filter(
    (blocker) => chosen === undefined || blocker.batchSize > chosen.cell.batchSize,
  );
  const blockerIds = blockers.map((blocker) => describeBatchCell(blocker.batchSize));
  if (chosen === undefined) {
    if (blockers.length === 0) return null;
    const detail = describeBlockers(blockers);
    const title = `No measured batch size fits in ${cap}`;
    return { kind: 'memory-cap-batch-size', title, detail, effect: null, evidence: blockerIds };
  }
  const size = chosen.cell.batchSize;
  const detail =
    `Batch ${size} peaked at ${formatMB(chosen.peakMB)} (minimum over its processes), within the cap of ${cap}. ` +
    describeBlockers(blockers);
  const title = `Largest batch size within ${cap}: ${size}`;
  const evidence = [describeBatchCell(size), ...blockerIds];
  return { kind: 'memory-cap-batch-size', title, detail, effect: null, evidence };
}
