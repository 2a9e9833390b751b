import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SERVE_DUET_CURVE_FILE,
  SERVE_DUET_RENDERERS,
  formatServeDuetSummary,
  renderServeDuetAll,
  renderServeDuetCommentSection,
  renderServeDuetMarkdown,
} from '../../../src/report/index.js';
import { buildServeDuetTable, listServeDuetNotes } from '../../../src/report/facts/serve-duet-tables.js';
import { compareServeSweeps } from '../../../src/decide/compare/compare-serve.js';
import { buildSide } from './serve-duet-fixtures.js';
import { getCase, HOSTILE_LABEL, HOSTILE_REASON, SERVE_DUET_CASE_NAMES } from './serve-duet-cases.js';

const firstLine = (text: string) => text.split('\n')[0] ?? '';

const EXPECTED_FIRST_LINES: Record<string, string> = {
  regression:
    '❌ Regression: knee −18.2 % [−24.0, −12.1] at 8 texts/request · also failing: p95 at 50 req/s +12.0 % [+5.1, +19.3]',
  inconclusive:
    '⚠️ Inconclusive: knee −3.1 % [−20.0, +16.0] at 8 texts/request · smallest detectable knee drop 12.4 %',
  'no-change':
    '✅ Pass: no change beyond the thresholds; largest change knee −2.1 % [−4.0, −0.1] at 8 texts/request · could detect knee drop 4.2 %, p95 at 50 req/s growth 6.0 %',
  improvement:
    '✅ Pass: improvement, p95 at 50 req/s −30.0 % [−36.0, −23.5] at 8 texts/request · could detect knee drop 5.0 %, p95 at 50 req/s growth 8.0 %',
  'two-sweeps':
    '❌ Regression: knee −18.2 % [−24.0, −12.1] at 8 texts/request · also failing: p95 at 50 req/s +12.0 % [+5.1, +19.3] at 8 texts/request',
};

for (const [name, expected] of Object.entries(EXPECTED_FIRST_LINES)) {
  test(`the ${name} duet: report, comment and terminal start with the verdict line`, () => {
    const view = getCase(name);
    assert.equal(firstLine(renderServeDuetMarkdown(view)), expected);
    assert.equal(firstLine(renderServeDuetCommentSection(view, null)), expected);
    assert.equal(firstLine(formatServeDuetSummary(view)), expected);
  });
}

test('an inconclusive metric without an interval says why and that nothing was detectable', () => {
  const line = firstLine(renderServeDuetMarkdown(getCase('bounded')));
  assert.match(
    line,
    /^⚠️ Inconclusive: 8 texts\/request: 2 paired round\\\(s\\\), need at least 2 paired rounds/,
  );
  assert.match(line, / · no smallest detectable knee drop \(no interval\)$/);
  assert.ok(!line.includes('<script>'), 'the reason is escaped');
});

test('the table per sweep: figures, change with its CI, pairs, verdict and the smallest detectable change', () => {
  const [sweep] = getCase('regression').comparison.sweeps;
  assert.ok(sweep);
  const table = buildServeDuetTable(sweep);
  assert.deepEqual(table.header, [
    'Metric',
    'Base',
    'Head',
    'Change [95 % CI]',
    'Pairs used',
    'Verdict',
    'Smallest detectable',
  ]);
  assert.deepEqual(table.rows, [
    [
      'knee',
      '88 req/s [81.0–93.3]',
      '72 req/s [66.2–76.3]',
      '−18.2 % [−24.0, −12.1]',
      '2 of 2',
      'regression',
      'drop 6.1 %',
    ],
    [
      'p95 at 50 req/s',
      '36.7 ms [33.8–40.4]',
      '41.1 ms [37.8–45.2]',
      '+12.0 % [+5.1, +19.3]',
      '2 of 2',
      'regression',
      'growth 7.0 %',
    ],
  ]);
});

test('bounded figures and left-out pairs are said in words', () => {
  const view = getCase('bounded');
  const [sweep] = view.comparison.sweeps;
  assert.ok(sweep);
  const [knee] = buildServeDuetTable(sweep).rows;
  assert.deepEqual(knee, [
    'knee',
    '88 req/s [81.0–93.3]',
    '≥ 100 req/s',
    'n/a',
    '1 of 2',
    'inconclusive',
    '– (no interval)',
  ]);
  const notes = listServeDuetNotes(sweep);
  assert.deepEqual(notes.slice(1, 3), [
    'knee: round 0 used a bound (base 88 req/s, head ≥ 100 req/s (every rate within the objective, up to 100/s)): the head is at least this much better',
    'knee: round 1 left out, both beyond the same edge (base ≥ 100 req/s (every rate within the objective, up to 100/s), head ≥ 100 req/s (every rate within the objective, up to 100/s))',
  ]);
  assert.match(notes[0] ?? '', /^knee: inconclusive — 2 paired round\(s\), need at least 2/);
  assert.equal(notes.length, 4, 'the p95 metric has its verdict and no pair note (both exact)');
  assert.ok(
    renderServeDuetMarkdown(view).includes(
      '- knee: round 1 left out, both beyond the same edge \\(base ≥ 100 req/s',
    ),
  );
});

test('untrusted labels and reasons are escaped in the report, the comment and the terminal', () => {
  const view = getCase('bounded');
  for (const text of [renderServeDuetMarkdown(view), renderServeDuetCommentSection(view, null)]) {
    assert.ok(!text.includes('<img'), 'no tag from a label');
    assert.ok(!text.includes('<script'), 'no tag from a reason');
    assert.ok(!text.includes('@octocat'), 'no mention');
    assert.ok(text.includes('feat/&lt;img src=x onerror=alert\\(1\\)&gt; \\*\\*x\\*\\* @&#8203;octocat'));
    assert.doesNotMatch(text, /^second line/m, 'a label stays on one line');
  }
  const terminal = formatServeDuetSummary(view);
  assert.ok(terminal.includes(HOSTILE_LABEL.replace('\n', ' ')), 'the terminal has the label on one line');
  assert.ok(terminal.includes(HOSTILE_REASON));
  assert.equal(terminal.split('\n').length, 2 + 2, 'verdict, context and one line per metric');
});

test('the comment shows the curve as an image only for an http(s) URL, encoded', () => {
  const view = getCase('regression');
  assert.doesNotMatch(renderServeDuetCommentSection(view, null), /!\[/);
  assert.doesNotMatch(renderServeDuetCommentSection(view, 'javascript:alert(1)'), /!\[/);
  assert.doesNotMatch(renderServeDuetCommentSection(view, 'not a url'), /!\[/);
  const comment = renderServeDuetCommentSection(view, 'https://example.com/run (1)/curve.svg');
  assert.match(
    comment,
    /\n!\[Rate–latency curves of base and head\]\(https:\/\/example\.com\/run%20%281%29\/curve\.svg\)\n/,
  );
  const table = comment.indexOf('| knee |');
  assert.ok(table > 0 && table < comment.indexOf('![Rate'), 'the table before the curve');
  assert.ok(comment.indexOf('![Rate') < comment.indexOf('<details>'), 'details after the curve');
});

test('the comment stays bounded: notes capped, long cells and items cut', () => {
  const view = getCase('bounded');
  const long = 'r'.repeat(5000);
  const [sweep] = view.comparison.sweeps;
  assert.ok(sweep);
  const metrics = sweep.metrics.map((metric) => ({ ...metric, reason: long }));
  const sweeps = Array.from({ length: 30 }, (_, index) => ({
    ...sweep,
    textsPerRequest: index + 1,
    metrics,
  }));
  const comparison = { ...view.comparison, sweeps };
  const comment = renderServeDuetCommentSection({ ...view, comparison }, null);
  assert.ok(comment.length < 40_000, `comment of ${comment.length} characters`);
  assert.equal(
    [...comment.matchAll(/^\*\*\d+ texts? per request\*\*$/gm)].length,
    30 + 2,
    'every sweep, each side',
  );
  const report = renderServeDuetMarkdown({ ...view, comparison });
  assert.ok(report.length > 30 * 2 * 5000, 'the report keeps every reason whole');
});

test('the full report has a section per sweep, the curve image beside it and both sides', () => {
  const report = renderServeDuetMarkdown(getCase('two-sweeps'));
  const headings = [...report.matchAll(/^## (.*)$/gm)].map((match) => match[1]);
  assert.deepEqual(headings, [
    '1 text per request',
    '8 texts per request',
    'Latency against offered rate',
    'Base',
    'Head',
  ]);
  assert.ok(report.includes(`](${SERVE_DUET_CURVE_FILE})`));
  assert.match(
    report,
    /Base main \\\(abc1234\\\) against head pull request #12 \\\(def5678\\\): alternating paired windows/,
  );
  assert.match(
    report,
    /objective p95 ≤ 100 ms and error rate ≤ 1\.0 %; gated: knee \(threshold 10\.0 %\), p95-at-reference/,
  );
});

test('the renderer list writes the report, the page and the image, deterministically', () => {
  assert.deepEqual(
    SERVE_DUET_RENDERERS.map((renderer) => renderer.file),
    ['serve-comparison.md', 'serve-comparison.html', SERVE_DUET_CURVE_FILE],
  );
  for (const name of SERVE_DUET_CASE_NAMES) {
    const view = getCase(name);
    const files = renderServeDuetAll(view);
    assert.deepEqual(files, renderServeDuetAll(structuredClone(view)), `${name}: the same bytes twice`);
    assert.ok(files.every((file) => file.content.endsWith('\n') && file.content.length > 200));
  }
});

test('a comparison computed from the two profiles (compareServeSweeps) renders in the same words', () => {
  const [base, head] = [buildSide(110), buildSide(90)];
  const comparison = compareServeSweeps(base.sweeps, head.sweeps, { latencySloMs: 100, sloQuantile: 'p95' });
  const view = { comparison, base, head, baseLabel: 'main (abc1234)', headLabel: 'pr' };
  const line = firstLine(renderServeDuetMarkdown(view));
  // The model's rounds are identical, so each change is exact: knee 72 / 88 − 1 by the rounds' crossings.
  assert.match(
    line,
    /^❌ Regression: knee −\d+\.\d % \[−\d+\.\d, −\d+\.\d\] at 8 texts\/request · also failing: p95 at 50 req\/s \+22\.7 %/,
  );
  const [sweep] = comparison.sweeps;
  assert.ok(sweep);
  const rows = buildServeDuetTable(sweep).rows;
  assert.deepEqual(
    rows.map((row) => [row[0], row[1], row[5]]),
    [
      ['knee', '88 req/s [81.0–93.3]', 'regression'],
      ['p95 at 50 req/s', '36.7 ms [33.7–40.3]', 'regression'],
    ],
  );
});
