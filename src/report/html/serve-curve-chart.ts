/**
 * The rate–latency curve of a serve profile: the chart model (one series per texts-per-request sweep, the
 * objective, each knee) drawn by svg/svg-rate-curve.ts, as a report figure or as a standalone SVG image for an
 * artifact or a pull-request comment (its own stylesheet, light and dark, and a backdrop).
 */
import type { ServeProfile, ServeRate, ServeSweep } from '../../measure/serve/serve-profile-schema.js';
import {
  describeKnee,
  describeLatencyObjective,
  describeServeHeadline,
  describeSloMark,
  describeTextsPerRequest,
  formatEstimate,
  formatRate,
} from '../facts/serve-facts.js';
import { formatPlain, formatQuantity, formatShare } from '../text/format-numbers.js';
import type { CurveKnee } from '../svg/svg-rate-marks.js';
import type { CurvePoint, CurveSeries, RateCurveChart } from '../svg/svg-rate-curve.js';
import { renderRateCurveChart, renderRateCurveSvg } from '../svg/svg-rate-curve.js';
import { REPORT_CSS } from './html-style.js';

export const SERVE_CURVE_CHART = 'serve-rate-latency';

/** The curve's own styles, added to report.html's (REPORT_CSS) wherever the curve is shown. */
export const SERVE_CHART_CSS = `
svg .series .line.p50 { stroke-width: 1.5; stroke-dasharray: 5 3; }
svg .series .line.p99 { stroke-width: 1.5; stroke-dasharray: 1.5 3; }
svg .series .band { stroke: none; fill-opacity: 0.18; }
svg .knee .knee-band { stroke: none; fill-opacity: 0.14; }
svg .knee .knee-line { stroke-width: 1.5; }
svg .no-success path { fill: none; stroke-width: 2; }
svg .knee text, svg .knee-note text { fill: inherit; }
svg text.marker-label { paint-order: stroke; stroke: var(--bg); stroke-width: 3px; stroke-linejoin: round; }
svg .backdrop { fill: var(--bg); stroke: none; }
`;

function describePoint(sweep: ServeSweep, rate: ServeRate, profile: ServeProfile): string {
  const at = `${describeTextsPerRequest(sweep.textsPerRequest)} at ${formatRate(rate.ratePerSecond)}`;
  const errors = `errors ${formatShare(rate.errorRate)}`;
  if (rate.latencyMs === null) return `${at}: no request succeeded (${errors})`;
  const { p50, p95, p99 } = rate.latencyMs;
  const mark = describeSloMark(rate, profile.plan);
  return `${at}: p50 ${formatQuantity(p50.value)} ms, p95 ${formatEstimate(p95)} ms, p99 ${formatQuantity(p99.value)} ms, ${errors}, ${mark === '✓' ? 'within' : 'beyond'} the objective`;
}

function buildKnee(sweep: ServeSweep, several: boolean): CurveKnee {
  const suffix = several ? `, ${describeTextsPerRequest(sweep.textsPerRequest)}` : '';
  const knee = sweep.knee;
  switch (knee.kind) {
    case 'found':
      return {
        kind: 'found',
        rate: knee.ratePerSecond,
        low: knee.low,
        high: knee.high,
        label: `knee ${formatRate(knee.ratePerSecond)}${several ? ` (${sweep.textsPerRequest}/req)` : ''}`,
        tooltip: `knee ${describeKnee(knee)}${suffix}`,
      };
    case 'below-lowest':
      return {
        kind: 'note',
        side: 'low',
        label: `knee below ${formatRate(knee.lowestRatePerSecond)}${suffix}`,
      };
    case 'above-highest':
      return {
        kind: 'note',
        side: 'high',
        label: `knee above ${formatRate(knee.highestRatePerSecond)}${suffix}`,
      };
  }
}

/** One sweep's series: its points (a tooltip each) and its knee, in the colour `className`. */
export function buildServeSweepSeries(
  sweep: ServeSweep,
  profile: ServeProfile,
  several: boolean,
  className: string,
): CurveSeries {
  return {
    label: describeTextsPerRequest(sweep.textsPerRequest),
    className,
    points: sweep.rates.map((rate): CurvePoint => ({
      rate: rate.ratePerSecond,
      latency: rate.latencyMs,
      tooltip: describePoint(sweep, rate, profile),
    })),
    knee: buildKnee(sweep, several),
  };
}

function buildSeries(profile: ServeProfile): CurveSeries[] {
  const several = profile.sweeps.length > 1;
  return profile.sweeps.map((sweep, index) =>
    buildServeSweepSeries(sweep, profile, several, `s${index % 4}`),
  );
}

export function buildServeCurveChart(profile: ServeProfile): RateCurveChart {
  const rates = profile.sweeps.flatMap((sweep) => sweep.rates.map((rate) => rate.ratePerSecond));
  const objective = describeLatencyObjective(profile.plan);
  const texts = profile.sweeps.map((sweep) => formatPlain(sweep.textsPerRequest)).join(', ');
  return {
    name: SERVE_CURVE_CHART,
    title: 'Latency against offered rate',
    description: `Latency p50, p95 and p99 in ms against the offered rate, ${formatPlain(Math.min(...rates))} to ${formatRate(Math.max(...rates))}, for ${texts} texts per request; objective ${objective}. ${describeServeHeadline(profile).text}.`,
    caption: `Rate–latency curve: objective ${objective}; knee with its 95 % CI`,
    series: buildSeries(profile),
    objective: { value: profile.plan.latencySloMs, label: `objective ${objective}` },
    xLabel: 'offered rate (req/s)',
    yLabel: 'latency (ms)',
  };
}

/** The curve as a report figure (its styles: REPORT_CSS and SERVE_CHART_CSS). */
export function renderServeCurve(profile: ServeProfile): string {
  return renderRateCurveChart(buildServeCurveChart(profile));
}

/** The themes' colours and the chart rules of REPORT_CSS, for an SVG shown outside report.html. */
export function buildStandaloneCss(): string {
  const themes = REPORT_CSS.slice(0, REPORT_CSS.indexOf('* {'));
  const chartRules = REPORT_CSS.split('\n').filter((line) => line.startsWith('svg '));
  const font = 'svg { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }';
  return `${themes}${font}\n${chartRules.join('\n')}${SERVE_CHART_CSS}`;
}

/** A standalone serve-curve.svg: the same chart with its stylesheet, for an artifact or a comment's image. */
export function renderServeCurveImage(profile: ServeProfile): string {
  return `${renderRateCurveSvg(buildServeCurveChart(profile), { css: buildStandaloneCss() })}\n`;
}
