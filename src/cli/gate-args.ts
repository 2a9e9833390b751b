/**
 * `embedprof gate` takes every option of `embedprof profile` plus the comparison flags and --time-budget.
 * The gate's own flags are taken out of argv first; the rest goes to parseProfileArgs unchanged, so the
 * profile options, their defaults and their errors are exactly those of `embedprof profile`.
 */
import { parseArgs } from 'node:util';
import { describeError, UsageError } from '../errors.js';
import {
  COMPARE_FLAGS,
  COMPARE_FLAGS_HELP,
  readGateComparisonFlags,
  type GateComparisonRequest,
} from './compare-args.js';
import { parsePositiveNumber } from './parse-values.js';
import { parseProfileArgs, PROFILE_HELP, type ProfileOptions } from './profile-args.js';

const GATE_FLAGS = {
  ...COMPARE_FLAGS,
  'time-budget': { type: 'string' },
  against: { type: 'string' },
  'base-setup': { type: 'string' },
} as const;
const GATE_FLAG_NAMES: ReadonlySet<string> = new Set(Object.keys(GATE_FLAGS));

/** Default --time-budget: the whole gate (first pass included) in ten minutes. */
export const DEFAULT_TIME_BUDGET_SECONDS = 600;

export const GATE_HELP = `embedprof gate [profile options] (--against REF | --baseline FILE|DIR) [comparison options]

Profiles the current code (as \`embedprof profile\`), compares it with a reference, and while some cells are
inconclusive on a gated metric and the time budget allows, measures more fresh processes for just those
cells and compares again. Writes OUT/profile.json and OUT/comparison.json.

Reference:
  --against REF           duet mode: check REF (a branch, tag or commit; fetched if the clone is shallow) out
                          in a temporary git worktree and measure it and the working tree alternately in
                          neighbouring processes (ABBA); the gate's statistics use the paired ratios. REF's
                          own embedprof.config.json says what it measures; the workload is this side's.
                          When REF cannot be measured, --baseline is used instead and the reason reported.
  --base-setup CMD        shell command run in REF's worktree first, e.g. "npm ci" (custom embedders)
  --config FILE           settings file (default ./embedprof.config.json when present); flags override it
  --no-config             ignore ./embedprof.config.json

Comparison options:
${COMPARE_FLAGS_HELP}
  --time-budget SECONDS   wall-clock budget of the whole gate, first pass included (default ${DEFAULT_TIME_BUDGET_SECONDS});
                          an extra round starts only when its estimated duration fits

Exit codes: 0 pass (or skipped), 1 regression in a --fail-on metric (or a worker crashed), 2 usage or input
error.

Profile options (all of \`embedprof profile\`):
${PROFILE_HELP.split('\n').slice(2).join('\n')}`;

export interface GateOptions {
  profile: ProfileOptions;
  comparison: GateComparisonRequest;
  timeBudgetSeconds: number;
  /** Duet mode's base: what --against named, or null. */
  against: string | null;
  baseSetup: string | null;
}

/** Splits argv into the gate's own flags (with their values) and everything else. */
export function splitGateArgs(argv: readonly string[]): { gateArgs: string[]; profileArgs: string[] } {
  const gateArgs: string[] = [];
  const profileArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    const match = /^--([^=]+)(=.*)?$/.exec(token);
    if (match === null || !GATE_FLAG_NAMES.has(match[1] ?? '')) {
      profileArgs.push(token);
      continue;
    }
    gateArgs.push(token);
    const next = argv[i + 1];
    if (match[2] === undefined && next !== undefined) {
      gateArgs.push(next);
      i++;
    }
  }
  return { gateArgs, profileArgs };
}

function parseGateFlags(gateArgs: string[]) {
  try {
    return parseArgs({ args: gateArgs, options: GATE_FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${describeError(error)}. Run \`embedprof gate --help\` for the options.`);
  }
}

export function parseGateArgs(argv: readonly string[]): GateOptions {
  const { gateArgs, profileArgs } = splitGateArgs(argv);
  const values = parseGateFlags(gateArgs);
  const against = values.against ?? null;
  if (against === '') throw new UsageError('--against needs a git ref, e.g. --against origin/main.');
  const comparison = readGateComparisonFlags(values, against !== null);
  const budget = values['time-budget'];
  return {
    against,
    baseSetup: values['base-setup'] ?? null,
    profile: parseProfileArgs(profileArgs),
    comparison,
    timeBudgetSeconds:
      budget === undefined ? DEFAULT_TIME_BUDGET_SECONDS : parsePositiveNumber('--time-budget', budget),
  };
}

export function isHelpRequested(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
