/**
 * THE DECISION RULE, for every cell × metric and the aggregates. With horizon h = threshold / 2 and changes
 * signed so that positive is bad (b):
 *   regression   ⇔ bLow > h   and best-process change − margin > h   and Holm p ≤ α
 *   improvement  ⇔ bHigh < −h and best-process change + margin < −h  and Holm p ≤ α
 *   no-change    ⇔ −h ≤ bLow and bHigh ≤ h
 *   inconclusive ⇔ anything else. Aggregates have no best process and no Holm term.
 * Definitions, and why it meets the error targets: docs/decision-rule.md.
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
