/**
 * Picks the baseline that applies to a run: one recorded on the same machine for the same model and dtype.
 * Pure. Software differences (onnxruntime, node, model file) never disqualify a baseline — see fingerprint.ts.
 */
import type { Baseline, Fingerprint } from './baseline-schema.js';
import { compareFingerprints, isSameSetup, type FingerprintDifferences } from './fingerprint.js';

export type BaselineSelection =
  | { kind: 'match'; baseline: Baseline }
  | { kind: 'mismatch'; closest: Baseline; differences: string[] }
  | { kind: 'none' };

interface Candidate {
  baseline: Baseline;
  differences: FingerprintDifferences;
}

/** Fewer configuration differences first, then fewer machine ones, then software ones. */
function scoreCandidate(candidate: Candidate): number {
  const { configuration, machine, software } = candidate.differences;
  return configuration.length * 10_000 + machine.length * 100 + software.length;
}

function toTime(date: string): number {
  const time = Date.parse(date);
  return Number.isNaN(time) ? -Infinity : time;
}

/** Orders candidates best first: lower score, embedprof before legacy, newer before older. */
function compareCandidates(a: Candidate, b: Candidate): number {
  const byScore = scoreCandidate(a) - scoreCandidate(b);
  if (byScore !== 0) return byScore;
  const legacyA = a.baseline.origin.kind === 'legacy' ? 1 : 0;
  const legacyB = b.baseline.origin.kind === 'legacy' ? 1 : 0;
  if (legacyA !== legacyB) return legacyA - legacyB;
  return toTime(b.baseline.createdAt) - toTime(a.baseline.createdAt);
}

/** The matching baseline, else the closest one with what differs, else none. */
export function selectBaseline(baselines: readonly Baseline[], fingerprint: Fingerprint): BaselineSelection {
  const candidates = baselines
    .map((baseline) => ({ baseline, differences: compareFingerprints(baseline.fingerprint, fingerprint) }))
    .sort(compareCandidates);
  const best = candidates[0];
  if (best === undefined) return { kind: 'none' };
  if (isSameSetup(best.differences)) return { kind: 'match', baseline: best.baseline };
  const differences = [...best.differences.configuration, ...best.differences.machine];
  return { kind: 'mismatch', closest: best.baseline, differences };
}
