/** Wording of relative changes inside reasons and notes (data strings, computed with the verdicts). */
import type { ChangeInterval } from './comparison-schema.js';

/** 0.1034 → "+10.3 %", −0.05 → "−5.0 %". */
export function formatChange(change: number): string {
  const percent = (change * 100).toFixed(1);
  if (percent === '0.0' || percent === '-0.0') return '0.0 %';
  return change > 0 ? `+${percent} %` : `−${percent.slice(1)} %`;
}

/** "95 % CI −11.2 % to −9.6 %", or why there is none. */
export function formatInterval(interval: ChangeInterval): string {
  switch (interval.kind) {
    case 'determined':
      return `${Math.round(interval.confidence * 100)} % CI ${formatChange(interval.low)} to ${formatChange(interval.high)}`;
    case 'undetermined':
      return `no interval: ${interval.reason}`;
  }
}

/** "0.004" / "< 0.001" for p-values in reasons. */
export function formatPValue(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
