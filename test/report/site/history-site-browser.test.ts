/**
 * The dashboard in headless Chromium, opened from a file: URL with every other request aborted and recorded:
 * no request, no console error (a blocked inline script would be one), every chart drawn with its points,
 * the selector switching cells (by mouse and keyboard), no sideways scrolling on a phone, and screenshots at
 * 360 × 800 and 1280 × 800 in light and dark kept in test-output/history-site/ (printed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { runHistorySite } from '../../../src/core/index.js';
import { CONTEXT, listExpectedCharts } from './history-site-checks.js';
import { buildSyntheticHistory } from './synthetic-history.js';
import { launchChromium } from '../../helpers/launch-chromium.js';

const outputDir = resolve('test-output', 'history-site');
const history = buildSyntheticHistory({ runs: 26 });
const charts = listExpectedCharts(history);
const sections = [...new Set(history.map((series) => `cell-${series.cellId.replace(/:/g, '-')}`))];

interface Watch {
  problems: string[];
  requests: string[];
}

async function openSite(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  dark: boolean,
) {
  const context = await browser.newContext({ viewport, colorScheme: dark ? 'dark' : 'light' });
  const watch: Watch = { problems: [], requests: [] };
  await context.route('**/*', (route) => {
    const address = route.request().url();
    if (address.startsWith('file:')) return route.continue();
    watch.requests.push(address);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') watch.problems.push(message.text());
  });
  page.on('pageerror', (error) => watch.problems.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  return { page, watch, close: () => context.close() };
}

async function listVisibleSections(page: Page): Promise<string[]> {
  return page.$$eval('section[data-cell]', (items) =>
    items.filter((item) => !item.hidden).map((item) => item.id),
  );
}

async function assertChartsDrawn(page: Page): Promise<void> {
  await page.selectOption('#cell-select', 'all');
  assert.deepEqual(
    await page.$$eval('svg[data-chart]', (items) => items.map((item) => item.dataset.chart)),
    charts,
  );
  for (const name of charts) {
    const chart = page.locator(`svg[data-chart="${name}"]`);
    const box = await chart.boundingBox();
    assert.ok(
      box !== null && box.width > 300 && box.height > 150,
      `${name} has a size: ${JSON.stringify(box)}`,
    );
    assert.equal(
      await chart.locator('circle.dot').count(),
      history[0]?.points.length,
      `${name}: every point`,
    );
    assert.ok((await chart.locator('path.line').count()) >= 1, `${name}: a line`);
  }
  const changes = page.locator('svg[data-chart="cell-length-256-16--throughput"] g.marker.change');
  assert.equal(await changes.count(), 1, 'the change point is marked');
  assert.ok(await changes.locator('text').isVisible());
}

async function assertSelectorSwitches(page: Page): Promise<void> {
  await page.selectOption('#cell-select', sections[0] ?? '');
  assert.deepEqual(await listVisibleSections(page), [sections[0]], 'one cell at a time');
  await page.selectOption('#cell-select', sections[1] ?? '');
  assert.deepEqual(await listVisibleSections(page), [sections[1]]);
  assert.equal(new URL(page.url()).hash, `#${sections[1] ?? ''}`, 'the choice is kept in the address');
  await page.focus('#cell-select');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await listVisibleSections(page), [sections[2]], 'the keyboard moves to the next cell');
  await page.click(`#overview a.card-title[href="#${sections[0] ?? ''}"]`);
  assert.deepEqual(await listVisibleSections(page), [sections[0]], 'an overview link shows its cell');
}

/** Opens the stepped cell by its #fragment, checks the layout, and saves a full-page screenshot. */
async function takeScreenshot(browser: Browser, url: string, width: number, dark: boolean): Promise<string> {
  const view = await openSite(browser, `${url}#${sections[2] ?? ''}`, { width, height: 800 }, dark);
  assert.deepEqual(await listVisibleSections(view.page), [sections[2]], 'the #fragment picks the cell');
  const overflow = await view.page.$eval('html', (root) => root.scrollWidth - root.clientWidth);
  assert.ok(overflow <= 0, `${width} px: no sideways scrolling (${overflow} px too wide)`);
  const tick = await view.page
    .locator('section:not([hidden]) svg[data-chart] text.tick')
    .first()
    .boundingBox();
  assert.ok(tick !== null && tick.height >= 9, `${width} px: axis text ${tick?.height ?? 0} px tall`);
  await view.page.evaluate('window.scrollTo(0, 0)');
  const path = join(outputDir, `history-site-${width}x800-${dark ? 'dark' : 'light'}.png`);
  await view.page.screenshot({ path, fullPage: true });
  assert.deepEqual(view.watch.problems, [], 'no console errors or warnings');
  assert.deepEqual(view.watch.requests, [], 'no network requests');
  await view.close();
  return `${path} (axis text ${tick.height.toFixed(1)} px tall)`;
}

test('history site in headless Chromium: no request, no console error, charts drawn, selector works', async () => {
  const site = await runHistorySite(
    { series: history, context: CONTEXT, outDir: outputDir },
    { cwd: process.cwd(), now: () => new Date(CONTEXT.generatedAt) },
  );
  const url = pathToFileURL(site.files[0] ?? '').href;
  const browser = await launchChromium();
  try {
    const laptop = await openSite(browser, url, { width: 1280, height: 800 }, false);
    assert.ok(await laptop.page.isVisible('#cell-select'), 'the script ran and revealed the selector');
    assert.deepEqual(await listVisibleSections(laptop.page), [sections[0]], 'the first cell is shown first');
    await assertSelectorSwitches(laptop.page);
    await assertChartsDrawn(laptop.page);
    assert.deepEqual(laptop.watch.problems, [], 'no console errors or warnings while switching');
    assert.deepEqual(laptop.watch.requests, [], 'no network requests while switching');
    await laptop.close();
    const screenshots: string[] = [];
    for (const width of [360, 1280]) {
      for (const dark of [false, true]) screenshots.push(await takeScreenshot(browser, url, width, dark));
    }
    console.log(`history site screenshots:\n${screenshots.join('\n')}`);
  } finally {
    await browser.close();
  }
});
