/**
 * The serve duet views the report tests render, one per verdict kind (see serve-duet-fixtures.ts): a knee
 * regression (and a p95 one), an inconclusive knee, a knee beyond the rates (a bound used, a pair left out,
 * no interval) with hostile labels and reason, a no-change, an improvement, and two sweeps.
 */
import type { ServeDuetView } from '../../../src/report/index.js';
import type { MetricSpec } from './serve-duet-fixtures.js';
import { buildComparison, buildView, estimate } from './serve-duet-fixtures.js';

/** Text a pull request could put in a branch label or a reason: HTML, Markdown, a mention, a newline. */
export const HOSTILE_LABEL = 'feat/<img src=x onerror=alert(1)> **x** @octocat [l](http://e)\nsecond line';
export const HOSTILE_REASON = 'server said <script>alert(1)</script> | **boom** @octocat';

const KNEE_BASE = estimate(88, 81, 93.3);
const P95_BASE = estimate(36.7, 33.8, 40.4);

const noChangeP95: MetricSpec = {
  metric: 'p95-at-reference',
  verdict: 'no-change',
  change: { estimate: 0.01, low: -0.025, high: 0.046 },
  minimumDetectable: 0.06,
  base: P95_BASE,
  head: estimate(37.1, 34.1, 40.8),
};

const regressionMetrics: MetricSpec[] = [
  {
    metric: 'knee',
    verdict: 'regression',
    change: { estimate: -0.182, low: -0.24, high: -0.121 },
    minimumDetectable: 0.061,
    base: KNEE_BASE,
    head: estimate(72, 66.2, 76.3),
  },
  {
    metric: 'p95-at-reference',
    verdict: 'regression',
    change: { estimate: 0.12, low: 0.051, high: 0.193 },
    minimumDetectable: 0.07,
    base: P95_BASE,
    head: estimate(41.1, 37.8, 45.2),
  },
];

const boundedKnee: MetricSpec = {
  metric: 'knee',
  verdict: 'inconclusive',
  change: null,
  minimumDetectable: null,
  base: KNEE_BASE,
  head: { kind: 'above-highest', bound: 100 },
  reason: `2 paired round(s), need at least 2 paired rounds, got 1 ${HOSTILE_REASON}`,
  pairs: [
    {
      round: 0,
      base: { kind: 'value', value: 88 },
      head: { kind: 'at-least', bound: 100, reason: 'every rate within the objective, up to 100/s' },
      use: 'bounded-better',
      logRatio: Math.log(100 / 88),
    },
    {
      round: 1,
      base: { kind: 'at-least', bound: 100, reason: 'every rate within the objective, up to 100/s' },
      head: { kind: 'at-least', bound: 100, reason: 'every rate within the objective, up to 100/s' },
      use: 'uninformative',
      logRatio: null,
    },
  ],
};

function build(): Record<string, ServeDuetView> {
  return {
    regression: buildView(
      buildComparison('regression', [{ textsPerRequest: 8, metrics: regressionMetrics }]),
      90,
    ),
    inconclusive: buildView(
      buildComparison('inconclusive', [
        {
          textsPerRequest: 8,
          metrics: [
            {
              metric: 'knee',
              verdict: 'inconclusive',
              change: { estimate: -0.031, low: -0.2, high: 0.16 },
              minimumDetectable: 0.124,
              base: KNEE_BASE,
              head: estimate(85.3, 70.2, 99.1),
            },
            noChangeP95,
          ],
        },
      ]),
      107,
    ),
    bounded: buildView(
      buildComparison('inconclusive', [{ textsPerRequest: 8, metrics: [boundedKnee, noChangeP95] }]),
      130,
      { base: HOSTILE_LABEL, head: HOSTILE_LABEL },
    ),
    'no-change': buildView(
      buildComparison('no-change', [
        {
          textsPerRequest: 8,
          metrics: [
            {
              metric: 'knee',
              verdict: 'no-change',
              change: { estimate: -0.021, low: -0.04, high: -0.001 },
              minimumDetectable: 0.042,
              base: KNEE_BASE,
              head: estimate(86.2, 79.5, 91),
            },
            noChangeP95,
          ],
        },
      ]),
      108,
    ),
    improvement: buildView(
      buildComparison('improvement', [
        {
          textsPerRequest: 8,
          metrics: [
            {
              metric: 'knee',
              verdict: 'improvement',
              change: { estimate: 0.25, low: 0.18, high: 0.324 },
              minimumDetectable: 0.05,
              base: KNEE_BASE,
              head: estimate(110, 101, 116),
            },
            {
              metric: 'p95-at-reference',
              verdict: 'improvement',
              change: { estimate: -0.3, low: -0.36, high: -0.235 },
              minimumDetectable: 0.08,
              base: P95_BASE,
              head: estimate(25.7, 23.6, 28.3),
            },
          ],
        },
      ]),
      120,
    ),
    'two-sweeps': buildView(
      buildComparison('regression', [
        { textsPerRequest: 1, metrics: [{ ...noChangeP95, metric: 'p95-at-reference' }] },
        { textsPerRequest: 8, metrics: regressionMetrics },
      ]),
      90,
    ),
  };
}

export const SERVE_DUET_CASES = build();
export const SERVE_DUET_CASE_NAMES = Object.keys(SERVE_DUET_CASES);

export function getCase(name: string): ServeDuetView {
  const view = SERVE_DUET_CASES[name];
  if (view === undefined) throw new RangeError(`no serve duet case ${name}`);
  return view;
}
