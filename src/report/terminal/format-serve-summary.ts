/**
 * The terminal's lines for a serve run: the target and the objective, then per sweep its knee with the
 * interval (or why there is none) and, when measured, p95 at the reference rate.
 */
import type { Knee, ServeProfile, ServeSweep } from '../../measure/serve/serve-profile-schema.js';
import { formatQuantity, formatShare } from '../text/format-numbers.js';

const range = (low: number, high: number) => `${formatQuantity(low)}–${formatQuantity(high)}`;

/** "knee 212 req/s (95 % CI 198–224)", or what the sweep found instead. */
export function describeKnee(knee: Knee): string {
  switch (knee.kind) {
    case 'found':
      return `knee ${formatQuantity(knee.ratePerSecond)} req/s (95 % CI ${range(knee.low, knee.high)})`;
    case 'below-lowest':
      return `no knee: even the lowest rate measured (${formatQuantity(knee.lowestRatePerSecond)} req/s) breaks the objective`;
    case 'above-highest':
      return `no knee in range: every rate up to ${formatQuantity(knee.highestRatePerSecond)} req/s meets the objective`;
  }
}

function describeSweep(sweep: ServeSweep): string {
  const reference =
    sweep.reference === null
      ? ''
      : `; p95 at ${formatQuantity(sweep.reference.ratePerSecond)} req/s: ${formatQuantity(sweep.reference.p95Ms.value)} ms (${range(sweep.reference.p95Ms.low, sweep.reference.p95Ms.high)})`;
  return `  ${sweep.textsPerRequest} text(s) per request: ${describeKnee(sweep.knee)}${reference}`;
}

export function formatServeSummary(profile: ServeProfile): string {
  const { plan, api } = profile;
  const where = profile.target.kind === 'url' ? profile.target.url : 'the started server';
  const objective = `${plan.sloQuantile} ≤ ${formatQuantity(plan.latencySloMs)} ms, errors ≤ ${formatShare(plan.maxErrorRate)}`;
  const head = `Serving ${where} (${api.kind} POST ${api.path}); objective ${objective}`;
  return [head, ...profile.sweeps.map(describeSweep)].join('\n');
}
