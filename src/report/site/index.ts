/**
 * Public API of the history dashboard: a pure function of the series (src/history/history-series.ts) and a
 * small context, returning the site's files. Writing them is the caller's business (core/run-history-site.ts).
 */
export { renderHistoryPage, renderHistorySite } from './render-history-site.js';
export type { HistorySiteContext, SiteFile } from './site-context.js';
export { buildCommitUrl, createCellAnchor, isWebAddress } from './site-context.js';
export { computeChainedTrend, type ChainedValue } from './chained-trend.js';
export { SITE_SCRIPT, computeScriptSource } from './site-script.js';
