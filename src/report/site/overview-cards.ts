/**
 * The overview at the top of the dashboard: a card per cell — its name linking to its section, the newest
 * value of each metric, and its change points (red when one is a regression) — that reflow from several per
 * row on a laptop to one per row on a phone. Every string is escaped.
 */
import type { HistorySeries } from '../../history/history-series.js';
import { escapeHtmlText } from '../text/escape.js';
import { formatChange, formatQuantity } from '../text/format-numbers.js';
import { createCellAnchor, describeMetric, shortenCommit } from './site-context.js';

function renderNewest(series: HistorySeries): string {
  const newest = series.points[series.points.length - 1];
  const value = newest === undefined ? 'no runs' : `${formatQuantity(newest.value)} ${series.unit}`;
  return `<div><dt>${escapeHtmlText(describeMetric(series.metric))}</dt><dd>${escapeHtmlText(value, 60)}</dd></div>`;
}

/** "throughput −13.6 % at 8b06950 (regression)" per change point; "no change point" without one. */
function listChanges(group: readonly HistorySeries[]): string[] {
  return group.flatMap((series) =>
    series.changePoints.map((change) => {
      const kind = change.regression ? 'regression' : 'improvement';
      return `${describeMetric(series.metric).toLowerCase()} ${formatChange(change.magnitude.value)} at ${shortenCommit(change.toCommit)} (${kind})`;
    }),
  );
}

function selectTone(group: readonly HistorySeries[]): 'bad' | 'good' | 'neutral' {
  const changes = group.flatMap((series) => series.changePoints);
  if (changes.some((change) => change.regression)) return 'bad';
  return changes.length > 0 ? 'good' : 'neutral';
}

function renderCard(group: readonly HistorySeries[]): string {
  const first = group[0];
  const anchor = createCellAnchor(first?.cellId ?? '');
  const changes = listChanges(group);
  const summary =
    changes.length === 0
      ? 'No change point.'
      : `${changes.length} change point${changes.length === 1 ? '' : 's'}: ${changes.join('; ')}.`;
  return [
    `<li class="card ${selectTone(group)}">`,
    `<a class="card-title" href="#${anchor}">${escapeHtmlText(first?.label ?? '', 120)}</a>`,
    `<dl>${group.map(renderNewest).join('')}</dl>`,
    `<p class="changes">${escapeHtmlText(summary)}</p>`,
    `</li>`,
  ].join('');
}

/** The cards of every cell, in the order of the sections. */
export function renderOverviewCards(groups: readonly HistorySeries[][]): string {
  return `<ul class="overview" aria-label="Newest run and change points per cell">\n${groups.map(renderCard).join('\n')}\n</ul>`;
}
