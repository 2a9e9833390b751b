import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHART_NAMES, renderHtmlReport } from '../../src/report/index.js';
import { loadFixtureComparison, loadFixtureProfile } from './fixtures/report-fixtures.js';
import { launchChromium } from '../helpers/launch-chromium.js';

const outputDir = resolve('test-output');

test('report.html in headless Chromium: no console errors, no network request, every chart drawn', async () => {
  mkdirSync(outputDir, { recursive: true });
  const htmlPath = join(outputDir, 'report.html');
  writeFileSync(
    htmlPath,
    renderHtmlReport({ profile: loadFixtureProfile(), comparison: loadFixtureComparison() }),
  );
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
    for (const name of CHART_NAMES) {
      const chart = page.locator(`svg[data-chart="${name}"]`);
      assert.equal(await chart.count(), 1, `chart ${name} present`);
      const box = await chart.boundingBox();
      assert.ok(
        box && box.width > 100 && box.height > 50,
        `chart ${name} has a size: ${JSON.stringify(box)}`,
      );
      const marks = await chart.locator('path, rect, circle, polyline, line').count();
      assert.ok(marks > 3, `chart ${name} draws marks (${marks})`);
    }
    await page.screenshot({ path: join(outputDir, 'report.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(outputDir, 'report-dark.png'), fullPage: true });
    assert.deepEqual(problems, [], 'no console errors');
    assert.deepEqual(requests, [], 'no network requests');
  } finally {
    await browser.close();
  }
});
