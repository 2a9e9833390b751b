/** The inline stylesheet of report.html: system fonts only, light and dark themes, chart colours. */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
  --s0: #0969da; --s1: #8250df; --s2: #1a7f37; --s3: #bc4c00;
  --bad: #cf222e; --good: #1a7f37; --neutral: #6e7781; --warn: #9a6700;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23;
    --s0: #4493f8; --s1: #ab7df8; --s2: #3fb950; --s3: #f0883e;
    --bad: #f85149; --good: #3fb950; --neutral: #9198a1; --warn: #d29922;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 1.5rem; max-width: 72rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1 { font-size: 1.6rem; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin-top: 2rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05rem; }
p, li { overflow-wrap: anywhere; }
.verdict { font-size: 1.15rem; font-weight: 600; padding: 0.6rem 0.9rem; border-radius: 6px; border-left: 6px solid var(--neutral); background: var(--panel); }
.verdict.fail { border-left-color: var(--bad); }
.verdict.pass { border-left-color: var(--good); }
.verdict.warn { border-left-color: var(--warn); }
.muted { color: var(--muted); }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid var(--border); padding: 0.25rem 0.6rem; vertical-align: top; }
thead th { background: var(--panel); }
th[scope="row"] { text-align: left; font-weight: 500; }
td.r { text-align: right; white-space: nowrap; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 1rem; }
figure.chart { margin: 0; padding: 0.5rem; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 0.85rem; color: var(--muted); text-align: center; }
svg text { fill: var(--fg); stroke: none; font-size: 11px; font-family: inherit; }
svg text.tick { fill: var(--muted); }
svg text.axis-label { font-weight: 600; }
svg .grid { stroke: var(--border); stroke-width: 1; }
svg .zero { stroke: var(--fg); stroke-width: 1; }
svg .series .line { fill: none; stroke-width: 2; }
svg .whisker line { stroke-width: 1.5; }
svg .reference line { stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .s0 { fill: var(--s0); stroke: var(--s0); }
svg .s1 { fill: var(--s1); stroke: var(--s1); }
svg .s2 { fill: var(--s2); stroke: var(--s2); }
svg .s3 { fill: var(--s3); stroke: var(--s3); }
svg .bad { fill: var(--bad); stroke: var(--bad); }
svg .good { fill: var(--good); stroke: var(--good); }
svg .neutral { fill: var(--neutral); stroke: var(--neutral); }
svg .bar { stroke: none; }
svg .series .line, svg .reference line { fill: none; }
svg .whisker line { stroke: var(--fg); }
svg .s0 .whisker line { stroke: var(--s0); }
svg .s1 .whisker line { stroke: var(--s1); }
svg .s2 .whisker line { stroke: var(--s2); }
@media print { .charts { display: block; } figure.chart { break-inside: avoid; margin-bottom: 1rem; } }
`;
