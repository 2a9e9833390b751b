import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHistorySite, type HistorySiteContext } from '../../../src/report/site/index.js';
import type { HistorySeries } from '../../../src/history/history-series.js';
import { assertBalancedTags, listDataCharts } from '../html-checks.js';
import { HOSTILE } from '../hostile-inputs.js';
import {
  checkScriptHashes,
  CONTEXT,
  findRequestsBesidesLinks,
  listCommitLinks,
  listExpectedCharts,
  listLinks,
  REPOSITORY,
} from './history-site-checks.js';
import { buildSyntheticHistory } from './synthetic-history.js';

function renderPage(series: readonly HistorySeries[], context: HistorySiteContext = CONTEXT): string {
  const files = renderHistorySite(series, context);
  assert.deepEqual(
    files.map((file) => file.path),
    ['index.html'],
  );
  return files[0]?.content ?? '';
}

/** The <svg> of one data-chart, from its tag to its end. */
function extractChart(html: string, name: string): string {
  const start = html.indexOf(`data-chart="${name}"`);
  assert.ok(start >= 0, `chart ${name} present`);
  return html.slice(start, html.indexOf('</svg>', start));
}

const history = buildSyntheticHistory();
const page = renderPage(history);

test('every series with points has its chart, and throughput its chained trend beside it', () => {
  assert.deepEqual(listDataCharts(page), listExpectedCharts(history));
  assert.equal(listDataCharts(page).filter((name) => name.endsWith('-chained')).length, 3);
  for (const series of history) {
    const chart = extractChart(page, `cell-${series.cellId.replace(/:/g, '-')}--${series.metric}`);
    const dots = chart.match(/<circle class="dot"/g) ?? [];
    assert.equal(dots.length, series.points.length, `${series.label} ${series.metric}: a dot per run`);
    assert.match(chart, /<path class="band"/, 'intervals drawn as a band');
    assert.match(chart, /aria-labelledby="chart-[^"]+-title chart-[^"]+-desc"/);
  }
});

test('change points are drawn with their magnitude, machine changes in every chart of the cell', () => {
  const stepped = history.filter((series) => series.changePoints.length > 0);
  assert.equal(stepped.length, 2, 'throughput and latency of the stepped cell');
  for (const series of stepped) {
    const chart = extractChart(page, `cell-length-256-16--${series.metric}`);
    const markers = [...chart.matchAll(/<g class="marker change (bad|good)">[\s\S]*?<\/g>/g)];
    assert.equal(markers.length, 1);
    const magnitude = series.changePoints[0]?.magnitude.value ?? 0;
    const expected = `${magnitude < 0 ? '−' : '+'}${Math.abs(magnitude * 100).toFixed(1)} %`;
    assert.ok(markers[0]?.[0].includes(`>${expected}</text>`), `label ${expected} in ${markers[0]?.[0]}`);
    assert.equal(markers[0]?.[1], 'bad', 'a slower commit is a regression in both metrics');
  }
  for (const name of listExpectedCharts(history)) {
    const boundaries = extractChart(page, name).match(/<g class="marker boundary neutral">/g) ?? [];
    assert.equal(boundaries.length, 1, `${name}: one machine change`);
  }
});

test('the page fetches nothing: commit links and #fragments are the only addresses, the script is hashed', () => {
  const commits = listCommitLinks(history);
  assert.ok(commits.size >= 20);
  const links = listLinks(page);
  for (const commit of commits) assert.ok(links.includes(commit), `${commit} linked`);
  assert.deepEqual(findRequestsBesidesLinks(page, new Set([...commits, REPOSITORY])), []);
  const inMarkup = [...page.matchAll(/<[^<>]*https?:\/\/[^<>]*>/g)].map((match) => match[0]);
  for (const tag of inMarkup)
    assert.match(tag, /^<a (?:class="point" )?href="https:\/\/github\.com\/o\/r[/"]/);
  const scripts = checkScriptHashes(page);
  assert.equal(scripts.scripts, 1);
  assert.deepEqual(scripts.allowed, [true], `script-src allows the inline script: ${scripts.csp}`);
  assert.match(scripts.csp, /^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-/);
  assertBalancedTags(page);
});

test('strings from the store are escaped: branch, machine, label, unit and commit cannot inject markup', () => {
  const hostile = buildSyntheticHistory({ runs: 6, stepAt: 4, machineChangeAt: 2, inject: HOSTILE });
  for (const series of hostile) {
    series.unit = `u${HOSTILE}`;
    const first = series.points[0];
    if (first !== undefined) first.commit = `abc<script>alert(3)</script>`;
  }
  const html = renderPage(hostile, { ...CONTEXT, title: `T ${HOSTILE}` });
  assert.equal(checkScriptHashes(html).scripts, 1, 'only the page’s own script');
  assert.doesNotMatch(html, /<img|<script>alert/);
  const tags = [...html.matchAll(/<[^<>]*>/g)].map((match) => match[0]);
  assert.deepEqual(
    tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag)),
    [],
    'no event handler in any tag',
  );
  assert.match(html, /&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
  assert.deepEqual(findRequestsBesidesLinks(html, new Set([...listCommitLinks(hostile), REPOSITORY])), []);
  assert.ok(!listLinks(html).some((href) => href.includes('abc')), 'a commit that is not hex is not linked');
  assertBalancedTags(html);
});

test('without a usable repository address nothing is linked but the cells', () => {
  for (const repositoryUrl of [null, 'javascript:alert(1)', 'https://x.invalid/"onmouseover="a']) {
    const html = renderPage(history, { ...CONTEXT, repositoryUrl });
    assert.deepEqual(
      listLinks(html).filter((href) => !href.startsWith('#cell-')),
      [],
      `${String(repositoryUrl)}`,
    );
    assert.doesNotMatch(html, /javascript:|onmouseover=/);
  }
});

test('an empty history is a page that says there is nothing yet, without charts or selector', () => {
  const noPoints = buildSyntheticHistory().map((series) => ({ ...series, points: [], changePoints: [] }));
  for (const series of [[], noPoints]) {
    const html = renderPage(series);
    assert.match(html, /No history yet/);
    assert.deepEqual(listDataCharts(html), []);
    assert.doesNotMatch(html, /<select|<script/);
    assertBalancedTags(html);
  }
});

test('a series without intervals or chained ratios still draws its points, and only its own chart', () => {
  const bare = buildSyntheticHistory({ runs: 3, cells: [{ sweep: 'batch', batchSize: 4 }] }).map(
    (series) => ({
      ...series,
      points: series.points.map((point) => ({ ...point, lower: null, upper: null, chainedRatio: null })),
    }),
  );
  const html = renderPage(bare);
  assert.deepEqual(listDataCharts(html), listExpectedCharts(bare));
  assert.equal(listDataCharts(html).length, 3);
  const charts = html.slice(html.indexOf('<main>'));
  assert.doesNotMatch(charts, /class="band"|class="whisker"/);
  assert.equal((charts.match(/<circle class="dot"/g) ?? []).length, 9);
});
