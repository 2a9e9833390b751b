/**
 * Number wording shared by every renderer and the terminal. Deterministic: no locale, no clock. Changes are
 * relative (0.1 = +10 %) and use a real minus sign, like the comparison's own reasons. Where two outputs
 * write a number differently today, the difference is a named style option, not a second copy.
 */
import type { ChangeInterval } from '../../decide/compare/comparison-schema.js';
import type { Distribution, IntervalData } from '../../ground/schema/common-schema.js';

const MINUS = '−';

/** How a number is written where the outputs differ; the report's style is the default. */
export interface NumberStyle {
  /** Thousands separators ("1,234.5"); the terminal's table and percentages have none. Default true. */
  group?: boolean;
}

/** 1234567.8 → "1,234,568"; digits after the point as asked; no locale involved. */
export function formatFixed(value: number, digits = 0, style: NumberStyle = {}): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = Math.abs(value).toFixed(digits);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = style.group === false ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  return value < 0 && Number(fixed) !== 0 ? `${MINUS}${body}` : body;
}

/** Three significant figures or more: 1234.5 → "1,235", 45.67 → "45.7", 0.01234 → "0.0123". */
export function formatQuantity(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 100 || magnitude === 0) return formatFixed(value, 0);
  if (magnitude >= 10) return formatFixed(value, 1);
  if (magnitude >= 1) return formatFixed(value, 2);
  return formatFixed(value, Math.min(6, 2 - Math.floor(Math.log10(magnitude))));
}

/** An integer as it is ("50", "1,200"), any other number as formatQuantity ("12.5"): rates, counts, ticks. */
export function formatPlain(value: number): string {
  return Number.isInteger(value) ? formatFixed(value) : formatQuantity(value);
}

export interface ShareStyle extends NumberStyle {
  /** A space before the "%" ("42.5 %"); the terminal's profile table writes "42.5%". Default true. */
  space?: boolean;
}

/** 0.4249 → "42.5 %". */
export function formatShare(share: number, digits = 1, style: ShareStyle = {}): string {
  return `${formatFixed(share * 100, digits, style)}${style.space === false ? '' : ' '}%`;
}

export interface ChangeStyle extends NumberStyle {
  /**
   * The sign of a change that rounds to 0.0. 'drop' (default, the reports and the comparison): "0.0".
   * 'keep' (`history check`): the sign of a non-zero change stays, "−0.0" and "+0.0"; an exact zero is "0.0".
   * 'negative' (the base-history line): as 'keep', and an exact zero is "−0.0" too.
   */
  zeroSign?: 'drop' | 'keep' | 'negative';
}

/** A relative change in percent without the unit: −0.1234 → "−12.3", 0.05 → "+5.0". */
export function formatSignedPercentNumber(change: number, style: ChangeStyle = {}): string {
  const magnitude = formatFixed(Math.abs(change) * 100, 1, style);
  const zeroSign = style.zeroSign ?? 'drop';
  const signed = zeroSign !== 'drop' || magnitude !== '0.0';
  if (change > 0 && signed) return `+${magnitude}`;
  if (zeroSign === 'negative' || (change < 0 && signed)) return `${MINUS}${magnitude}`;
  return magnitude;
}

/** −0.1234 → "−12.3 %". */
export function formatChange(change: number, style: ChangeStyle = {}): string {
  return `${formatSignedPercentNumber(change, style)} %`;
}

/**
 * "0.004", "< 0.001", and "95 % CI −11.2 % to −9.6 %": the comparison's reasons are worded below report/
 * (they are data in comparison.json), and every renderer words p-values and intervals the same way.
 */
export { formatInterval, formatPValue } from '../../decide/compare/describe-change.js';

/** "[−15.1, −9.4]", or "[no CI]" when the interval could not be computed. */
export function formatIntervalBrackets(interval: ChangeInterval | IntervalData | null): string {
  if (interval === null) return '[no CI]';
  switch (interval.kind) {
    case 'determined':
      return `[${formatSignedPercentNumber(interval.low)}, ${formatSignedPercentNumber(interval.high)}]`;
    case 'undetermined':
      return '[no CI]';
  }
}

/** "−12.3 % [−15.1, −9.4]"; "n/a" without an estimate. */
export function formatChangeWithInterval(
  estimate: number | null,
  interval: ChangeInterval | IntervalData | null,
): string {
  if (estimate === null) return 'n/a';
  return `${formatChange(estimate)} ${formatIntervalBrackets(interval)}`;
}

/** A distribution's median with its 95 % CI: "210 [139–283]". */
export function formatDistribution(distribution: Distribution): string {
  const median = formatQuantity(distribution.median);
  const ci = distribution.ci95;
  switch (ci.kind) {
    case 'determined':
      return `${median} [${formatQuantity(ci.low)}–${formatQuantity(ci.high)}]`;
    case 'undetermined':
      return median;
  }
}

/** Megabytes: one decimal below 100 MB, none above, thousands grouped. */
export function formatMegabytes(megabytes: number): string {
  return `${formatFixed(megabytes, Math.abs(megabytes) < 100 ? 1 : 0)} MB`;
}

/** Milliseconds: "12.3 ms", "1,234 ms". */
export function formatMilliseconds(ms: number): string {
  return `${formatQuantity(ms)} ms`;
}

/** "2026-11-24 00:34 UTC" from an ISO timestamp (the input's own date, never the clock). */
export function formatTimestamp(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::[\d.]+)?Z$/.exec(iso);
  return match === null ? iso : `${match[1]} ${match[2]} UTC`;
}
