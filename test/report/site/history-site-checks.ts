/**
 * What the dashboard tests expect of a page, computed from the series independently of the renderer: the
 * chart names, the links a page may hold, and the requests markup could make once those links are set aside.
 */
import { createHash } from 'node:crypto';
import type { HistorySeries } from '../../../src/history/history-series.js';
import { findFetchingReferences } from '../html-checks.js';

export const REPOSITORY = 'https://github.com/o/r';

export const CONTEXT = {
  title: 'embedprof history: o/r',
  repositoryUrl: REPOSITORY,
  generatedAt: '2026-10-31T06:00:00.000Z',
};

const anchorOf = (cellId: string) => `cell-${cellId.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** The data-chart names a page of `series` must have: one per series with points, one more with ratios. */
export function listExpectedCharts(series: readonly HistorySeries[]): string[] {
  return series.flatMap((item) => {
    if (item.points.length === 0) return [];
    const base = `${anchorOf(item.cellId)}--${item.metric}`;
    const chained = item.points.some((point, index) => index > 0 && point.chainedRatio !== null);
    return chained ? [base, `${base}-chained`] : [base];
  });
}

/** The commit links a page of `series` may hold. */
export function listCommitLinks(series: readonly HistorySeries[]): Set<string> {
  return new Set(
    series.flatMap((item) =>
      item.points.flatMap((point) =>
        /^[0-9a-f]{40}$/.test(point.commit) ? [`${REPOSITORY}/commit/${point.commit}`] : [],
      ),
    ),
  );
}

/** Every href of an <a> tag in the page. */
export function listLinks(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((match) => match[1] ?? '');
}

/**
 * What could fetch, once the allowed links (commits, the repository, #fragments) and the one inline script
 * (without attributes) are set aside: should be nothing.
 */
export function findRequestsBesidesLinks(html: string, allowed: ReadonlySet<string>): string[] {
  const withoutScript = html.replace(/<script>[\s\S]*?<\/script>/, '');
  const withoutLinks = withoutScript.replace(
    /<a\b([^>]*)\bhref="([^"]*)"([^>]*)>/g,
    (tag, before, href: string, after) =>
      allowed.has(href) || /^#[A-Za-z0-9_-]+$/.test(href) ? `<a${before}${after}>` : tag,
  );
  return findFetchingReferences(withoutLinks);
}

/** The inline scripts of the page and whether the CSP's script-src hash allows each. */
export function checkScriptHashes(html: string): { scripts: number; allowed: boolean[]; csp: string } {
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  const allowed = scripts.map((match) => {
    const hash = createHash('sha256')
      .update(match[2] ?? '')
      .digest('base64');
    return (match[1] ?? '') === '' && csp.includes(`'sha256-${hash}'`);
  });
  return { scripts: scripts.length, allowed, csp };
}
