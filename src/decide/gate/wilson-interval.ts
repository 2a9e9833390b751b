/**
 * The Wilson score interval of a binomial proportion: how sure a rate measured as `successes / trials` is.
 * Unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and is not degenerate at 0 or n successes, which is what
 * validate-gate sees (0 false alarms in 30 runs is not a rate of exactly 0).
 */
export interface RateEstimate {
  successes: number;
  trials: number;
  rate: number;
  low: number;
  high: number;
}

/** 95 % (z = 1.96 by default) Wilson interval; 0 trials gives the uninformative [0, 1]. */
export function computeWilsonInterval(
  successes: number,
  trials: number,
  z = 1.959963984540054,
): RateEstimate {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`expected 0 ≤ successes ≤ trials (integers), received ${successes}/${trials}`);
  }
  if (trials === 0) return { successes, trials, rate: 0, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return {
    successes,
    trials,
    rate: p,
    low: Math.max(0, center - half),
    high: Math.min(1, center + half),
  };
}

/** "2/30 = 6.7 % (95 % CI 1.8–21.3 %)". */
export function formatRate(estimate: RateEstimate): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}`;
  return `${estimate.successes}/${estimate.trials} = ${percent(estimate.rate)} % (95 % CI ${percent(estimate.low)}–${percent(estimate.high)} %)`;
}
