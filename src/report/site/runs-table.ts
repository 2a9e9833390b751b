/**
 * A cell's runs as a table, newest first, each commit linking to the repository: the charts' content for
 * keyboards and screen readers, and the chained values and notes (change points, new machines) per run.
 * Tables are plain data escaped by renderHtmlTable.
 */
import type { HistorySeries, SeriesPoint } from '../../history/history-series.js';
import { renderHtmlTable } from '../html/html-blocks.js';
import type { Align } from '../facts/table-data.js';
import { createTable } from '../facts/table-data.js';
import { computeChainedTrend, hasChainedRatios } from './chained-trend.js';
import { formatEstimate, formatRelative, listMachineChanges } from './series-charts.js';
import type { HistorySiteContext } from './site-context.js';
import { buildCommitUrl, describeMetric, formatDay, shortenCommit } from './site-context.js';

interface RunRow {
  point: SeriesPoint;
  /** Column key ("throughput", "throughput:chained") → text. */
  values: Map<string, string>;
  notes: string[];
}

interface RunColumn {
  key: string;
  header: string;
}

function listRunColumns(group: readonly HistorySeries[]): RunColumn[] {
  return group.flatMap((series) => {
    const name = describeMetric(series.metric);
    const absolute = { key: series.metric, header: `${name} (${series.unit})` };
    if (!hasChainedRatios(series)) return [absolute];
    return [absolute, { key: `${series.metric}:chained`, header: `Chained ${name.toLowerCase()}` }];
  });
}

function addSeriesRuns(rows: Map<string, RunRow>, series: HistorySeries): void {
  const machines = new Set(listMachineChanges(series.points));
  const chained = hasChainedRatios(series) ? computeChainedTrend(series) : null;
  const name = describeMetric(series.metric).toLowerCase();
  series.points.forEach((point, index) => {
    const key = `${point.commit}\u0000${point.date}`;
    const row = rows.get(key) ?? { point, values: new Map<string, string>(), notes: [] };
    row.values.set(series.metric, formatEstimate(point));
    const change = chained?.[index]?.change;
    if (change !== undefined) row.values.set(`${series.metric}:chained`, formatRelative(change));
    for (const found of series.changePoints.filter((item) => item.index === index))
      row.notes.push(`change point in ${name}: ${formatRelative(found.magnitude)}`);
    if (machines.has(index) && !row.notes.includes('new machine')) row.notes.push('new machine');
    rows.set(key, row);
  });
}

/** Every run of a cell, newest first, its commit linking to the repository. */
export function renderRunsTable(group: readonly HistorySeries[], context: HistorySiteContext): string {
  const joined = new Map<string, RunRow>();
  for (const series of group) addSeriesRuns(joined, series);
  const runs = [...joined.values()].reverse();
  const metricColumns = listRunColumns(group);
  const columns: [string, Align][] = [
    ['Commit', 'l'],
    ['Date', 'l'],
    ['Branch', 'l'],
    ['Machine', 'l'],
    ...metricColumns.map((column): [string, Align] => [column.header, 'r']),
    ['Notes', 'l'],
  ];
  const rows = runs.map((run) => [
    shortenCommit(run.point.commit),
    formatDay(run.point.date),
    run.point.branch ?? '—',
    run.point.machine,
    ...metricColumns.map((column) => run.values.get(column.key) ?? '—'),
    run.notes.join('; '),
  ]);
  const table = createTable(`Runs of ${group[0]?.label ?? ''}, newest first`, columns, rows);
  return renderHtmlTable(table, (row, column) =>
    column === 0 ? buildCommitUrl(context.repositoryUrl, runs[row]?.point.commit ?? '') : null,
  );
}
