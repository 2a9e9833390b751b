import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServeProfile } from '../../../src/measure/serve/serve-profile-schema.js';
import { serveProfileSchema } from '../../../src/measure/serve/serve-profile-schema.js';
import {
  COMMENT_LIMIT,
  renderServeAll,
  renderServeCommentSection,
  renderServeCurve,
  renderServeMarkdown,
} from '../../../src/report/index.js';
import { FIXTURE_SLO_MS, buildServeFixture } from './serve-fixtures.js';
import { SERVE_CASES } from './serve-cases.js';

/** The found case judged on p99: whether each rate met the objective follows its p99. */
function judgeOnP99(profile: ServeProfile): ServeProfile {
  const sweeps = profile.sweeps.map((sweep) => ({
    ...sweep,
    rates: sweep.rates.map((rate) => ({
      ...rate,
      withinSlo:
        rate.latencyMs !== null &&
        rate.latencyMs.p99.value <= FIXTURE_SLO_MS &&
        rate.errorRate <= profile.plan.maxErrorRate,
    })),
  }));
  return serveProfileSchema.parse({ ...profile, plan: { ...profile.plan, sloQuantile: 'p99' }, sweeps });
}

test('an objective on p99 is named p99 in the headline, the marks and the chart', () => {
  const profile = judgeOnP99(SERVE_CASES.found);
  const markdown = renderServeMarkdown(profile);
  assert.match(
    markdown.split('\n')[0] ?? '',
    /^ℹ️ Knee: 262 req\/s \(95 % CI 251–281\) at p99 ≤ 100 ms, 8 texts per request$/,
  );
  const mark = (rate: number) =>
    markdown
      .split('\n')
      .find((line) => line.split('|')[1]?.trim() === String(rate))
      ?.split('|')
      .at(-2)
      ?.trim();
  assert.equal(mark(200), '✓', 'p99 97.1 ms');
  assert.equal(mark(250), '✗ p99', 'p99 151 ms, p95 75.6 ms within');
  assert.match(renderServeCurve(profile), /objective p99 ≤ 100 ms/);
});

test('a sweep where no request ever succeeded renders every file: no latency, a cross per rate', () => {
  const profile = buildServeFixture({
    sweeps: [
      {
        textsPerRequest: 8,
        capacity: 10,
        rates: [20, 40],
        knee: { kind: 'below-lowest', lowestRatePerSecond: 20 },
      },
    ],
  });
  const files = renderServeAll(profile);
  assert.equal(files.length, 4);
  const chart = renderServeCurve(profile);
  assert.equal([...chart.matchAll(/<g class="no-success bad"/g)].length, 2);
  assert.doesNotMatch(chart, /data-mark="p95"|NaN|Infinity/);
  const markdown = files.find((file) => file.file === 'serve-report.md')?.content ?? '';
  assert.equal((markdown.match(/✗ none succeeded/g) ?? []).length, 2);
  const csv = files.find((file) => file.file === 'serve-profile.csv')?.content ?? '';
  assert.doesNotMatch(csv, /NaN|Infinity/);
});

test('the comment section of three sweeps of 25 rates stays within a quarter of a comment', () => {
  const rates = Array.from({ length: 25 }, (_, index) => (index + 1) * 10);
  const profile = buildServeFixture({
    sweeps: [1, 8, 32].map((textsPerRequest) => ({
      textsPerRequest,
      capacity: 2000 / textsPerRequest,
      rates,
      knee: { kind: 'above-highest', highestRatePerSecond: 250 } as const,
    })),
    serverTiming: true,
    serverMemory: true,
    target: 'command',
    warnings: Array.from({ length: 30 }, (_, index) => `warning ${index} ${'x'.repeat(2000)}`),
  });
  const section = renderServeCommentSection(profile);
  assert.ok(section.length < COMMENT_LIMIT / 4, `${section.length} characters`);
  assert.equal((section.match(/^- warning \d+/gm) ?? []).length, 10, 'ten warnings at most');
  assert.ok(!section.includes('x'.repeat(700)), 'long warnings cut');
});

test('a target URL’s credentials and query values are redacted in every file', () => {
  const url = 'https://alice:s3cret@embed.example.com:8443/base?api_key=s3cret-key&region=eu';
  const profile = serveProfileSchema.parse({ ...SERVE_CASES['above-highest'], target: { kind: 'url', url } });
  for (const { file, content } of renderServeAll(profile)) {
    assert.ok(!content.includes('s3cret'), `${file} leaks a secret`);
  }
  assert.match(
    renderServeCommentSection(profile),
    /of https:\/\/redacted@&#8203;embed\.example\.com:8443\/base\?api\\_key=redacted&amp;region=redacted;/,
  );
  const plain = serveProfileSchema.parse({
    ...profile,
    target: { kind: 'url', url: 'http://127.0.0.1:8080' },
  });
  assert.match(renderServeMarkdown(plain), /\| target +\| http:\/\/127\.0\.0\.1:8080 +\|/, 'kept as given');
});
