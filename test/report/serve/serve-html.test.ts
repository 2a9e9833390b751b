import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVE_CURVE_CHART, renderServeHtml, renderServeHtmlSections } from '../../../src/report/index.js';
import { launchChromium } from '../../helpers/launch-chromium.js';
import { assertBalancedTags, findFetchingReferences, listDataCharts } from '../html-checks.js';
import { HOSTILE_WARNING, SERVE_CASE_NAMES, SERVE_CASES } from './serve-cases.js';

const outputDir = resolve('test-output');

for (const name of SERVE_CASE_NAMES) {
  test(`serve-report.html of the ${name} case: balanced, self-contained, the curve and a table per sweep`, () => {
    const profile = SERVE_CASES[name];
    const html = renderServeHtml(profile);
    assertBalancedTags(html);
    assert.deepEqual(findFetchingReferences(html), [], 'nothing a browser would fetch');
    assert.deepEqual(listDataCharts(html), [SERVE_CURVE_CHART]);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    const captions = [...html.matchAll(/<caption>(Rate sweep, [^<]*)<\/caption>/g)].map((match) => match[1]);
    assert.equal(captions.length, profile.sweeps.length);
    const timing = profile.sweeps[0]?.rates[0]?.windows[0]?.serverTimingMs !== null;
    assert.equal(/<caption>Server timing/.test(html), timing, 'the timing split exactly when recorded');
  });
}

test('the page leads with the knee in a verdict box toned by where the knee is', () => {
  const verdict = (name: keyof typeof SERVE_CASES) =>
    /<p class="verdict (\w+)">([^<]*)<\/p>/.exec(renderServeHtml(SERVE_CASES[name]))?.slice(1);
  assert.deepEqual(verdict('found'), [
    'info',
    'Knee: 262 req/s (95 % CI 251–281) at p95 ≤ 100 ms, 8 texts per request',
  ]);
  assert.equal(verdict('below-lowest')?.[0], 'fail');
  assert.equal(verdict('above-highest')?.[0], 'warn');
});

test('untrusted text (a warning, the command) is escaped in the page', () => {
  const html = renderServeHtml(SERVE_CASES.found);
  assert.ok(!html.includes('<img'), 'no tag from the warning');
  assert.ok(html.includes(`<li>${HOSTILE_WARNING.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</li>`));
  const hostileCommand = {
    ...SERVE_CASES.found,
    target: { kind: 'command', command: '<script>x</script>', readyMs: 1, firstEmbeddingMs: null },
  } as const;
  const page = renderServeHtml(hostileCommand);
  assert.ok(!page.includes('<script>'));
  assert.match(page, /<title>embedprof serve report: &lt;script&gt;x&lt;\/script&gt;<\/title>/);
  assert.match(page, /cold start: first embedding<\/th><td>none answered/);
});

test('the sections alone (for another page) hold the curve and no head', () => {
  const sections = renderServeHtmlSections(SERVE_CASES['two-sweeps']).join('\n');
  assert.doesNotMatch(sections, /<head>|<html/);
  assert.deepEqual(listDataCharts(sections), [SERVE_CURVE_CHART]);
  assert.match(sections, /<section id="serve-sweep-2"/);
});

test('serve-report.html in headless Chromium: no console error, no request, the curve drawn with its marks', async () => {
  mkdirSync(outputDir, { recursive: true });
  const htmlPath = join(outputDir, 'serve-report.html');
  writeFileSync(htmlPath, renderServeHtml(SERVE_CASES['two-sweeps']));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const chart = page.locator(`svg[data-chart="${SERVE_CURVE_CHART}"]`);
    assert.equal(await chart.count(), 1);
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 150, `the curve has a size: ${JSON.stringify(box)}`);
    for (const mark of ['objective', 'knee', 'p95', 'p95-interval']) {
      const count = await chart.locator(`[data-mark="${mark}"]`).count();
      assert.ok(count >= 1, `${mark} drawn (${count})`);
    }
    const dashes = (mark: string) =>
      page.evaluate(
        `getComputedStyle(document.querySelector('svg[data-chart="${SERVE_CURVE_CHART}"] path[data-mark="${mark}"]')).strokeDasharray`,
      );
    assert.equal(await dashes('p50'), '5px, 3px', 'p50 dashed by the stylesheet');
    assert.equal(await dashes('p95'), 'none', 'p95 solid');
    await page.screenshot({ path: join(outputDir, 'serve-report.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(outputDir, 'serve-report-dark.png'), fullPage: true });
    assert.deepEqual(problems, [], 'no console errors');
    assert.deepEqual(requests, [], 'no network requests');
  } finally {
    await browser.close();
  }
});
