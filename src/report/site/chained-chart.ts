/**
 * The chained trend chart beside a series' own: the cumulative product of its night-to-night duet ratios in
 * percent since the chain's start (see chained-trend.ts), with machine changes (which should not move it)
 * and chain restarts marked. Only for series whose runs carry chained ratios.
 */
import type { HistorySeries } from '../../history/history-series.js';
import { formatSignedPercentNumber } from '../text/format-numbers.js';
import type { TimeMarker, TimePoint } from '../svg/svg-time-chart.js';
import { renderTimeChart } from '../svg/svg-time-chart.js';
import type { ChainedValue } from './chained-trend.js';
import { computeChainedTrend, hasChainedRatios } from './chained-trend.js';
import { buildMachineMarkers, describePoint, formatEstimate, formatRelative } from './series-charts.js';
import type { HistorySiteContext } from './site-context.js';
import { buildCommitUrl, describeMetric, formatDay, shortenCommit } from './site-context.js';

const percent = (value: number | null) => (value === null ? null : value * 100);

function buildChainedPoints(
  series: HistorySeries,
  trend: readonly ChainedValue[],
  context: HistorySiteContext,
): TimePoint[] {
  return series.points.map((point, index) => {
    const { change, chainStart } = trend[index] ?? { change: point, chainStart: true };
    const ratio =
      point.chainedRatio === null ? 'no chained ratio' : `night ratio ×${formatEstimate(point.chainedRatio)}`;
    return {
      value: percent(change.value),
      lower: percent(change.lower),
      upper: percent(change.upper),
      href: buildCommitUrl(context.repositoryUrl, point.commit),
      tooltip: describePoint(point, `${formatRelative(change)} since the chain's start (${ratio})`),
      segmentStart: chainStart && index > 0,
    };
  });
}

function buildRestartMarkers(series: HistorySeries, trend: readonly ChainedValue[]): TimeMarker[] {
  return trend.flatMap((value, index): TimeMarker[] => {
    if (!value.chainStart || index === 0) return [];
    const commit = shortenCommit(series.points[index]?.commit ?? '');
    const tooltip = `No chained ratio at ${commit}: a new chain starts`;
    return [{ index, kind: 'boundary', tone: 'neutral', label: 'chain restarts', tooltip }];
  });
}

/** The chained trend of a series in percent since its chain's start, or null without chained ratios. */
export function renderChainedChart(
  series: HistorySeries,
  context: HistorySiteContext,
  name: string,
): string | null {
  if (!hasChainedRatios(series)) return null;
  const trend = computeChainedTrend(series);
  const restarts = buildRestartMarkers(series, trend);
  const metric = describeMetric(series.metric).toLowerCase();
  const newest = trend[trend.length - 1];
  const restartWords = `${restarts.length} chain restart${restarts.length === 1 ? '' : 's'}`;
  return renderTimeChart({
    name,
    title: `${series.label}: chained ${metric} trend (% since the chain's start, ${series.betterWhen} is better)`,
    caption: `Chained ${metric} · % since chain start`,
    description: `Cumulative product of the night-to-night duet ratios of ${metric} for ${series.label}, in percent since the chain's start; newest ${newest === undefined ? 'none' : formatRelative(newest.change)}; ${restartWords}.`,
    points: buildChainedPoints(series, trend, context),
    markers: [...buildMachineMarkers(series.points), ...restarts],
    xLabels: series.points.map((point) => formatDay(point.date)),
    xTitle: `runs, oldest to newest (${series.points.length})`,
    yLabel: '% since chain start',
    formatTick: (tick) => formatSignedPercentNumber(tick / 100),
  });
}
