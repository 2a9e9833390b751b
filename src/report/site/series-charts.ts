/**
 * The dashboard's chart of one series: its values over the runs with their intervals, change points and
 * machine changes, each point linking to its commit; and the wording of values and changes the page shares.
 */
import type { ChangePoint, Estimate, HistorySeries, SeriesPoint } from '../../history/history-series.js';
import { formatChange, formatQuantity, formatSignedPercentNumber } from '../text/format-numbers.js';
import type { TimeMarker, TimePoint } from '../svg/svg-time-chart.js';
import { renderTimeChart } from '../svg/svg-time-chart.js';
import type { HistorySiteContext } from './site-context.js';
import { buildCommitUrl, describeMetric, formatDay, shortenCommit } from './site-context.js';

/** "312 [300–320]" or "312" without an interval. */
export function formatEstimate(estimate: Estimate): string {
  const { value, lower, upper } = estimate;
  const interval =
    lower === null || upper === null ? '' : ` [${formatQuantity(lower)}–${formatQuantity(upper)}]`;
  return `${formatQuantity(value)}${interval}`;
}

/** "−10.2 % [−12.0, −8.1]" for a relative change. */
export function formatRelative(estimate: Estimate): string {
  const { lower, upper } = estimate;
  const interval =
    lower === null || upper === null
      ? ''
      : ` [${formatSignedPercentNumber(lower)}, ${formatSignedPercentNumber(upper)}]`;
  return `${formatChange(estimate.value)}${interval}`;
}

export function describeChangePoint(change: ChangePoint): string {
  const kind = change.regression ? 'regression' : 'improvement';
  return `${formatRelative(change.magnitude)} between ${shortenCommit(change.fromCommit)} and ${shortenCommit(change.toCommit)} (${kind}, p = ${formatQuantity(change.pValue)})`;
}

/** Indices of the points whose machine differs from the previous point's. */
export function listMachineChanges(points: readonly SeriesPoint[]): number[] {
  return points.flatMap((point, index) =>
    index > 0 && point.machine !== points[index - 1]?.machine ? [index] : [],
  );
}

export function describePoint(point: SeriesPoint, value: string): string {
  const branch = point.branch === null ? '' : ` · ${point.branch}`;
  return `${shortenCommit(point.commit)} · ${formatDay(point.date)}${branch} · ${value} · machine ${point.machine}`;
}

export function buildMachineMarkers(points: readonly SeriesPoint[]): TimeMarker[] {
  return listMachineChanges(points).map((index) => ({
    index,
    kind: 'boundary',
    tone: 'neutral',
    label: 'new machine',
    tooltip: `Machine changed before ${shortenCommit(points[index]?.commit ?? '')}: ${points[index - 1]?.machine ?? ''} → ${points[index]?.machine ?? ''}`,
  }));
}

function buildChangeMarkers(series: HistorySeries): TimeMarker[] {
  return series.changePoints.map((change) => ({
    index: change.index,
    kind: 'change',
    tone: change.regression ? 'bad' : 'good',
    label: formatChange(change.magnitude.value),
    tooltip: `Change point: ${describeChangePoint(change)}`,
  }));
}

function describeSeries(series: HistorySeries): string {
  const { points } = series;
  const newest = points[points.length - 1];
  const range = `${formatDay(points[0]?.date ?? '')} to ${formatDay(newest?.date ?? '')}`;
  const changes =
    series.changePoints.length === 0
      ? 'no change point'
      : `change points: ${series.changePoints.map(describeChangePoint).join('; ')}`;
  const machines = listMachineChanges(points).length;
  return `${describeMetric(series.metric)} of ${series.label} over ${points.length} runs from ${range}; newest ${newest === undefined ? 'none' : formatEstimate(newest)} ${series.unit}; ${changes}; ${machines} machine change${machines === 1 ? '' : 's'}.`;
}

function describeUnit(series: HistorySeries): string {
  return `${series.unit}, ${series.betterWhen} is better`;
}

/** The absolute chart of a series (null when it has no point). */
export function renderSeriesChart(
  series: HistorySeries,
  context: HistorySiteContext,
  name: string,
): string | null {
  const machineChanges = new Set(listMachineChanges(series.points));
  const points: TimePoint[] = series.points.map((point, index) => ({
    value: point.value,
    lower: point.lower,
    upper: point.upper,
    href: buildCommitUrl(context.repositoryUrl, point.commit),
    tooltip: describePoint(point, `${formatEstimate(point)} ${series.unit}`),
    segmentStart: machineChanges.has(index),
  }));
  return renderTimeChart({
    name,
    title: `${series.label}: ${describeMetric(series.metric)} (${describeUnit(series)})`,
    caption: `${describeMetric(series.metric)} · ${describeUnit(series)}`,
    description: describeSeries(series),
    points,
    markers: [...buildMachineMarkers(series.points), ...buildChangeMarkers(series)],
    xLabels: series.points.map((point) => formatDay(point.date)),
    xTitle: `runs, oldest to newest (${series.points.length})`,
    yLabel: series.unit,
  });
}
