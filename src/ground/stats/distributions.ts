/**
 * Normal and Student-t distributions: CDFs and quantile functions.
 * The t quantile is solved by safeguarded Newton iteration on the t tail, computed from the regularized
 * incomplete beta function. Any df > 0 is accepted, including the fractional df of Welch–Satterthwaite;
 * relative accuracy is about 1e-12 up to df = 1e4 and 1e-8 at df = 1e8. df = Infinity gives the normal.
 */
import { assertFinite } from './validate.js';
import { computeErfc, computeIncompleteBetaWithComplement, computeLogGamma } from './special-functions.js';

const SQRT_TWO = Math.SQRT2;
const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

// Acklam's rational approximation of the normal quantile (relative error < 1.2e-9), refined by one Halley step.
const ACKLAM_CENTRAL_NUMERATOR = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const ACKLAM_CENTRAL_DENOMINATOR = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572, 1,
];
const ACKLAM_TAIL_NUMERATOR = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const ACKLAM_TAIL_DENOMINATOR = [
  0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416, 1,
];
const ACKLAM_LOW = 0.02425;

function assertOpenProbability(probability: number): void {
  if (!(probability > 0 && probability < 1)) {
    throw new RangeError(`probability is ${probability}: expected a number strictly between 0 and 1`);
  }
}

function assertDegreesOfFreedom(df: number): void {
  if (!(df > 0)) {
    throw new RangeError(`degrees of freedom is ${df}: expected a number > 0`);
  }
}

/** Evaluates c0·xⁿ + c1·xⁿ⁻¹ + … + cn by Horner's rule. */
function evaluatePolynomial(coefficients: readonly number[], x: number): number {
  return coefficients.reduce((total, coefficient) => total * x + coefficient, 0);
}

/** Standard normal density. */
export function computeNormalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_TWO_PI;
}

/** Standard normal CDF Φ(x), accurate in both tails. */
export function computeNormalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('x is NaN: expected a number');
  return 0.5 * computeErfc(-x / SQRT_TWO);
}

/** Acklam's initial approximation for p ≤ 0.5. */
function approximateLowerNormalQuantile(p: number): number {
  if (p < ACKLAM_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return evaluatePolynomial(ACKLAM_TAIL_NUMERATOR, q) / evaluatePolynomial(ACKLAM_TAIL_DENOMINATOR, q);
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    (evaluatePolynomial(ACKLAM_CENTRAL_NUMERATOR, r) * q) / evaluatePolynomial(ACKLAM_CENTRAL_DENOMINATOR, r)
  );
}

/** Standard normal quantile Φ⁻¹(p) for 0 < p < 1. */
export function computeNormalQuantile(probability: number): number {
  assertOpenProbability(probability);
  if (probability > 0.5) return -computeNormalQuantile(1 - probability);
  const guess = approximateLowerNormalQuantile(probability);
  const error = computeNormalCdf(guess) - probability;
  const step = error * SQRT_TWO_PI * Math.exp(0.5 * guess * guess);
  return guess - step / (1 + (guess * step) / 2);
}

/** Student-t density with `df` degrees of freedom. */
export function computeStudentTPdf(t: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (df === Infinity) return computeNormalPdf(t);
  const logDensity =
    computeLogGamma((df + 1) / 2) -
    computeLogGamma(df / 2) -
    0.5 * Math.log(df * Math.PI) -
    ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/** P(T > t) for t ≥ 0, computed directly so small tails keep their relative precision. */
function computeUpperTail(t: number, df: number): number {
  const denominator = df + t * t;
  return 0.5 * computeIncompleteBetaWithComplement(df / denominator, (t * t) / denominator, df / 2, 0.5);
}

/** Student-t CDF P(T ≤ t). */
export function computeStudentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) throw new RangeError('t is NaN: expected a number');
  assertDegreesOfFreedom(df);
  if (df === Infinity) return computeNormalCdf(t);
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = computeUpperTail(Math.abs(t), df);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Two-sided p-value of H0 "the true value is 0" for `estimate` with `standardError` and `df`: 2·P(T ≤ −|t|).
 * A zero standard error gives 1 when the estimate is exactly 0, else 0.
 */
export function computeTwoSidedPValue(estimate: number, standardError: number, df: number): number {
  if (standardError === 0) return estimate === 0 ? 1 : 0;
  return Math.min(1, 2 * computeStudentTCdf(-Math.abs(estimate / standardError), df));
}

/** Cornish–Fisher style starting point for the upper-tail quantile (q = upper tail probability). */
function guessUpperTQuantile(q: number, df: number): number {
  const z = -computeNormalQuantile(q);
  const z3 = z ** 3;
  const guess = z + (z3 + z) / (4 * df) + (5 * z ** 5 + 16 * z3 + 3 * z) / (96 * df * df);
  return Math.max(guess, 1e-3);
}

/** Solves P(T > t) = q for t > 0 with Newton steps kept inside a shrinking bracket. */
function solveUpperTQuantile(q: number, df: number): number {
  let t = guessUpperTQuantile(q, df);
  let low = 0;
  let high = t;
  while (computeUpperTail(high, df) > q) {
    low = high;
    high *= 2;
  }
  for (let iteration = 0; iteration < 200; iteration++) {
    const excess = computeUpperTail(t, df) - q;
    if (excess === 0) return t;
    if (excess > 0) low = t;
    else high = t;
    let next = t + excess / computeStudentTPdf(t, df);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - t) <= 1e-15 * t || high - low <= 1e-15 * high) return next;
    t = next;
  }
  return t;
}

/** Student-t quantile: the t with P(T ≤ t) = probability, for 0 < probability < 1 and df > 0. */
export function computeStudentTQuantile(probability: number, df: number): number {
  assertOpenProbability(probability);
  assertDegreesOfFreedom(df);
  if (df === Infinity) return computeNormalQuantile(probability);
  assertFinite(df, 'degrees of freedom');
  if (probability === 0.5) return 0;
  const sign = probability < 0.5 ? -1 : 1;
  const q = Math.min(probability, 1 - probability);
  if (df === 1) return sign / Math.tan(Math.PI * q);
  if (df === 2) return sign * (1 - 2 * q) * Math.sqrt(2 / (4 * q * (1 - q)));
  return sign * solveUpperTQuantile(q, df);
}

/** Two-sided critical value t* with P(|T| ≤ t*) = confidence. */
export function computeTwoSidedTCritical(confidence: number, df: number): number {
  return -computeStudentTQuantile((1 - confidence) / 2, df);
}
