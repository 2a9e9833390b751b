/**
 * "Where the time went": per regressed cell of a duet, the stages whose time per batch grew most, from
 * comparison.json's attribution (decided there; this only lays it out).
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { StageDelta } from '../../decide/compare/attribution-schema.js';
import { formatMilliseconds, formatQuantity } from '../text/format-numbers.js';
import { createTable, type TableData } from './table-data.js';

/** "+1.23 ms [+0.91, +1.55]": a signed difference in ms per batch, with its interval when it has one. */
function formatDelta(delta: StageDelta): string {
  const signed = (value: number) => (value >= 0 ? `+${formatQuantity(value)}` : formatQuantity(value));
  const interval =
    delta.lowMs === null || delta.highMs === null ? '' : ` [${signed(delta.lowMs)}, ${signed(delta.highMs)}]`;
  return `${signed(delta.deltaMs)} ms${interval}`;
}

/** The table, `stagesPerCell` stages of at most `cells` cells; null when nothing was attributed. */
export function buildAttributionTable(
  comparison: Comparison,
  cells = 3,
  stagesPerCell = 2,
): TableData | null {
  const attributed = comparison.attribution.slice(0, cells);
  if (attributed.length === 0) return null;
  return createTable(
    'Where the time went (per batch, base → head, largest increase first)',
    [
      ['cell', 'l'],
      ['stage', 'l'],
      ['base', 'r'],
      ['head', 'r'],
      ['Δ per batch', 'r'],
    ],
    attributed.flatMap((cell) =>
      cell.stages
        .slice(0, stagesPerCell)
        .map((delta) => [
          cell.label,
          delta.stage,
          formatMilliseconds(delta.baseMs),
          formatMilliseconds(delta.headMs),
          formatDelta(delta),
        ]),
    ),
  );
}
