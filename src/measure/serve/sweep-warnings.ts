/**
 * What a finished sweep should tell its reader beside the figures (pure): rates whose requests waited for the
 * concurrency cap (their latency includes the client's wait, not only the server's), and a knee the measured
 * rates did not cross (it lies above the highest or below the lowest, and other rates would find it).
 */
import type { RateEstimate } from './estimate-knee.js';
import type { Knee, ServePlan } from './serve-profile-schema.js';

/** The sweep's warnings, one sentence each, in the order: the cap per rate, then the knee. */
export function listSweepWarnings(plan: ServePlan, estimates: readonly RateEstimate[], knee: Knee): string[] {
  const warnings = estimates.flatMap(({ rate }) => {
    const capped = rate.windows.reduce((sum, window) => sum + window.cappedRequests, 0);
    if (capped === 0) return [];
    return [
      `at ${rate.ratePerSecond} req/s (${rate.phase}), ${capped} requests waited for the concurrency cap of ${plan.maxInFlight}: their latency includes the wait; raise the cap (maxInFlight) unless the client is meant to limit the load`,
    ];
  });
  const missed = describeMissedKnee(plan, knee);
  return missed === null ? warnings : [...warnings, missed];
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
