/**
 * "Where the time went": per regressed cell of a duet, the stages whose time per batch grew most and, under
 * inference, the ONNX Runtime operator types that grew most, from comparison.json's attribution (decided
 * there; this only lays it out).
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { OperatorDelta, StageAttribution, StageDelta } from '../../decide/compare/attribution-schema.js';
import { formatMilliseconds, formatQuantity } from '../text/format-numbers.js';
import { createTable, type TableData } from './table-data.js';

type Delta = Pick<StageDelta, 'deltaMs' | 'lowMs' | 'highMs'>;

/** "+1.23 ms [+0.91, +1.55]": a signed difference in ms per batch, with its interval when it has one. */
function formatDelta(delta: Delta): string {
  const signed = (value: number) => (value >= 0 ? `+${formatQuantity(value)}` : formatQuantity(value));
  const interval =
    delta.lowMs === null || delta.highMs === null ? '' : ` [${signed(delta.lowMs)}, ${signed(delta.highMs)}]`;
  return `${signed(delta.deltaMs)} ms${interval}`;
}

/** "↳ op MatMul (6 → 14 nodes run)": an operator type under the inference stage, its nodes run per batch when they changed. */
function nameOperator(delta: OperatorDelta): string {
  const nodes = (count: number) => (Number.isInteger(count) ? String(count) : count.toFixed(1));
  const changed =
    delta.baseNodes === delta.headNodes
      ? ''
      : ` (${nodes(delta.baseNodes)} → ${nodes(delta.headNodes)} nodes run)`;
  return `↳ op ${delta.opType}${changed}`;
}

interface Limits {
  stages: number;
  operators: number;
}

/** One cell's rows: its top stages, the top operators right under the inference stage. */
function listCellRows(cell: StageAttribution, limits: Limits): string[][] {
  const row = (name: string, delta: Delta & { baseMs: number; headMs: number }) => [
    cell.label,
    name,
    formatMilliseconds(delta.baseMs),
    formatMilliseconds(delta.headMs),
    formatDelta(delta),
  ];
  const operators = (cell.operators?.operators ?? []).slice(0, limits.operators);
  return cell.stages
    .slice(0, limits.stages)
    .flatMap((delta) => [
      row(delta.stage, delta),
      ...(delta.stage === 'inference' ? operators.map((op) => row(nameOperator(op), op)) : []),
    ]);
}

/** The table, `limits` rows of at most `cells` cells; null when nothing was attributed. */
export function buildAttributionTable(
  comparison: Comparison,
  cells = 3,
  limits: Limits = { stages: 2, operators: 2 },
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
    attributed.flatMap((cell) => listCellRows(cell, limits)),
  );
}
