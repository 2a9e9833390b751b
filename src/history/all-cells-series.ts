/**
 * The all-cells series of a metric: per run, the geometric mean over the cells of the cell's point and of its
 * chained ratio — the history's counterpart of the PR gate's aggregate. A change of the engine moves every
 * cell; averaged over K cells, a night's chained ratio is K times less noisy on the log scale than one cell's,
 * so a 10 % step stands out where a single short cell's ±10 % interval hides it. Runs that did not measure
 * every cell leave no point (a different mix of cells is not the same quantity). The interval combines the
 * cells' as the gate's aggregate does: SE² = Σ SEᵢ² / K² on the log scale, SEᵢ from each 95 % interval.
 */
import {
  ALL_CELLS_ID,
  ALL_CELLS_LABEL,
  type Estimate,
  type HistorySeries,
  type MetricInfo,
  type SeriesPoint,
} from './history-series.js';
import { computeNormalQuantile } from '../ground/stats/index.js';

const Z95 = computeNormalQuantile(0.975);

/** The geometric mean of estimates, with the combined interval when every one has an interval. */
export function combineEstimates(estimates: readonly Estimate[]): Estimate {
  const count = estimates.length;
  const meanLog = estimates.reduce((sum, item) => sum + Math.log(item.value), 0) / count;
  const value = Math.exp(meanLog);
  if (estimates.some((item) => item.lower === null || item.upper === null)) {
    return { value, lower: null, upper: null };
  }
  const variance = estimates.reduce((sum, item) => {
    const se = (Math.log(item.upper ?? item.value) - Math.log(item.lower ?? item.value)) / (2 * Z95);
    return sum + se * se;
  }, 0);
  const half = (Z95 * Math.sqrt(variance)) / count;
  return { value, lower: Math.exp(meanLog - half), upper: Math.exp(meanLog + half) };
}

function combineChained(points: readonly SeriesPoint[]): Estimate | null {
  const ratios = points.map((point) => point.chainedRatio);
  if (ratios.some((ratio) => ratio === null)) return null;
  return combineEstimates(ratios.filter((ratio): ratio is Estimate => ratio !== null));
}

function combinePoints(first: SeriesPoint, points: readonly SeriesPoint[]): SeriesPoint {
  return {
    ...first,
    ...combineEstimates(points),
    samples: [],
    chainedRatio: combineChained(points),
  };
}

/** The all-cells series from the metric's per-cell series (same metric), over runs that measured `cellCount` cells. */
export function buildAllCellsSeries(
  perCell: readonly HistorySeries[],
  info: MetricInfo,
  cellCount: number,
): HistorySeries {
  const byRun = new Map<string, SeriesPoint[]>();
  for (const series of perCell) {
    for (const point of series.points) {
      const key = `${point.date} ${point.commit}`;
      byRun.set(key, [...(byRun.get(key) ?? []), point]);
    }
  }
  const points = [...byRun.values()]
    .filter((group) => group.length === cellCount)
    .flatMap(([first, ...rest]) => (first === undefined ? [] : [combinePoints(first, [first, ...rest])]));
  return { cell: null, cellId: ALL_CELLS_ID, label: ALL_CELLS_LABEL, ...info, points, changePoints: [] };
}
