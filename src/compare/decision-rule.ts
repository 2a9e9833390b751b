/**
 * THE DECISION RULE — one rule for every cell × metric and for the aggregates.
 *
 * Let T be the metric's threshold (maxThroughputDrop, maxMemoryGrowth, or an override; default 10 %): the
 * change the gate must catch. The decision boundary, the *horizon*, is h = T / 2, halfway between "no change"
 * (which must pass) and "a change of T" (which must fail). Turn every relative change c = current/baseline − 1
 * so that positive is bad (b = −c for throughput, b = +c for memory and latency). For a cell × metric take
 * - [bLow, bHigh], the 95 % interval of the geometric-mean ratio (Welch on the logs, outliers excluded);
 * - b̂_best, the change of the best process (highest throughput, lowest peak or latency — cell-evidence.ts),
 *   less m, the margin of a systematic error: for speed normalized by the calibration probe across regimes or
 *   machines, m = 1.96 × the residual CV (≈ 16 %); otherwise m = 0;
 * - p_Holm, the one-sided p-value of a change in that direction (worse for a regression, better for an
 *   improvement), Holm-adjusted over the metric's cells: the gate asks "did any cell get worse?", a
 *   one-sided family whose family-wise error is α. Improvements form their own family.
 * An aggregate (geometric mean over cells) is a single test with no best process: those two terms drop out.
 *
 *   regression   ⇔ bLow > h   and b̂_best − m > h   and p_Holm ≤ α (0.05) — confidently worse by more than T/2
 *   improvement  ⇔ bHigh < −h and b̂_best + m < −h  and p_Holm ≤ α        — the mirror image
 *   no-change    ⇔ −h ≤ bLow and bHigh ≤ h                            — confidently within ±T/2
 *   inconclusive ⇔ anything else: the interval straddles ±h (too wide, or a change near T/2), the best
 *                  processes disagree, or there is no interval (fewer than 2 samples on both sides).
 *
 * Why it meets the targets on this machine (within-regime CV ≈ 1 %, 3–5 processes a side): with n = 3 per
 * side the log-ratio SE is 0.01·√(2/3) ≈ 0.008 with Welch df ≈ 4 (t = 2.78), a half-width of ≈ 2.3 %. A true
 * −10 % gives an interval near [−12 %, −8 %], beyond −5 % unless the sample SD comes out > 2.3× too large
 * (P ≈ 0.02 % at df 4); no change gives [−2.3 %, +2.3 %], beyond −5 % only for a 6σ estimate. The aggregate
 * has √K less noise. Holm keeps 12 cells from being 12 chances of a false alarm. What does threaten the
 * targets is removed before this rule — speed regimes (speed-regimes.ts), single outlier processes (MAD) —
 * or by the best-process term (two disturbed processes out of three). The remaining error rates are
 * measured by the seeded simulation in test/compare/decision-simulation.test.ts.
 */
import type { ChangeInterval, Verdict } from './comparison-schema.js';
import { formatChange, formatInterval, formatPValue } from './describe-change.js';

export interface DecisionInput {
  direction: 'higher-is-better' | 'lower-is-better';
  threshold: number;
  /** Geometric-mean change current / baseline − 1, or null when there is none. */
  estimate: number | null;
  interval: ChangeInterval;
  /** Change of the best processes; null for an aggregate — then not required. */
  bestProcessChange: number | null;
  /** How far a systematic error (calibration-normalization residual) could move bestProcessChange; 0 if none. */
  systematicMargin: number;
  /** Holm-adjusted one-sided p-values; null for an aggregate (a single test) — then not required. */
  adjustedPValues: { worse: number; better: number } | null;
  alpha: number;
}

export interface Decision {
  verdict: Verdict;
  reason: string;
}

/** The horizon h = T / 2 of a threshold T. */
export function computeHorizon(threshold: number): number {
  return threshold / 2;
}

function toBad(direction: DecisionInput['direction'], change: number): number {
  return direction === 'higher-is-better' ? -change : change;
}

function describeHorizon(input: DecisionInput, sign: 1 | -1): string {
  const signed = toBad(input.direction, sign * computeHorizon(input.threshold));
  return `${formatChange(signed)} (half the ${formatChange(input.threshold).replace('+', '')} threshold)`;
}

function pickPValue(input: DecisionInput, sign: 1 | -1): number | null {
  if (input.adjustedPValues === null) return null;
  return sign === 1 ? input.adjustedPValues.worse : input.adjustedPValues.better;
}

function describeEvidence(
  input: DecisionInput,
  estimate: number,
  interval: ChangeInterval,
  sign: 1 | -1,
): string {
  const best =
    input.bestProcessChange === null ? '' : `, best process ${formatChange(input.bestProcessChange)}`;
  const adjusted = pickPValue(input, sign);
  const p = adjusted === null ? '' : `, Holm-adjusted p ${formatPValue(adjusted)}`;
  return `${formatChange(estimate)} (${formatInterval(interval)}${best}${p})`;
}

/** Which confirmations are missing for a change beyond the horizon in direction `sign` (1 = worse). */
function findMissing(input: DecisionInput, sign: 1 | -1): string[] {
  const h = computeHorizon(input.threshold);
  const best = input.bestProcessChange;
  const missing: string[] = [];
  if (best !== null && !(sign * toBad(input.direction, best) - input.systematicMargin > h)) {
    missing.push('the best processes do not agree');
  }
  const adjusted = pickPValue(input, sign);
  if (adjusted !== null && !(adjusted <= input.alpha)) {
    missing.push('not significant after Holm');
  }
  return missing;
}

function decideBeyond(input: DecisionInput, where: string, sign: 1 | -1): Decision {
  const missing = findMissing(input, sign);
  const beyond = `beyond ${describeHorizon(input, sign)}`;
  if (missing.length > 0)
    return { verdict: 'inconclusive', reason: `${where}: ${beyond}, but ${missing.join(' and ')}` };
  return { verdict: sign === 1 ? 'regression' : 'improvement', reason: `${where}: entirely ${beyond}` };
}

/** Applies the rule above. */
export function decideVerdict(input: DecisionInput): Decision {
  const { interval, estimate } = input;
  if (interval.kind === 'undetermined' || estimate === null) {
    const why = interval.kind === 'undetermined' ? interval.reason : 'no point estimate';
    return { verdict: 'inconclusive', reason: `cannot decide: ${why}` };
  }
  const h = computeHorizon(input.threshold);
  const ends = [toBad(input.direction, interval.low), toBad(input.direction, interval.high)];
  const badLow = Math.min(...ends);
  const badHigh = Math.max(...ends);
  const where = describeEvidence(input, estimate, interval, toBad(input.direction, estimate) >= 0 ? 1 : -1);
  const within = formatChange(h).replace('+', '±');
  if (badLow > h) return decideBeyond(input, where, 1);
  if (badHigh < -h) return decideBeyond(input, where, -1);
  if (badLow >= -h && badHigh <= h) return { verdict: 'no-change', reason: `${where}: within ${within}` };
  return { verdict: 'inconclusive', reason: `${where}: straddles ${within}, too wide to decide` };
}
