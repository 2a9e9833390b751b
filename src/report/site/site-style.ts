/**
 * The dashboard's stylesheet on top of the report's (REPORT_CSS: themes, tables, chart colours): charts in a
 * grid that becomes one column on a phone, larger chart text, the interval bands, markers and points, and a
 * sticky cell selector with a touch-sized target and a visible focus ring.
 */
import { REPORT_CSS } from '../html/html-style.js';

const SITE_CSS = `
[hidden] { display: none !important; }
body { max-width: 90rem; }
@media (max-width: 40rem) { body { padding: 0.75rem; } h1 { font-size: 1.3rem; } }
.controls { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.5rem 0; background: var(--bg); border-bottom: 1px solid var(--border); }
.controls label { font-weight: 600; }
select { font: inherit; color: var(--fg); background: var(--panel); border: 1px solid var(--border); border-radius: 6px; min-height: 2.75rem; padding: 0.3rem 0.6rem; max-width: 100%; }
select:focus-visible, a:focus-visible, summary:focus-visible { outline: 3px solid var(--s0); outline-offset: 2px; }
a { color: var(--s0); }
.key { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0.5rem 0 0; padding: 0; list-style: none; font-size: 0.85rem; color: var(--muted); }
.key svg { width: 1.8em; height: 1em; vertical-align: -0.15em; margin-right: 0.3em; }
.history-charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); gap: 0.75rem; margin: 0.75rem 0; }
figure.chart { display: flex; flex-direction: column; }
figure.chart figcaption { order: -1; text-align: left; color: var(--fg); font-weight: 600; font-size: 0.9rem; }
svg text { font-size: 13px; }
svg .band { fill-opacity: 0.2; stroke: none; }
svg .point .hit { fill: transparent; stroke: none; }
svg .point .dot { stroke: var(--bg); stroke-width: 1; }
svg a.point:hover .dot { r: 5px; }
svg .marker line { stroke-width: 1.5; }
svg .marker.change line { stroke-dasharray: 5 3; }
svg .marker.boundary line { stroke: var(--muted); stroke-dasharray: 2 3; }
svg .marker text { stroke: var(--bg); stroke-width: 3px; paint-order: stroke; font-weight: 600; }
svg .marker.bad text { fill: var(--bad); }
svg .marker.good text { fill: var(--good); }
svg .marker.neutral text { fill: var(--muted); }
.empty { font-size: 1.1rem; padding: 1rem; border: 1px dashed var(--border); border-radius: 6px; }
section.cell { scroll-margin-top: 4.5rem; }
.overview { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr)); gap: 0.75rem; margin: 0.75rem 0; padding: 0; list-style: none; }
.card { padding: 0.6rem 0.8rem; border: 1px solid var(--border); border-left: 6px solid var(--neutral); border-radius: 6px; background: var(--panel); }
.card.bad { border-left-color: var(--bad); }
.card.good { border-left-color: var(--good); }
.card-title { font-weight: 600; font-size: 1.05rem; }
.card dl { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; margin: 0.4rem 0; }
.card dt { font-size: 0.8rem; color: var(--muted); }
.card dd { margin: 0; font-variant-numeric: tabular-nums; font-weight: 600; }
.card .changes { margin: 0; font-size: 0.85rem; }
.card.bad .changes { color: var(--bad); }
details { margin: 0.5rem 0 1rem; }
summary { cursor: pointer; font-weight: 600; }
`;

export const HISTORY_SITE_CSS = `${REPORT_CSS}${SITE_CSS}`;
