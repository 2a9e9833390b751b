/** Number formatting for the human-readable reasons and recommendation texts. */
import type { IntervalData } from '../../ground/schema/common-schema.js';

/** 0.253 → "25.3 %". */
export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)} %`;
}

/** Signed number with a fixed number of decimals: 10.234 → "+10.23", −0.001 → "0.00" (never "-0.00"). */
export function formatSigned(value: number, digits = 2): string {
  const fixed = value.toFixed(digits);
  if (Number(fixed) === 0) return (0).toFixed(digits);
  return value > 0 ? `+${fixed}` : fixed;
}

/** 0.253 → "+25.3 %", −0.04 → "-4.0 %". */
export function formatSignedPercent(change: number, digits = 1): string {
  return `${formatSigned(change * 100, digits)} %`;
}

/** Megabytes: one decimal below 100 MB, none above. */
export function formatMB(megabytes: number): string {
  const digits = Math.abs(megabytes) < 100 ? 1 : 0;
  return `${megabytes.toFixed(digits)} MB`;
}

/** "95 % CI +3.1 % to +8.0 %", or "no CI (reason)". */
export function formatChangeInterval(interval: IntervalData | null): string {
  if (interval === null) return 'no CI';
  switch (interval.kind) {
    case 'determined': {
      const level = Math.round(interval.confidence * 100);
      return `${level} % CI ${formatSignedPercent(interval.low)} to ${formatSignedPercent(interval.high)}`;
    }
    case 'undetermined':
      return `no CI (${interval.reason})`;
  }
}
