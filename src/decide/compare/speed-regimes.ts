/**
 * Speed regimes. On the measured machine speed comes in regimes 1.3–1.45× apart that last minutes, with
 * CV ≈ 1 % inside one (notes of 2026-11-23). Each worker process ends with a calibration probe (a fixed MatMul
 * on the model's kernels); the probe does not depend on the code under test, so its score tells which regime a
 * process ran in. Probe scores of both sides are sorted and split wherever two neighbours are more than
 * `gap` apart (default 15 %: far above the ≈ 1 % spread inside a regime, far below the ≥ 30 % between regimes).
 *
 * Comparing raw speed is only fair between processes of the same regime, so each cell is compared on the
 * processes of the regime both sides share (at least 2 per side). A cell with no shared regime falls back to
 * calibration-normalized speed, whose residual between-regime error is accounted for in its interval.
 */

export interface SpeedRegime {
  lowGflops: number;
  highGflops: number;
}

/** Clusters probe scores into regimes, slowest first. Empty input gives no regimes. */
export function detectSpeedRegimes(probeGflops: readonly number[], gap: number): SpeedRegime[] {
  const sorted = [...probeGflops].sort((a, b) => a - b);
  const regimes: SpeedRegime[] = [];
  for (const score of sorted) {
    const last = regimes[regimes.length - 1];
    if (last !== undefined && score <= last.highGflops * (1 + gap)) last.highGflops = score;
    else regimes.push({ lowGflops: score, highGflops: score });
  }
  return regimes;
}

/** Index of the regime containing `score` (scores between regimes go to the nearest one). */
export function findRegimeIndex(regimes: readonly SpeedRegime[], score: number): number {
  let best = 0;
  let bestDistance = Infinity;
  regimes.forEach((regime, index) => {
    const distance = score < regime.lowGflops ? regime.lowGflops / score : score / regime.highGflops;
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

export type RegimeSelection =
  | { kind: 'single-regime' }
  | { kind: 'common-regime'; regime: number; baselineIndices: number[]; currentIndices: number[] }
  | { kind: 'no-common-regime' };

function indicesIn(regimes: readonly SpeedRegime[], probes: readonly number[], regime: number): number[] {
  return probes.flatMap((score, index) => (findRegimeIndex(regimes, score) === regime ? [index] : []));
}

/**
 * The processes of one cell to compare: all of them when every process of both sides is in one regime;
 * otherwise those of the shared regime with the most processes on its thinner side (ties: the faster regime),
 * provided each side keeps at least `minimumPerSide`.
 */
export function selectCommonRegime(
  regimes: readonly SpeedRegime[],
  baselineProbes: readonly number[],
  currentProbes: readonly number[],
  minimumPerSide = 2,
): RegimeSelection {
  const all = [...baselineProbes, ...currentProbes].map((score) => findRegimeIndex(regimes, score));
  if (all.every((regime) => regime === all[0])) return { kind: 'single-regime' };
  let best: RegimeSelection = { kind: 'no-common-regime' };
  let bestSize = minimumPerSide - 1;
  regimes.forEach((_, regime) => {
    const baselineIndices = indicesIn(regimes, baselineProbes, regime);
    const currentIndices = indicesIn(regimes, currentProbes, regime);
    const size = Math.min(baselineIndices.length, currentIndices.length);
    if (size >= bestSize && size >= minimumPerSide) {
      best = { kind: 'common-regime', regime, baselineIndices, currentIndices };
      bestSize = size;
    }
  });
  return best;
}
