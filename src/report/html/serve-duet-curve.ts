/**
 * The rate–latency curve of a serve duet: base and head as two series per texts-per-request sweep on one
 * chart (one colour per sweep; the head solid with filled points, the base long-dashed with hollow points and
 * a dashed knee, keyed in the legend), the latency objective and both sides' knees. Drawn by
 * svg/svg-rate-curve.ts, as a report figure or as a standalone SVG image for a pull-request comment.
 */
import type { ServeProfile, ServeSweep } from '../../measure/serve/serve-profile-schema.js';
import { describeLatencyObjective, formatRate } from '../facts/serve-facts.js';
import type { ServeDuetView } from '../facts/serve-duet-facts.js';
import { sanitizeText } from '../text/escape.js';
import { formatPlain } from '../text/format-numbers.js';
import type { CurveSeries, Quantile, RateCurveChart } from '../svg/svg-rate-curve.js';
import { renderRateCurveChart, renderRateCurveSvg } from '../svg/svg-rate-curve.js';
import type { StyleSample } from '../svg/svg-rate-marks.js';
import { listCurveSamples, segment } from '../svg/svg-rate-marks.js';
import { buildServeSweepSeries, buildStandaloneCss } from './serve-curve-chart.js';
import { formatCoord } from '../svg/svg-frame.js';

export const SERVE_DUET_CURVE_CHART = 'serve-duet-rate-latency';

/** Longest side label in the legend and the knee labels, in characters. */
const MAX_LEGEND_LABEL_CHARS = 28;
/** Longest side label in the caption and description. */
const MAX_CAPTION_LABEL_CHARS = 80;

/** The base's styles (the head keeps the curve's own), added wherever the duet curve is shown. */
export const SERVE_DUET_CHART_CSS = `
svg .series.base .line.p95 { stroke-width: 1.5; stroke-dasharray: 8 4; }
svg .series.base .band { fill-opacity: 0.1; }
svg .series.base .point circle { fill: var(--bg); stroke-width: 1.5; }
svg .knee.base .knee-line { stroke-dasharray: 4 3; }
svg .knee.base .knee-band { fill-opacity: 0.08; }
svg rect.swatch.base { fill-opacity: 0.35; }
`;

type Side = 'base' | 'head';

/** The objective's quantile and p95 (the gated one): p50 would crowd two sides' lines. */
function selectQuantiles(sloQuantile: 'p95' | 'p99'): Quantile[] {
  return sloQuantile === 'p99' ? ['p95', 'p99'] : ['p95'];
}

/** A side's series for one sweep: "base main (abc1234)", or "base, 8/req" when there are several sweeps. */
function buildSideSeries(
  side: Side,
  label: string,
  sweep: ServeSweep,
  profile: ServeProfile,
  colour: number,
  several: boolean,
): CurveSeries {
  const series = buildServeSweepSeries(sweep, profile, several, `s${colour % 4} ${side}`);
  // Several sweeps: the legend keys side and sweep only (the labels are in the caption), so it fits one row.
  const name = several
    ? `${side}, ${sweep.textsPerRequest}/req`
    : `${side} ${sanitizeText(label, MAX_LEGEND_LABEL_CHARS)}`;
  const knee = series.knee;
  return {
    ...series,
    label: name,
    points: series.points.map((point) => ({ ...point, tooltip: `${side}: ${point.tooltip}` })),
    knee:
      knee.kind === 'found'
        ? { ...knee, label: `${side} ${knee.label}`, tooltip: `${side}: ${knee.tooltip}` }
        : { ...knee, label: `${side} ${knee.label}` },
  };
}

/** Base then head of each sweep the comparison paired (a sweep a side lacks draws that side alone). */
function buildDuetSeries(view: ServeDuetView): CurveSeries[] {
  const several = view.comparison.sweeps.length > 1;
  return view.comparison.sweeps.flatMap((compared, colour) => {
    const find = (profile: ServeProfile) =>
      profile.sweeps.find((sweep) => sweep.textsPerRequest === compared.textsPerRequest);
    const [base, head] = [find(view.base), find(view.head)];
    return [
      ...(base === undefined
        ? []
        : [buildSideSeries('base', view.baseLabel, base, view.base, colour, several)]),
      ...(head === undefined
        ? []
        : [buildSideSeries('head', view.headLabel, head, view.head, colour, several)]),
    ];
  });
}

const sideSample =
  (side: Side) =>
  (x: number, y: number): string =>
    `<g class="series neutral ${side}">${segment('line p95')(x, y)}<g class="point"><circle cx="${formatCoord(x + 11)}" cy="${formatCoord(y)}" r="3.5"/></g></g>`;

/** The second legend row: the sides' styles, then the quantiles', the objective's and the knee's. */
function listDuetSamples(quantiles: readonly Quantile[]): StyleSample[] {
  return [
    { label: 'head', draw: sideSample('head') },
    { label: 'base', draw: sideSample('base') },
    ...listCurveSamples(quantiles),
  ];
}

export function buildServeDuetCurveChart(view: ServeDuetView): RateCurveChart {
  const { settings } = view.comparison;
  const quantiles = selectQuantiles(settings.sloQuantile);
  const rates = view.comparison.sweeps.flatMap((sweep) => sweep.rates);
  const objective = describeLatencyObjective(settings);
  const texts = view.comparison.sweeps.map((sweep) => formatPlain(sweep.textsPerRequest)).join(', ');
  const range =
    rates.length === 0 ? '' : `, ${formatPlain(Math.min(...rates))} to ${formatRate(Math.max(...rates))}`;
  return {
    name: SERVE_DUET_CURVE_CHART,
    title: 'Latency against offered rate, base and head',
    description: `Latency ${quantiles.join(' and ')} in ms against the offered rate${range}, for ${texts} texts per request; base ${sanitizeText(view.baseLabel, MAX_CAPTION_LABEL_CHARS)} long-dashed with hollow points, head ${sanitizeText(view.headLabel, MAX_CAPTION_LABEL_CHARS)} solid; objective ${objective}; each side's knee with its 95 % CI.`,
    caption: `Rate–latency curves, base ${sanitizeText(view.baseLabel, MAX_CAPTION_LABEL_CHARS)} (dashed) and head ${sanitizeText(view.headLabel, MAX_CAPTION_LABEL_CHARS)} (solid): objective ${objective}; knees with their 95 % CI`,
    series: buildDuetSeries(view),
    objective: { value: settings.latencySloMs, label: `objective ${objective}` },
    xLabel: 'offered rate (req/s)',
    yLabel: 'latency (ms)',
    quantiles,
    styleLegend: listDuetSamples(quantiles),
  };
}

/** The duet curve as a report figure (its styles: REPORT_CSS, SERVE_CHART_CSS and SERVE_DUET_CHART_CSS). */
export function renderServeDuetCurve(view: ServeDuetView): string {
  return renderRateCurveChart(buildServeDuetCurveChart(view));
}

/** A standalone serve-comparison-curve.svg: the same chart with its stylesheet, for a comment's image. */
export function renderServeDuetCurveImage(view: ServeDuetView): string {
  const css = `${buildStandaloneCss()}${SERVE_DUET_CHART_CSS}`;
  return `${renderRateCurveSvg(buildServeDuetCurveChart(view), { css })}\n`;
}
