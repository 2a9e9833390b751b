/**
 * The serve gate's decision from both sides' profiles: the comparison (compareServeSweeps, per sweep) when the
 * duet ran to its end, and why the gate exits 1 — a dead server, a side where no request succeeded, each
 * gated regression. Each side's profile carries its own problems among its warnings.
 */
import { compareServeSweeps, type ServeCompareOptions } from '../decide/compare/compare-serve.js';
import type { ServeComparison } from '../decide/compare/serve-comparison-schema.js';
import type { ServeDuet } from '../measure/serve/measure-serve-duet.js';
import type { ServeProfile } from '../measure/serve/serve-profile-schema.js';
import type { InputNames } from './input-names.js';
import { describeServeProblems } from './serve-problems.js';

export interface ServeGateDecision {
  base: ServeProfile;
  head: ServeProfile;
  /** null when a server died: the duet ended before its sides could be compared. */
  comparison: ServeComparison | null;
  /** Why the gate exits 1, one line each; empty when it passes. */
  problems: string[];
}

export function decideServeGate(
  sides: { base: ServeProfile; head: ServeProfile },
  failure: ServeDuet['failure'],
  options: ServeCompareOptions,
  names: InputNames,
  failOnInconclusive = false,
): ServeGateDecision {
  const comparison =
    failure === null ? compareServeSweeps(sides.base.sweeps, sides.head.sweeps, options) : null;
  const problems = failure === null ? [] : [failure.message];
  const withProblems = (side: 'base' | 'head'): ServeProfile => {
    const profile = sides[side];
    const own = describeServeProblems(profile, null, names);
    problems.push(...own.map((line) => `${side}: ${line}`));
    return { ...profile, warnings: [...profile.warnings, ...own] };
  };
  const base = withProblems('base');
  const head = withProblems('head');
  problems.push(...listRegressions(comparison));
  if (failOnInconclusive && comparison?.overall.verdict === 'inconclusive') {
    problems.push(
      `inconclusive (${names.describe('failOnInconclusive')}): ${comparison.overall.reasons.join('; ')}`,
    );
  }
  return { base, head, comparison, problems };
}

/** One line per gated metric whose verdict is a regression. */
function listRegressions(comparison: ServeComparison | null): string[] {
  return (comparison?.sweeps ?? []).flatMap((sweep) =>
    sweep.metrics
      .filter((item) => item.gated && item.verdict === 'regression')
      .map((item) => `regression: ${sweep.textsPerRequest} texts/request, ${item.metric}: ${item.reason}`),
  );
}
