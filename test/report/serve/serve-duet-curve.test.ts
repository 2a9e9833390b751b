import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SERVE_DUET_CURVE_CHART,
  renderServeDuetCurve,
  renderServeDuetCurveImage,
  renderServeDuetHtml,
  renderServeDuetHtmlSections,
} from '../../../src/report/index.js';
import { assertBalancedTags, findFetchingReferences, listDataCharts } from '../html-checks.js';
import { getCase, SERVE_DUET_CASE_NAMES } from './serve-duet-cases.js';

/** The class of every data series (`<g class="series …">` holding a p95 line), in order. */
function listSeries(svg: string): string[] {
  return [...svg.matchAll(/<g class="series (s\d (?:base|head))">/g)].map((match) => match[1] ?? '');
}

test('the curve has a base and a head series per sweep, the objective line and both knees', () => {
  const svg = renderServeDuetCurve(getCase('regression'));
  assert.deepEqual(listSeries(svg), ['s0 base', 's0 head']);
  assert.equal([...svg.matchAll(/data-mark="p95"/g)].length, 2, 'a p95 line per side');
  assert.doesNotMatch(svg, /data-mark="p50"|data-mark="p99"/, 'p50 and p99 left out for a p95 objective');
  assert.match(svg, /<g class="reference bad" data-mark="objective"><line /);
  assert.match(svg, /data-mark="objective-label"><text [^>]*>objective p95 ≤ 100 ms<\/text>/);
  assert.match(svg, /<g class="knee s0 base" data-mark="knee" data-rate="88">/);
  assert.match(svg, /<g class="knee s0 head" data-mark="knee" data-rate="72">/);
  assert.match(svg, />base knee 88 req\/s<\/text>/);
  assert.match(svg, />head knee 72 req\/s<\/text>/);
});

test('base and head differ by style and are keyed in the legend, not only by colour', () => {
  const view = getCase('regression');
  const svg = renderServeDuetCurve(view);
  assert.match(svg, /<rect class="swatch s0 base"[^>]*\/><text [^>]*>base main \(abc1234\)<\/text>/);
  assert.match(
    svg,
    /<rect class="swatch s0 head"[^>]*\/><text [^>]*>head pull request #12 \(def5678\)<\/text>/,
  );
  assert.match(svg, /<g class="series neutral head"><line class="line p95"[^>]*\/><g class="point"><circle /);
  assert.match(svg, /<g class="series neutral base">/);
  const image = renderServeDuetCurveImage(view);
  assert.match(image, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(image, /svg \.series\.base \.line\.p95 \{[^}]*stroke-dasharray/, 'the base long-dashed');
  assert.match(image, /svg \.series\.base \.point circle \{ fill: var\(--bg\)/, 'the base hollow');
  assert.match(image, /svg \.knee\.base \.knee-line \{ stroke-dasharray/, 'the base knee dashed');
});

test('two sweeps: a colour per sweep, each with its base and head, keyed by side and texts per request', () => {
  const svg = renderServeDuetCurve(getCase('two-sweeps'));
  assert.deepEqual(listSeries(svg), ['s0 base', 's0 head', 's1 base', 's1 head']);
  assert.match(svg, />base, 1\/req<\/text>/);
  assert.match(svg, />head, 8\/req<\/text>/);
  assert.match(svg, /<figcaption>Rate–latency curves, base main \(abc1234\) \(dashed\) and head/);
});

test('a head whose knee lies above the rates gets a note, the base its knee', () => {
  const svg = renderServeDuetCurve(getCase('bounded'));
  assert.match(svg, /<g class="knee s0 base" data-mark="knee"/);
  assert.match(
    svg,
    /<g class="knee-note s0 head" data-mark="knee-note"><text [^>]*>head knee above 100 req\/s →<\/text>/,
  );
});

test('a p99 objective draws p99 beside p95 and keys it', () => {
  const view = getCase('regression');
  const settings = { ...view.comparison.settings, sloQuantile: 'p99' as const };
  const svg = renderServeDuetCurve({ ...view, comparison: { ...view.comparison, settings } });
  assert.equal([...svg.matchAll(/data-mark="p99"/g)].length, 2);
  assert.match(svg, /objective p99 ≤ 100 ms/);
  assert.match(svg, /<text [^>]*>p99<\/text>/);
});

test('hostile labels are escaped in the SVG, the image and the page', () => {
  const view = getCase('bounded');
  for (const text of [
    renderServeDuetCurve(view),
    renderServeDuetCurveImage(view),
    renderServeDuetHtml(view),
  ]) {
    assert.ok(!text.includes('<img'), 'no tag from a label');
    assert.ok(!text.includes('<script'), 'no tag from a reason');
    assert.ok(text.includes('&lt;img src=x'), 'the label shown as text');
  }
  assert.match(
    renderServeDuetHtml(view),
    /<title>embedprof serve comparison: feat\/&lt;img src=x onerror=alert\(1\)&gt;/,
  );
});

for (const name of SERVE_DUET_CASE_NAMES) {
  test(`serve-comparison.html of the ${name} duet: balanced, self-contained, the curve and a table per sweep`, () => {
    const view = getCase(name);
    const html = renderServeDuetHtml(view);
    assertBalancedTags(html);
    assert.deepEqual(findFetchingReferences(html), [], 'nothing a browser would fetch');
    assert.deepEqual(listDataCharts(html), [SERVE_DUET_CURVE_CHART]);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    const captions = [...html.matchAll(/<caption>Base against head, [^<]*<\/caption>/g)];
    assert.equal(captions.length, view.comparison.sweeps.length);
    const rateTables = [...html.matchAll(/<caption>Rate sweep, [^<]*<\/caption>/g)];
    assert.equal(rateTables.length, view.base.sweeps.length + view.head.sweeps.length, 'each side’s rates');
  });
}

test('the page leads with the verdict, toned by the kind', () => {
  const verdict = (name: string) =>
    /<p class="verdict (\w+)">([^<]*)<\/p>/.exec(renderServeDuetHtml(getCase(name)))?.slice(1);
  assert.deepEqual(verdict('regression'), [
    'fail',
    '❌ Regression: knee −18.2 % [−24.0, −12.1] at 8 texts/request · also failing: p95 at 50 req/s +12.0 % [+5.1, +19.3]',
  ]);
  assert.equal(verdict('inconclusive')?.[0], 'warn');
  assert.equal(verdict('no-change')?.[0], 'pass');
  assert.equal(verdict('improvement')?.[0], 'pass');
  const sections = renderServeDuetHtmlSections(getCase('two-sweeps')).join('\n');
  assert.doesNotMatch(sections, /<head>|<html/);
  assert.match(sections, /<section id="serve-duet-sweep-2"/);
});
