import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SERVE_CSV_HEADER,
  SERVE_RENDERERS,
  renderServeAll,
  renderServeCommentSection,
  renderServeCsv,
  renderServeMarkdown,
} from '../../../src/report/index.js';
import { assertMatchesExpected } from '../expected-files.js';
import { HOSTILE_WARNING, SERVE_CASE_NAMES, SERVE_CASES } from './serve-cases.js';

for (const name of SERVE_CASE_NAMES) {
  for (const renderer of SERVE_RENDERERS.filter((item) => item.file !== 'serve-report.html')) {
    test(`${renderer.file} of the ${name} case matches expected/serve/${name}/${renderer.file}`, () => {
      assertMatchesExpected(`serve/${name}/${renderer.file}`, renderer.render(SERVE_CASES[name]));
    });
  }
}

for (const name of ['found', 'two-sweeps'] as const) {
  test(`the comment section of the ${name} case matches expected/serve/${name}/comment-section.md`, () => {
    assertMatchesExpected(`serve/${name}/comment-section.md`, renderServeCommentSection(SERVE_CASES[name]));
  });
}

test('the first line says where the knee is, for each kind of knee', () => {
  const firstLine = (name: keyof typeof SERVE_CASES) =>
    renderServeMarkdown(SERVE_CASES[name]).split('\n')[0] ?? '';
  assert.equal(
    firstLine('found'),
    'ℹ️ Knee: 262 req/s (95 % CI 251–281) at p95 ≤ 100 ms, 8 texts per request',
  );
  assert.equal(
    firstLine('below-lowest'),
    '❌ Knee: below the lowest rate measured (50 req/s): the objective p95 ≤ 100 ms and error rate ≤ 1.0 % was missed at every rate, 32 texts per request',
  );
  assert.match(
    firstLine('above-highest'),
    /^⚠️ Knee: above the highest rate measured \(80 req\/s\): the objective .* was met at every rate, 1 text per request$/,
  );
  assert.equal(
    firstLine('two-sweeps'),
    'ℹ️ Knee: 690 req/s (95 % CI 640–760) at p95 ≤ 100 ms, 1 text per request; 262 req/s (95 % CI 251–281) at p95 ≤ 100 ms, 8 texts per request',
  );
  assert.equal(renderServeCommentSection(SERVE_CASES.found).split('\n')[0], firstLine('found'));
});

test('server memory, cold start and TEI timing appear exactly when recorded', () => {
  const found = renderServeMarkdown(SERVE_CASES.found);
  assert.match(found, /\| server RSS peak +\| 218 MB +\|/);
  assert.match(found, /\| cold start: ready +\| 812 ms +\|/);
  assert.match(found, /\| cold start: first embedding \| 1,241 ms +\|/);
  assert.match(
    found,
    /\*\*Server timing \\\(TEI headers, median of window medians\\\), 8 texts per request\*\*/,
  );
  const below = renderServeMarkdown(SERVE_CASES['below-lowest']);
  for (const absent of [/RSS/, /cold start/, /Server timing/]) assert.doesNotMatch(below, absent);
  const above = renderServeMarkdown(SERVE_CASES['above-highest']);
  assert.match(above, /Server timing/);
  assert.doesNotMatch(above, /RSS/);
});

test('each rate row says whether it met the objective, and why not', () => {
  const markdown = renderServeMarkdown(SERVE_CASES.found);
  const row = (rate: number) =>
    markdown.split('\n').find((line) => line.split('|')[1]?.trim() === String(rate)) ?? '';
  assert.match(row(250), /\| ✓ +\|$/);
  assert.match(row(300), /\| ✗ p95, errors +\|$/, 'p95 170 ms and 2 % errors both miss');
  assert.match(row(400), /\| ✗ none succeeded \|$/);
  assert.match(row(400), /\| +– +\| +– +\| +– +\| 100\.0 % +\|/, 'no latency where nothing succeeded');
  assert.match(markdown, /At 400 req\/s, 40 requests waited for a connection \\\(at most 256 in flight\\\)/);
  assert.match(markdown, /At 400 req\/s: 2 connection, 3,998 timeout of 4,000 planned/);
});

test('untrusted text is escaped in Markdown and in the CSV', () => {
  const markdown = renderServeMarkdown(SERVE_CASES.found);
  assert.ok(!markdown.includes(HOSTILE_WARNING), 'the warning is not pasted raw');
  assert.match(
    markdown,
    /&lt;img src=x onerror=alert\\\(1\\\)&gt; \\\| \\\*\\\*boom\\\*\\\* @&#8203;octocat/,
  );
});

test('the CSV has a row per (texts per request, rate) with the header’s fields', () => {
  const lines = renderServeCsv(SERVE_CASES['two-sweeps']).trimEnd().split('\n');
  assert.equal(lines[0], SERVE_CSV_HEADER.join(','));
  assert.equal(lines.length, 1 + 5 + 6);
  const fields = lines.slice(1).map((line) => line.split(','));
  for (const row of fields) assert.equal(row.length, SERVE_CSV_HEADER.length);
  assert.deepEqual(fields.map((row) => `${row[0]}@${row[1]}`).slice(0, 6), [
    '1@100',
    '1@200',
    '1@400',
    '1@600',
    '1@800',
    '8@25',
  ]);
  const column = (name: string) => SERVE_CSV_HEADER.indexOf(name);
  const at600 = fields[3] ?? [];
  assert.equal(at600[column('within_slo')], 'true');
  assert.equal(at600[column('knee_per_second')], '690');
  assert.ok(Number(at600[column('p95_low_ms')]) < Number(at600[column('p95_ms')]));
  assert.ok(Number(at600[column('p95_ms')]) < Number(at600[column('p95_high_ms')]));
  const below = renderServeCsv(SERVE_CASES['below-lowest'])
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  assert.equal(below[1]?.[column('p95_ms')], '', 'empty where nothing succeeded');
  assert.equal(below[1]?.[column('knee_per_second')], '', 'no knee rate below the lowest rate');
});

test('rendering is deterministic: the same profile gives the same bytes, whatever the clock says', (t) => {
  const first = renderServeAll(SERVE_CASES.found);
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2099-01-01T00:00:00Z') });
  const second = renderServeAll(SERVE_CASES.found);
  assert.deepEqual(second, first);
  assert.deepEqual(
    first.map((item) => item.file),
    ['serve-report.md', 'serve-report.html', 'serve-profile.csv', 'serve-curve.svg'],
  );
  for (const { file, content } of second) assert.ok(!content.includes('2099'), `${file} used the clock`);
});
