/**
 * The serve duet's rate–latency curve for a pull-request comment, where no image from an artifact can show: a
 * Mermaid `xychart-beta` per texts-per-request sweep, the base's and the head's p95 (the objective's quantile)
 * at the rates both sides measured, and the objective as a flat line. Only numbers and fixed words go into it
 * (Mermaid has no escaping worth trusting).
 */
import type { ServePlan, ServeRate, ServeSweep } from '../../measure/serve/serve-profile-schema.js';
import { computeAxisMax } from './mermaid-chart.js';

/** More rates than this make an unreadable chart; the tables carry them. */
const MAX_RATES = 16;

export interface ServeCurveSides {
  plan: Pick<ServePlan, 'latencySloMs' | 'sloQuantile'>;
  base: ServeSweep;
  head: ServeSweep;
}

const sameRate = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(a, b);

/** The objective's quantile at a rate, or null where no request succeeded. */
function readQuantile(rate: ServeRate | undefined, quantile: 'p95' | 'p99'): number | null {
  return rate?.latencyMs?.[quantile].value ?? null;
}

interface CurvePoints {
  rates: number[];
  base: number[];
  head: number[];
}

/** The rates both sides measured with a latency on both, ascending (probe rates are each side's own). */
function collectPoints(sides: ServeCurveSides): CurvePoints {
  const quantile = sides.plan.sloQuantile;
  const points = sides.base.rates.flatMap((rate) => {
    const other = sides.head.rates.find((candidate) => sameRate(candidate.ratePerSecond, rate.ratePerSecond));
    const base = readQuantile(rate, quantile);
    const head = readQuantile(other, quantile);
    return base === null || head === null ? [] : [{ rate: rate.ratePerSecond, base, head }];
  });
  points.sort((a, b) => a.rate - b.rate);
  return {
    rates: points.map((point) => point.rate),
    base: points.map((point) => point.base),
    head: points.map((point) => point.head),
  };
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '0';
}

/** The fenced Mermaid block of one sweep with its legend line, or null with fewer than 2 shared rates. */
export function renderServeDuetMermaid(sides: ServeCurveSides): string | null {
  const points = collectPoints(sides);
  if (points.rates.length < 2 || points.rates.length > MAX_RATES) return null;
  const { latencySloMs, sloQuantile } = sides.plan;
  const largest = Math.max(latencySloMs, ...points.base, ...points.head);
  const line = (values: readonly number[]) => `  line [${values.map(formatNumber).join(', ')}]`;
  const texts = Math.round(sides.base.textsPerRequest);
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${sloQuantile} latency vs offered rate, ${texts} texts per request"`,
    `  x-axis "offered rate (req/s)" [${points.rates.map((rate) => `"${formatNumber(rate)}"`).join(', ')}]`,
    `  y-axis "${sloQuantile} latency (ms)" 0 --> ${formatNumber(computeAxisMax(largest))}`,
    line(points.base),
    line(points.head),
    line(points.rates.map(() => latencySloMs)),
    '```',
  ];
  const legend = `First line: base; second line: head; third line: the objective (${formatNumber(latencySloMs)} ms)`;
  return `${lines.join('\n')}\n\n_${legend}; ${sloQuantile} over each rate's windows._`;
}
