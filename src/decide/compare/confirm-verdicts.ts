/**
 * Confirmation before a red check: a regression of a gated metric stands only when a fresh measurement of the
 * regressed cells (new processes, a new cell order) regresses in the same metric too. What the first
 * comparison called a regression and the confirmation did not becomes inconclusive, its reason saying what
 * the fresh run read; the overall verdict is then decided again by the same rule. Pure. Why two agreeing runs
 * bound false alarms by α², and what it costs in power: docs/confirmation.md.
 */
import type {
  Aggregate,
  CellComparison,
  Comparison,
  MetricComparison,
  MetricName,
} from './comparison-schema.js';
import type { Confirmation, ConfirmedChange } from './confirmation-schema.js';
import { formatChange, formatInterval } from './describe-change.js';
import { ALL_CELLS_LABEL, redecideOverall, toBadness } from './overall-verdict.js';

/** How the confirmation was measured, and its comparison of just those cells. */
export interface ConfirmationRun {
  comparison: Comparison;
  pairsPerCell: number;
  extraRounds: number;
  seed: number;
  seconds: number;
}

type Reading = ConfirmedChange['first'];

/** The gated metrics whose regression was measured, in a cell or in the aggregate. */
export function listMeasuredRegressions(comparison: Comparison): MetricName[] {
  return comparison.settings.gated.filter(
    (metric) =>
      comparison.aggregates.some((item) => item.metric === metric && item.verdict === 'regression') ||
      comparison.cells.some((cell) => findMetric(cell, metric)?.verdict === 'regression'),
  );
}

/** True when the check fails on measured regressions alone: no failed cell, nothing indicative. */
export function needsConfirmation(comparison: Comparison): boolean {
  const { overall } = comparison;
  return (
    overall.gate === 'fail' &&
    overall.verdict === 'regression' &&
    !overall.indicativeOnly &&
    overall.headFailures.length === 0 &&
    overall.baseFailures.length === 0 &&
    listMeasuredRegressions(comparison).length > 0
  );
}

/** At most this many cells are measured again: the worst, which carry most of the evidence at least cost. */
export const CONFIRM_MAX_CELLS = 3;

/** How far the cell's worst regressed metric moved in its bad direction (positive: worse). */
function rankBadness(cell: CellComparison, regressed: readonly MetricName[]): number {
  const bad = cell.metrics.flatMap((item) => {
    if (!item.gated || !regressed.includes(item.metric) || item.estimate === null) return [];
    return [toBadness(item.metric, item.estimate)];
  });
  return bad.length === 0 ? Number.NEGATIVE_INFINITY : Math.max(...bad);
}

/**
 * The compared cells to measure again, at most CONFIRM_MAX_CELLS, worst first: among every compared cell when
 * a regressed metric's aggregate regressed (the change is spread over them; the confirmation's aggregate over
 * the worst of them is the strongest evidence a short run can give), else among those with a regressed gated
 * metric.
 */
export function findCellsToConfirm(comparison: Comparison): CellComparison['key'][] {
  const regressed = listMeasuredRegressions(comparison);
  const spread = comparison.aggregates.some(
    (item) => regressed.includes(item.metric) && item.verdict === 'regression',
  );
  const flagged = comparison.cells.filter((cell) =>
    cell.metrics.some((item) => regressed.includes(item.metric) && item.verdict === 'regression'),
  );
  const candidates = spread ? comparison.cells : flagged;
  return [...candidates]
    .sort((a, b) => rankBadness(b, regressed) - rankBadness(a, regressed))
    .slice(0, CONFIRM_MAX_CELLS)
    .map((cell) => cell.key);
}

function findMetric(cell: CellComparison, metric: MetricName): MetricMaybe {
  return cell.metrics.find((item) => item.metric === metric && item.gated);
}
type MetricMaybe = MetricComparison | undefined;

function toReading(item: MetricComparison | Aggregate): Reading {
  return { estimate: item.estimate, interval: item.interval, verdict: item.verdict };
}

function describeReading(reading: Reading | null): string {
  if (reading === null) return 'not measured again';
  const change = reading.estimate === null ? 'no estimate' : formatChange(reading.estimate);
  return `${change} (${formatInterval(reading.interval)}), ${reading.verdict}`;
}

function sameKey(a: CellComparison['key'], b: CellComparison['key']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Each regressed cell and aggregate of the confirmed metrics, with what the confirmation read there. */
function listChanges(
  first: Comparison,
  again: Comparison,
  metrics: readonly MetricName[],
): ConfirmedChange[] {
  return metrics.flatMap((metric) => {
    const cells = first.cells.flatMap((cell) => {
      const item = findMetric(cell, metric);
      if (item?.verdict !== 'regression') return [];
      const other = again.cells.find((each) => sameKey(each.key, cell.key));
      const seen = other === undefined ? undefined : findMetric(other, metric);
      return [
        { metric, label: cell.label, first: toReading(item), confirmation: seen ? toReading(seen) : null },
      ];
    });
    const aggregate = first.aggregates.find(
      (item) => item.metric === metric && item.verdict === 'regression',
    );
    if (aggregate === undefined) return cells;
    const seen = again.aggregates.find((item) => item.metric === metric && item.cells > 0);
    const reading = { first: toReading(aggregate), confirmation: seen ? toReading(seen) : null };
    return [...cells, { metric, label: ALL_CELLS_LABEL, ...reading }];
  });
}

/** `reason` followed by what the confirmation read, for a regression it kept or demoted. */
function annotate(reason: string, confirmed: boolean, reading: Reading | null): string {
  const said = confirmed ? 'confirmed by a fresh run' : 'not confirmed: a fresh run read';
  return `${reason}; ${said} ${describeReading(reading)}`;
}

function reviseCells(first: Comparison, again: Comparison, unconfirmed: ReadonlySet<MetricName>) {
  return first.cells.map((cell) => {
    const other = again.cells.find((each) => sameKey(each.key, cell.key));
    const metrics = cell.metrics.map((item): MetricComparison => {
      if (!item.gated || item.verdict !== 'regression') return item;
      const seen = other === undefined ? undefined : findMetric(other, item.metric);
      const confirmed = !unconfirmed.has(item.metric);
      const reason = annotate(item.reason, confirmed, seen ? toReading(seen) : null);
      return { ...item, verdict: confirmed ? item.verdict : 'inconclusive', reason };
    });
    return { ...cell, metrics };
  });
}

function reviseAggregates(first: Comparison, again: Comparison, unconfirmed: ReadonlySet<MetricName>) {
  return first.aggregates.map((item): Aggregate => {
    if (item.verdict !== 'regression' || !first.settings.gated.includes(item.metric)) return item;
    const seen = again.aggregates.find((each) => each.metric === item.metric && each.cells > 0);
    const confirmed = !unconfirmed.has(item.metric);
    const reason = annotate(item.reason, confirmed, seen ? toReading(seen) : null);
    return { ...item, verdict: confirmed ? item.verdict : 'inconclusive', reason };
  });
}

/** The first comparison with the confirmation applied: its section filled, unconfirmed regressions demoted. */
export function applyConfirmation(first: Comparison, run: ConfirmationRun): Comparison {
  const again = run.comparison;
  const regressed = listMeasuredRegressions(first);
  const seenAgain = listMeasuredRegressions(again);
  const metrics = regressed.map((metric) => ({ metric, confirmed: seenAgain.includes(metric) }));
  const unconfirmed = new Set(metrics.filter((item) => !item.confirmed).map((item) => item.metric));
  const confirmation: Confirmation = {
    outcome: unconfirmed.size === 0 ? 'confirmed' : 'not-confirmed',
    metrics,
    changes: listChanges(first, again, regressed),
    cells: again.cells.map((cell) => cell.label),
    pairsPerCell: run.pairsPerCell,
    extraRounds: run.extraRounds,
    seed: run.seed,
    seconds: run.seconds,
    falseAlarmBound: first.settings.familywiseAlpha * again.settings.familywiseAlpha,
  };
  const revised = {
    ...first,
    cells: reviseCells(first, again, unconfirmed),
    aggregates: reviseAggregates(first, again, unconfirmed),
  };
  const notes = [...first.overall.notes, describeConfirmation(confirmation)];
  return { ...revised, overall: redecideOverall(revised, notes), confirmation };
}

/** One line for the notes: "confirmation: throughput confirmed by 3 fresh pair(s) a cell at batch 8, …". */
export function describeConfirmation(confirmation: Confirmation): string {
  const said = confirmation.metrics
    .map((item) => `${item.metric} ${item.confirmed ? 'confirmed' : 'not confirmed'}`)
    .join(', ');
  const bound = `false-alarm bound ${(confirmation.falseAlarmBound * 100).toPrecision(2)} %`;
  const how = `${confirmation.pairsPerCell} fresh pair(s) a cell, ${confirmation.extraRounds} extra round(s), ${Math.round(confirmation.seconds)} s`;
  return `confirmation: ${said} (${confirmation.cells.join(', ')}: ${how}; ${bound})`;
}
