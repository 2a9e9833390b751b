/**
 * What the dashboard needs besides the series: a title, where commits live (for links) and when the site was
 * generated. Also the small naming helpers every part of the page shares: commit links, short commits, anchor
 * ids of cells and the words for each metric.
 */
import type { HistoryMetric, HistorySeries } from '../../history/history-series.js';

export interface HistorySiteContext {
  /** The page's heading and <title>, e.g. "embedprof history: org/repo". */
  title: string;
  /** The repository's web address, e.g. "https://github.com/o/r"; commits link to `<url>/commit/<sha>`. */
  repositoryUrl: string | null;
  /** ISO 8601 time the site was generated. */
  generatedAt: string;
}

export interface SiteFile {
  path: string;
  content: string;
}

/** The order metrics are drawn in, and their words. */
export const METRIC_ORDER: readonly HistoryMetric[] = [
  'throughput',
  'p95LatencyMs',
  'peakMemoryMB',
  'coldStartMs',
  'loadRssMB',
];

export function describeMetric(metric: HistoryMetric): string {
  switch (metric) {
    case 'throughput':
      return 'Throughput';
    case 'p95LatencyMs':
      return 'p95 latency';
    case 'peakMemoryMB':
      return 'Peak memory';
    case 'coldStartMs':
      return 'Time to first embedding';
    case 'loadRssMB':
      return 'RSS after load';
  }
}

const HEX_COMMIT = /^[0-9a-f]{4,64}$/i;

/** Whether `url` is an absolute http(s) address without characters that would need quoting. */
export function isWebAddress(url: string): boolean {
  if (!/^https?:\/\/[^\s"'<>`\\]+$/i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** `<repositoryUrl>/commit/<sha>`, or null without a repository address or for a commit that is not hex. */
export function buildCommitUrl(repositoryUrl: string | null, commit: string): string | null {
  if (repositoryUrl === null || !isWebAddress(repositoryUrl) || !HEX_COMMIT.test(commit)) return null;
  return `${repositoryUrl.replace(/\/+$/, '')}/commit/${commit}`;
}

/** The first 7 characters of a commit, as people quote them. */
export function shortenCommit(commit: string): string {
  return Array.from(commit).slice(0, 7).join('');
}

/** An HTML id for a cell id ("batch:32" → "cell-batch-32"); safe in attributes, selectors and URLs. */
export function createCellAnchor(cellId: string): string {
  return `cell-${cellId.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** The series grouped by cell, in the order cells first appear; metrics within a cell in METRIC_ORDER. */
export function groupByCell(series: readonly HistorySeries[]): HistorySeries[][] {
  const groups = new Map<string, HistorySeries[]>();
  for (const item of series) {
    const group = groups.get(item.cellId) ?? [];
    group.push(item);
    groups.set(item.cellId, group);
  }
  const rank = (item: HistorySeries) => METRIC_ORDER.indexOf(item.metric);
  return [...groups.values()].map((group) => [...group].sort((a, b) => rank(a) - rank(b)));
}

/** "2026-11-24" from an ISO time (the text as given when it is not one). */
export function formatDay(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? iso;
}
