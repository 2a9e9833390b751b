/**
 * The nightly's decision over a store's series: fail only on a NEW regression change point in a gated metric,
 * one that lies within the newest `newestNights` points. Each series is judged on one signal: its chained-duet
 * ratios when the newest point has one, else its recorded values (level). Change points of the other signal,
 * and older ones, are reported but never fail the night. Pure: the same series and options give the same
 * verdict.
 *
 * Why chained first (scripts/validate-history.ts, this machine's noise: 8 % between runs, slow-regime nights
 * 1.3–1.45×): no test on absolute values can find a 10 % step within 3 nights in 95 % of cases at 8 % noise
 * (the best possible is ≈ 44 %; E-divisive reaches 3–8 %, with ≤ 0.6 false change points per 100 nights),
 * while chained ratios, which the regimes cancel out of, meet both targets when a night's ratio is measured to
 * σ ≤ 2 % (96 % found, 0.7 false change points per 100 nights).
 */
import type { ChangePoint, HistoryMetric, HistorySeries } from './history-series.js';
import type { ChangeSignal, SeriesChangeReport, SeriesCheckOptions } from './series-change-points.js';
import {
  DEFAULT_CHAINED_OPTIONS,
  DEFAULT_LEVEL_OPTIONS,
  findSeriesChangePoints,
} from './series-change-points.js';

export type {
  ChangeSignal,
  MachineChange,
  SeriesChangeReport,
  SeriesCheckOptions,
} from './series-change-points.js';
export { findMachineChanges, findSeriesChangePoints } from './series-change-points.js';

/** Points searched by default: the newest 30, as validated by scripts/validate-history.ts. */
export const DEFAULT_CHECK_WINDOW = 30;

export interface HistoryCheckOptions {
  /** Metrics whose regressions fail the night (others are reported only). */
  gatedMetrics: readonly HistoryMetric[];
  /** A change point is new when it lies within this many newest points (default 3). */
  newestNights?: number;
  /** Detector settings; `window` defaults to DEFAULT_CHECK_WINDOW here. */
  detection: SeriesCheckOptions;
}

export interface HistoryRegression {
  cellId: string;
  label: string;
  metric: HistoryMetric;
  unit: string;
  signal: ChangeSignal;
  changePoint: ChangePoint;
}

export type SeriesJudgement =
  | { kind: 'regressed'; signal: ChangeSignal; report: SeriesChangeReport; regressions: HistoryRegression[] }
  | { kind: 'clear'; signal: ChangeSignal; report: SeriesChangeReport }
  | { kind: 'insufficient'; report: SeriesChangeReport; reason: string };

export type HistoryVerdict =
  | {
      kind: 'fail';
      regressions: HistoryRegression[];
      judgements: SeriesJudgement[];
      reports: SeriesChangeReport[];
    }
  | { kind: 'pass'; judgements: SeriesJudgement[]; reports: SeriesChangeReport[] }
  | { kind: 'insufficient'; reason: string; judgements: SeriesJudgement[]; reports: SeriesChangeReport[] };

/** Why the series cannot be judged on `signal` at its newest point, or null when it can. */
function findShortage(
  report: SeriesChangeReport,
  signal: ChangeSignal,
  options: SeriesCheckOptions,
): string | null {
  const points = report.series.points;
  switch (signal) {
    case 'chained': {
      const newest = points[points.length - 1]?.chainedRatio;
      const minHistory = options.chained?.minHistory ?? DEFAULT_CHAINED_OPTIONS.minHistory;
      const others = points.slice(0, -1).filter((point) => point.chainedRatio !== null).length;
      const hasOwnInterval =
        newest !== undefined && newest !== null && newest.lower !== null && newest.upper !== null;
      if (others >= minHistory || hasOwnInterval) return null;
      return `${others} earlier chained ratios and no interval on the newest one: need ${minHistory} or an interval`;
    }
    case 'level': {
      const minSegment = options.level?.minSegmentSize ?? DEFAULT_LEVEL_OPTIONS.minSegmentSize;
      if (report.newestStretch >= 2 * minSegment) return null;
      return `${report.newestStretch} points on the newest machine: need ${2 * minSegment} to find a change point`;
    }
  }
}

function judgeSeries(
  report: SeriesChangeReport,
  newestNights: number,
  options: SeriesCheckOptions,
): SeriesJudgement {
  const { series } = report;
  const newest = series.points[series.points.length - 1];
  if (newest === undefined) return { kind: 'insufficient', report, reason: 'no points' };
  const signal: ChangeSignal = newest.chainedRatio === null ? 'level' : 'chained';
  const shortage = findShortage(report, signal, options);
  if (shortage !== null) return { kind: 'insufficient', report, reason: shortage };
  const firstNew = series.points.length - newestNights;
  const found = signal === 'chained' ? report.chained : report.level;
  const regressions = found
    .filter((change) => change.regression && change.index >= firstNew)
    .map((changePoint) => ({
      cellId: series.cellId,
      label: series.label,
      metric: series.metric,
      unit: series.unit,
      signal,
      changePoint,
    }));
  return regressions.length > 0
    ? { kind: 'regressed', signal, report, regressions }
    : { kind: 'clear', signal, report };
}

/**
 * Finds every series' change points and decides: 'fail' when a gated series has a new regression, else
 * 'insufficient' when no gated series could be judged (too few points), else 'pass'.
 */
export function decideHistoryCheck(
  series: readonly HistorySeries[],
  options: HistoryCheckOptions,
): HistoryVerdict {
  const newestNights = options.newestNights ?? 3;
  if (!Number.isInteger(newestNights) || newestNights < 1) {
    throw new RangeError(`newestNights is ${newestNights}: expected an integer ≥ 1, e.g. 3`);
  }
  const detection = { window: DEFAULT_CHECK_WINDOW, ...options.detection };
  const reports = series.map((one) => findSeriesChangePoints(one, detection));
  const gated = new Set<HistoryMetric>(options.gatedMetrics);
  const judgements = reports
    .filter((report) => gated.has(report.series.metric))
    .map((report) => judgeSeries(report, newestNights, detection));
  const regressions = judgements.flatMap((judgement) =>
    judgement.kind === 'regressed' ? judgement.regressions : [],
  );
  if (regressions.length > 0) return { kind: 'fail', regressions, judgements, reports };
  if (judgements.every((judgement) => judgement.kind === 'insufficient')) {
    const reason =
      judgements.length === 0
        ? `no series of a gated metric (${[...gated].join(', ') || 'none gated'})`
        : `no gated series has enough points: ${judgements.length} series, e.g. ${describeFirstShortage(judgements)}`;
    return { kind: 'insufficient', reason, judgements, reports };
  }
  return { kind: 'pass', judgements, reports };
}

function describeFirstShortage(judgements: readonly SeriesJudgement[]): string {
  const first = judgements[0];
  if (first === undefined || first.kind !== 'insufficient') return '';
  return `${first.report.series.label} ${first.report.series.metric}: ${first.reason}`;
}
