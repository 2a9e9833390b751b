import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReportInput } from '../../src/report/index.js';
import { PROFILE_CSV_HEADER, RENDERERS, renderAll } from '../../src/report/index.js';
import { buildTestProfile } from '../decide/compare/test-profile.js';
import { assertMatchesExpected } from './expected-files.js';
import { loadFixtureComparison, loadFixtureProfile } from './fixtures/report-fixtures.js';

const compared: ReportInput = { profile: loadFixtureProfile(), comparison: loadFixtureComparison() };
const profileOnly: ReportInput = { profile: loadFixtureProfile(), comparison: null };

for (const renderer of RENDERERS) {
  test(`${renderer.file} with a comparison matches expected/compared/${renderer.file}`, () => {
    assertMatchesExpected(`compared/${renderer.file}`, renderer.render(compared));
  });
}

for (const renderer of RENDERERS.filter((item) => item.needs === 'profile' && item.file !== 'report.html')) {
  test(`${renderer.file} without a comparison matches expected/profile-only/${renderer.file}`, () => {
    assertMatchesExpected(`profile-only/${renderer.file}`, renderer.render(profileOnly));
  });
}

test('renderAll writes every file with a comparison, and leaves comparison.csv out without one', () => {
  assert.deepEqual(
    renderAll(compared).map((item) => item.file),
    ['comment.md', 'summary.md', 'report.md', 'report.html', 'profile.csv', 'comparison.csv'],
  );
  assert.deepEqual(
    renderAll(profileOnly).map((item) => item.file),
    ['comment.md', 'summary.md', 'report.md', 'report.html', 'profile.csv'],
  );
});

test('rendering is deterministic: the same input gives the same bytes, whatever the clock says', (t) => {
  const first = renderAll(compared);
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2099-01-01T00:00:00Z') });
  const second = renderAll({ profile: loadFixtureProfile(), comparison: loadFixtureComparison() });
  assert.deepEqual(second, first);
  for (const { file, content } of second) assert.ok(!content.includes('2099'), `${file} used the clock`);
});

test('every Markdown output starts with the verdict line', () => {
  for (const renderer of RENDERERS.filter((item) => item.file === 'comment.md')) {
    assert.match(
      renderer.render(compared),
      /^❌ Regression: peak memory \+15\.0 % \[\+13\.4, \+16\.7\] at batch 256 · could detect ≥ 11\.7 % throughput \(≥ 73\.3 % at batch 8\), ≥ 6\.3 % peak memory \(≥ 13\.6 % at batch 32\)\n/,
    );
    assert.match(
      renderer.render(profileOnly),
      /^ℹ️ Profile without a baseline \(nothing compared\): best throughput 210 /,
    );
  }
});

test('an empty profile (nothing measured, no analysis) renders every file without failing', () => {
  const files = renderAll({ profile: buildTestProfile([]), comparison: null });
  assert.equal(files.length, 5);
  const comment = files.find((item) => item.file === 'comment.md')?.content ?? '';
  assert.match(comment, /^❌ Nothing measured: /, 'nothing measured is a failure, said first');
  const html = files.find((item) => item.file === 'report.html')?.content ?? '';
  assert.doesNotMatch(html, /data-chart=/);
  assert.equal(
    files.find((item) => item.file === 'profile.csv')?.content,
    `${PROFILE_CSV_HEADER.join(',')}\n`,
  );
});
