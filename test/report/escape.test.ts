import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMENT_MARKER, escapeHtml, escapeMarkdown, renderAll } from '../../src/report/index.js';
import { formatCsvField } from '../../src/report/export/csv.js';
import { assertBalancedTags, findFetchingReferences } from './html-checks.js';
import { buildHostileComparison, buildHostileProfile, HOSTILE, HOSTILE_PARTS } from './hostile-inputs.js';

test('escapeMarkdown neutralizes tags, comments, links, images, pipes, code, mentions and line breaks', () => {
  assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert\\(1\\)&gt;');
  assert.equal(escapeMarkdown('](javascript:alert(1))'), '\\]\\(javascript:alert\\(1\\)\\)');
  assert.equal(escapeMarkdown('![x](y)'), '\\!\\[x\\]\\(y\\)');
  assert.equal(escapeMarkdown('| col |'), '\\| col \\|');
  assert.equal(escapeMarkdown('@everyone and @org/team'), '@&#8203;everyone and @&#8203;org/team');
  assert.equal(escapeMarkdown('`code`'), '\\`code\\`');
  assert.equal(escapeMarkdown('<!-- embedprof-comment -->'), '&lt;\\!-- embedprof-comment --&gt;');
  assert.equal(escapeMarkdown('a\nb\r\n# c'), 'a b # c');
  assert.equal(escapeMarkdown('# heading'), '\\# heading');
  assert.equal(escapeMarkdown('- item'), '\\- item');
  assert.equal(escapeMarkdown('1. item'), '1\\. item');
  assert.equal(escapeMarkdown('*bold* _it_ ~~s~~ $x$ \\'), '\\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\$x\\$ \\\\');
  assert.equal(escapeMarkdown('&lt;'), '&amp;lt;');
  assert.equal(escapeMarkdown('a\u202Eb'), 'ab', 'bidi overrides removed');
});

test('escapeMarkdown cuts long text without breaking an escape', () => {
  assert.equal(escapeMarkdown('x'.repeat(50), 10), `${'x'.repeat(9)}…`);
  assert.equal(escapeMarkdown('<<<<<<<<<<', 3), '&lt;&lt;…');
});

test('escapeHtml turns the five significant characters into entities', () => {
  assert.equal(
    escapeHtml(`<img src=x onerror="alert('1')"> & co`),
    '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co',
  );
});

test('CSV fields are quoted when needed and formulas are defused', () => {
  assert.equal(formatCsvField('plain'), 'plain');
  assert.equal(formatCsvField('a,b'), '"a,b"');
  assert.equal(formatCsvField('say "hi"'), '"say ""hi"""');
  assert.equal(formatCsvField('two\nlines'), '"two\nlines"');
  assert.equal(formatCsvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(formatCsvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(formatCsvField(-0.25), '-0.25', 'numbers are not text');
  assert.equal(formatCsvField(Number.NaN), '');
  assert.equal(formatCsvField(null), '');
});

const files = renderAll({ profile: buildHostileProfile(), comparison: buildHostileComparison() });
const contentOf = (name: string) => files.find((item) => item.file === name)?.content ?? '';

/** Unescaped pipes of each table row must match the header: a "|" from a PR must not add a column. */
function assertTableShapes(markdown: string, file: string): void {
  let columns: number | null = null;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      columns = null;
      continue;
    }
    const pipes = (line.match(/(?<!\\)\|/g) ?? []).length;
    columns ??= pipes;
    assert.equal(
      pipes,
      columns,
      `${file}: a row has ${pipes} cell borders instead of ${columns}: ${line.slice(0, 200)}`,
    );
  }
}

for (const file of ['comment.md', 'summary.md', 'report.md']) {
  test(`${file}: hostile strings render as text`, () => {
    const markdown = contentOf(file);
    assert.ok(markdown.includes('evil/'), 'the hostile model spec is shown');
    assert.doesNotMatch(markdown, /<img|<script|javascript:alert\(1\)\)|\]\(|!\[/i);
    assert.doesNotMatch(markdown, /@everyone/);
    assert.doesNotMatch(markdown, /(?<!\\)`code/);
    assert.doesNotMatch(markdown, /^# heading|^- item/m);
    const markers = markdown.split(COMMENT_MARKER).length - 1;
    assert.equal(markers, file === 'comment.md' ? 1 : 0, 'no second marker');
    assert.equal((markdown.match(/<!--/g) ?? []).length, markers);
    assertTableShapes(markdown, file);
    for (const part of HOSTILE_PARTS.filter((item) => item !== COMMENT_MARKER && /[<>`|@\]]/.test(item))) {
      assert.ok(!markdown.includes(part), `${file} contains ${JSON.stringify(part)} verbatim`);
    }
  });
}

test('comment.md puts the hostile cell label in the verdict line escaped', () => {
  const firstLine = contentOf('comment.md').split('\n')[0] ?? '';
  assert.match(
    firstLine,
    /^❌ Regression: peak memory \+15\.0 % \[\+13\.4, \+16\.7\] at batch 256 &lt;img src=x/,
  );
});

test('report.html: hostile strings are entities, no tag or request comes from them', () => {
  const html = contentOf('report.html');
  assert.ok(html.includes('evil/&lt;img src=x onerror=alert(1)&gt;'));
  assert.doesNotMatch(html, /<img|<script|<!--/i);
  assert.deepEqual(findFetchingReferences(html), []);
  assertBalancedTags(html);
});

/** A minimal RFC 4180 reader, to check that what was written reads back field by field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') [field, i] = [`${field}"`, i + 1];
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') [row, field] = [[...row, field], ''];
    else if (char === '\n') [rows[rows.length], row, field] = [[...row, field], [], ''];
    else field += char;
  }
  return rows;
}

test('CSV: hostile text reads back intact from its quoted field, with a stable number of columns', () => {
  const profileRows = parseCsv(contentOf('profile.csv'));
  const failed = profileRows.find((row) => row[0] === 'length' && row[2] === '64');
  assert.deepEqual(failed?.slice(9), ['failed', `failed: worker crashed: ${HOSTILE}`]);
  assert.ok(profileRows.every((row) => row.length === 11));
  const comparisonRows = parseCsv(contentOf('comparison.csv'));
  assert.equal(comparisonRows[1]?.[3], `batch 8 ${HOSTILE}`);
  assert.ok(comparisonRows.every((row) => row.length === 21));
});
