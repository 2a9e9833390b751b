import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderServeCurve, renderServeCurveImage } from '../../../src/report/index.js';
import { fitAxisScale } from '../../../src/report/svg/svg-axis-scale.js';
import type { ServeProfile } from '../../../src/measure/serve/serve-profile-schema.js';
import { FIXTURE_SLO_MS } from './serve-fixtures.js';
import { SERVE_CASES } from './serve-cases.js';

/** The profile with every latency (and the objective) multiplied by `factor`. */
function scaleLatency(profile: ServeProfile, factor: number): ServeProfile {
  const scale = (e: { value: number; low: number; high: number }) => ({
    value: e.value * factor,
    low: e.low * factor,
    high: e.high * factor,
  });
  return {
    ...profile,
    plan: { ...profile.plan, latencySloMs: profile.plan.latencySloMs * factor },
    sweeps: profile.sweeps.map((sweep) => ({
      ...sweep,
      rates: sweep.rates.map((rate) => ({
        ...rate,
        latencyMs:
          rate.latencyMs === null
            ? null
            : {
                p50: scale(rate.latencyMs.p50),
                p95: scale(rate.latencyMs.p95),
                p99: scale(rate.latencyMs.p99),
              },
      })),
    })),
  };
}

const num = (text: string | undefined) => Number(text ?? Number.NaN);

/** The y of the grid line whose tick label is `label`. */
function findGridY(svg: string, label: string): number {
  const match = new RegExp(
    `<line class="grid" [^>]*y1="([\\d.]+)"[^>]*/><text [^>]*class="tick">${label}</text>`,
  ).exec(svg);
  assert.ok(match, `a grid line labelled ${label}`);
  return num(match[1]);
}

/** The x of the x-axis tick labelled `label`. */
function findTickX(svg: string, label: string): number {
  const matches = [
    ...svg.matchAll(
      new RegExp(`<text x="([\\d.]+)" y="[\\d.]+" text-anchor="middle" class="tick">${label}</text>`, 'g'),
    ),
  ];
  assert.equal(matches.length, 1, `one x tick labelled ${label}`);
  return num(matches[0]?.[1]);
}

function findObjectiveY(svg: string): number {
  const match =
    /<g class="reference bad" data-mark="objective"><line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)" y2="([\d.]+)"\/>/.exec(
      svg,
    );
  assert.ok(match, 'the objective line');
  assert.equal(match[1], match[2], 'horizontal');
  return num(match[1]);
}

/** The p95 dot (the first circle) of each rate that has one, by rate. */
function findP95Dots(svg: string): Map<number, { x: number; y: number }> {
  const dots = svg.matchAll(
    /<g class="point" data-rate="([\d.]+)"><title>[^<]*<\/title><circle cx="([\d.]+)" cy="([\d.]+)" r="3.5"\/>/g,
  );
  return new Map([...dots].map((match) => [num(match[1]), { x: num(match[2]), y: num(match[3]) }]));
}

function findKnee(svg: string, series: string): { band: [number, number]; line: number } {
  const match = new RegExp(
    `<g class="knee ${series}" data-mark="knee"[^>]*>.*?<rect class="knee-band" data-mark="knee-interval" x="([\\d.]+)" y="[\\d.]+" width="([\\d.]+)"[^>]*/><line class="knee-line" x1="([\\d.]+)"`,
  ).exec(svg);
  assert.ok(match, `the knee of ${series}`);
  return { band: [num(match[1]), num(match[1]) + num(match[2])], line: num(match[3]) };
}

test('the objective line is drawn at the objective’s value on the latency axis, log or linear', () => {
  for (const name of ['found', 'above-highest', 'below-lowest'] as const) {
    const svg = renderServeCurve(SERVE_CASES[name]);
    assert.equal(findObjectiveY(svg), findGridY(svg, String(FIXTURE_SLO_MS)), name);
  }
  assert.match(renderServeCurve(SERVE_CASES.found), /latency \(ms\) \(log scale\)/);
  assert.doesNotMatch(renderServeCurve(SERVE_CASES['above-highest']), /log scale/);
});

test('p95 points within the objective lie below its line, those beyond it above', () => {
  for (const name of ['found', 'two-sweeps', 'below-lowest'] as const) {
    const profile = SERVE_CASES[name];
    for (const sweep of profile.sweeps) {
      const svg = renderServeCurve({ ...profile, sweeps: [sweep] });
      const objectiveY = findObjectiveY(svg);
      const dots = findP95Dots(svg);
      for (const rate of sweep.rates) {
        const dot = dots.get(rate.ratePerSecond);
        const at = `${name}, ${sweep.textsPerRequest} per request, ${rate.ratePerSecond} req/s`;
        if (rate.latencyMs === null) {
          assert.equal(dot, undefined, `${at}: no dot`);
          continue;
        }
        assert.ok(dot, `${at}: a dot`);
        const within = rate.latencyMs.p95.value <= FIXTURE_SLO_MS;
        assert.equal(dot.y > objectiveY, within, `${at}: y ${dot.y} vs the objective's ${objectiveY}`);
      }
    }
  }
});

test('the knee line stands inside its interval band, between the rates that bracket it', () => {
  const svg = renderServeCurve(SERVE_CASES.found);
  const knee = findKnee(svg, 's0');
  const dots = findP95Dots(svg);
  const [within, beyond] = [dots.get(250)?.x ?? Number.NaN, dots.get(300)?.x ?? Number.NaN];
  assert.ok(knee.band[0] <= knee.line && knee.line <= knee.band[1], JSON.stringify(knee));
  assert.ok(
    within < knee.band[0] && knee.band[1] < beyond,
    'the interval 251–281 lies between 250 and 300 req/s',
  );
  const fraction = (knee.line - within) / (beyond - within);
  assert.ok(
    Math.abs(fraction - (262 - 250) / 50) < 0.01,
    `linear rate axis: the knee at 262 req/s (${fraction})`,
  );
  assert.match(
    svg,
    /<g class="no-success bad" data-rate="400"><title>8 texts per request at 400 req\/s: no request succeeded/,
  );
});

test('two sweeps: a colour, a legend entry and a knee each, on a log-scale rate axis', () => {
  const svg = renderServeCurve(SERVE_CASES['two-sweeps']);
  assert.match(svg, /offered rate \(req\/s\) \(log scale\)/);
  const [x100, x200, x1000] = [findTickX(svg, '100'), findTickX(svg, '200'), findTickX(svg, '1,000')];
  assert.ok(
    Math.abs((x200 - x100) / (x1000 - x100) - Math.log10(2)) < 0.01,
    'ticks spaced by their logarithm',
  );
  for (const series of ['s0', 's1']) {
    const knee = findKnee(svg, series);
    assert.ok(knee.band[0] <= knee.line && knee.line <= knee.band[1], series);
    assert.match(svg, new RegExp(`<rect class="swatch ${series}"`));
  }
  assert.ok(findKnee(svg, 's1').line < findKnee(svg, 's0').line, '262 req/s left of 690 req/s');
  assert.match(svg, /knee 690 req\/s \(1\/req\)/);
});

test('a knee outside the rates measured is a note on the plot, not a line', () => {
  const below = renderServeCurve(SERVE_CASES['below-lowest']);
  assert.doesNotMatch(below, /data-mark="knee"/);
  assert.match(
    below,
    /data-mark="knee-note"><text [^>]*text-anchor="start"[^>]*>← knee below 50 req\/s<\/text>/,
  );
  const above = renderServeCurve(SERVE_CASES['above-highest']);
  assert.match(
    above,
    /data-mark="knee-note"><text [^>]*text-anchor="end"[^>]*>knee above 80 req\/s →<\/text>/,
  );
});

test('the chart is accessible: role img, a title and a description that states the knee', () => {
  const svg = renderServeCurve(SERVE_CASES.found);
  assert.match(
    svg,
    /<svg role="img" data-chart="serve-rate-latency" [^>]*aria-labelledby="chart-serve-rate-latency-title chart-serve-rate-latency-desc">/,
  );
  assert.match(svg, /<title id="chart-serve-rate-latency-title">Latency against offered rate<\/title>/);
  assert.match(
    svg,
    /<desc id="chart-serve-rate-latency-desc">[^<]*objective p95 ≤ 100 ms\. Knee: 262 req\/s \(95 % CI 251–281\)/,
  );
});

test('the standalone image carries its namespace, stylesheet (both themes) and backdrop', () => {
  const image = renderServeCurveImage(SERVE_CASES.found);
  assert.match(image, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" role="img"/);
  assert.match(
    image,
    /<style>[^<]*--s0: #0969da[^<]*prefers-color-scheme: dark[^<]*svg \.series \.line\.p50/,
  );
  assert.match(image, /<rect class="backdrop" width="640" height="360"\/>/);
  assert.doesNotMatch(renderServeCurve(SERVE_CASES.found), /<style>|backdrop/);
});

test('axes turn logarithmic from a 20-fold range, with 1-2-5 ticks, and clamp values to their domain', () => {
  const linear = fitAxisScale([10, 190], 0, 100);
  assert.equal(linear.kind, 'linear');
  assert.deepEqual([linear.min, linear.max], [0, 200]);
  const log = fitAxisScale([10, 200], 0, 100);
  assert.equal(log.kind, 'log');
  assert.deepEqual(log.ticks, [10, 20, 50, 100, 200]);
  assert.equal(log.map(10), 0);
  assert.equal(log.map(200), 100);
  assert.ok(Math.abs(log.map(100) - 100 * (1 / Math.log10(20))) < 1e-9);
  assert.equal(log.map(0), 0, 'zero (a knee interval from 0) clamps to the axis start');
  assert.deepEqual(fitAxisScale([0.3, 4000], 0, 1).ticks, [1, 10, 100, 1000], 'powers of ten over 4 decades');
  const fast = renderServeCurve(scaleLatency(SERVE_CASES.found, 0.01));
  for (const tick of ['0.1', '0.2', '0.5', '1', '2', '5']) findGridY(fast, tick);
  assert.equal(findObjectiveY(fast), findGridY(fast, '1'), 'a 1 ms objective on a sub-millisecond axis');
});
