/**
 * What a finished sweep should tell its reader beside the figures (pure): rates whose requests waited for the
 * concurrency cap (their latency includes the client's wait, not only the server's), a knee the measured
 * rates did not cross (it lies above the highest or below the lowest, and other rates would find it), and a
 * knee where the objective's quantile rises slowly with the rate, so that the machine's tail jitter decides
 * the crossing (docs/serve-knee.md).
 */
import type { RateEstimate } from './estimate-knee.js';
import type { Knee, ServePlan } from './serve-profile-schema.js';

/** Below this log–log slope of the quantile over the knee's bracket, the knee is mostly the machine's jitter. */
export const MIN_KNEE_SLOPE = 2;

/** The sweep's warnings, one sentence each, in the order: the cap per rate, then the knee. */
export function listSweepWarnings(plan: ServePlan, estimates: readonly RateEstimate[], knee: Knee): string[] {
  const warnings = estimates.flatMap(({ rate }) => {
    const capped = rate.windows.reduce((sum, window) => sum + window.cappedRequests, 0);
    if (capped === 0) return [];
    return [
      `at ${rate.ratePerSecond} req/s (${rate.phase}), ${capped} requests waited for the concurrency cap of ${plan.maxInFlight}: their latency includes the wait; raise the cap (maxInFlight) unless the client is meant to limit the load`,
    ];
  });
  const knees = [describeMissedKnee(plan, knee), describeFlatKnee(plan, estimates, knee)];
  return [...warnings, ...knees.filter((text) => text !== null)];
}

const formatPercent = (ratio: number) => `${Math.round((ratio - 1) * 100)} %`;

/** When the quantile crossed the objective but rose slower than MIN_KNEE_SLOPE over the knee's bracket. */
function describeFlatKnee(plan: ServePlan, estimates: readonly RateEstimate[], knee: Knee): string | null {
  if (knee.kind !== 'found') return null;
  const { within, beyond } = knee.bracket;
  const quantileAt = (rate: number) =>
    estimates.find((each) => each.rate.ratePerSecond === rate)?.rate.latencyMs?.[plan.sloQuantile].value;
  const low = quantileAt(within);
  const high = quantileAt(beyond);
  if (low === undefined || high === undefined || !(low > 0) || !(high > plan.latencySloMs)) return null;
  const slope = Math.log(high / low) / Math.log(beyond / within);
  if (!(slope < MIN_KNEE_SLOPE)) return null;
  const q = plan.sloQuantile;
  return `around the knee ${q} rose only ${formatPercent(high / low)} from ${within} to ${beyond} req/s (rate +${formatPercent(beyond / within)}): where the tail grows this slowly with the rate, the machine's jitter decides where it crosses ${plan.latencySloMs} ms, so the knee moves far on little noise; an objective where ${q} climbs steeply with the rate (see the curve) gives a sharper knee, and a serve gate that resolves smaller changes`;
}

/** When the rates did not cross the objective: where the knee lies, and how to measure it. */
function describeMissedKnee(plan: ServePlan, knee: Knee): string | null {
  const objective = `${plan.sloQuantile} ≤ ${plan.latencySloMs} ms and errors ≤ ${plan.maxErrorRate * 100} %`;
  switch (knee.kind) {
    case 'found':
      return null;
    case 'above-highest':
      return `every rate up to ${knee.highestRatePerSecond} req/s kept ${objective}: the knee lies above; measure higher rates to find it`;
    case 'below-lowest':
      return `no rate down to ${knee.lowestRatePerSecond} req/s kept ${objective}: the knee lies below, if anywhere; measure lower rates to find it`;
    default: {
      const unknown: never = knee;
      throw new RangeError(`unknown knee ${JSON.stringify(unknown)}`);
    }
  }
}
