/**
 * One cell's part of the dashboard: its heading, a line of facts, a chart per metric (and the chained trend
 * beside the metric it belongs to), and its runs in a collapsed table. The section's id is the cell's anchor,
 * which the selector shows and hides.
 */
import type { HistorySeries } from '../../history/history-series.js';
import { escapeHtmlText } from '../text/escape.js';
import { renderParagraph } from '../html/html-blocks.js';
import { renderRunsTable } from './runs-table.js';
import { renderChainedChart } from './chained-chart.js';
import { listMachineChanges, renderSeriesChart } from './series-charts.js';
import type { HistorySiteContext } from './site-context.js';
import { createCellAnchor, describeMetric, formatDay } from './site-context.js';

/** Hands out data-chart names, each once: "cell-batch-32--throughput", then "…-2" for a repeat. */
export function createChartNamer(): (base: string) => string {
  const used = new Set<string>();
  return (base) => {
    let name = base;
    for (let count = 2; used.has(name); count += 1) name = `${base}-${count}`;
    used.add(name);
    return name;
  };
}

function renderSeriesCharts(
  series: HistorySeries,
  context: HistorySiteContext,
  nameChart: (base: string) => string,
): string[] {
  const base = `${createCellAnchor(series.cellId)}--${series.metric}`;
  if (series.points.length === 0) {
    return [renderParagraph(`No runs of ${describeMetric(series.metric).toLowerCase()} yet.`, 'muted')];
  }
  const charts = [
    renderSeriesChart(series, context, nameChart(base)),
    renderChainedChart(series, context, nameChart(`${base}-chained`)),
  ];
  return charts.filter((chart): chart is string => chart !== null);
}

function describeCell(group: readonly HistorySeries[]): string {
  const longest = [...group].sort((a, b) => b.points.length - a.points.length)[0];
  const points = longest?.points ?? [];
  const changes = group.reduce((sum, series) => sum + series.changePoints.length, 0);
  const machines = listMachineChanges(points).length;
  const range =
    points.length === 0
      ? ''
      : `, ${formatDay(points[0]?.date ?? '')} to ${formatDay(points[points.length - 1]?.date ?? '')}`;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(points.length, 'run')}${range} · ${plural(changes, 'change point')} · ${plural(machines, 'machine change')}`;
}

export function renderCellSection(
  group: readonly HistorySeries[],
  context: HistorySiteContext,
  nameChart: (base: string) => string,
): string {
  const first = group[0];
  const anchor = createCellAnchor(first?.cellId ?? '');
  const runs = Math.max(0, ...group.map((series) => series.points.length));
  return [
    `<section id="${anchor}" data-cell="${anchor}" class="cell" aria-labelledby="${anchor}-title">`,
    `<h2 id="${anchor}-title">${escapeHtmlText(first?.label ?? '', 120)}</h2>`,
    renderParagraph(describeCell(group), 'muted'),
    `<div class="history-charts">`,
    ...group.flatMap((series) => renderSeriesCharts(series, context, nameChart)),
    `</div>`,
    `<details><summary>Runs (${runs})</summary>`,
    renderRunsTable(group, context),
    `</details>`,
    `</section>`,
  ].join('\n');
}
