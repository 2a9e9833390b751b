/**
 * The serve gate's request and outcome, and the check that it can be a duet: the head's server is started
 * from a command in the repository, the base's from a command in a worktree of the base ref — a server given
 * by URL is one server, never two, so it is an input error here.
 */
import type { ServeComparison, ServeMetricName } from '../decide/compare/serve-comparison-schema.js';
import type { SetupTimeout } from '../decide/duet/run-base-setup.js';
import { createUsageError, quoteUserText } from '../ground/errors.js';
import type { ServeTargetRequest } from '../measure/serve/open-serve-target.js';
import type { ServeProfile } from '../measure/serve/serve-profile-schema.js';
import type { ServeProfileRequest } from './run-serve-profile.js';

export interface ServeGateRequest extends ServeProfileRequest {
  /** The head's server; it must be a command (the base runs the same, or `base.command`, in its worktree). */
  target: ServeTargetRequest;
  base: {
    /** The git ref the base server is started from (a worktree of it, removed afterwards). */
    ref: string;
    /** Run in the worktree before the base server starts (install, build), or null. */
    setup: string | null;
    setupTimeout: SetupTimeout;
    /** The base's serve command, or null for the head's. */
    command: string | null;
  };
  /** An inconclusive overall verdict fails the gate (exit 1) too. */
  failOnInconclusive?: boolean;
  /** How the reports name the head (the action: its pull request); default "the working tree". */
  headLabel?: string;
  /** The comparison's thresholds and gated metrics (compareServeSweeps's defaults when absent). */
  compare: {
    maxKneeDrop?: number;
    maxP95Growth?: number;
    alpha?: number;
    gated?: readonly ServeMetricName[];
  };
}

export interface ServeGateOutcome {
  kind: 'serve-gate';
  /** null when the duet ended before its sides could be compared (a server died). */
  comparison: ServeComparison | null;
  base: ServeProfile;
  head: ServeProfile;
  /** Untrusted: how the reports name each side, e.g. "origin/main (abc1234)". */
  labels: { base: string; head: string };
  outDir: string;
  /** serve-comparison.json first, then base/ and head/ serve files. */
  files: string[];
  /** 1 on a regression, a dead server or a sweep without a successful request; input errors are thrown (2). */
  exitCode: 0 | 1;
  /** Why the exit code is 1, one line each. */
  problems: string[];
}

export type ServeCommandTarget = Extract<ServeTargetRequest, { kind: 'command' }>;

/** The head's command target; a usage error for a URL, which cannot be a duet. */
export function requireCommandTarget(target: ServeTargetRequest): ServeCommandTarget {
  switch (target.kind) {
    case 'command':
      return target;
    case 'url':
      throw createUsageError({
        input: `${target.label} ${quoteUserText(target.url)}`,
        expected:
          'a serve command: the serve gate starts the base and the head server itself, one from each commit',
        received: 'the URL of one running server, which cannot be both the base and the head',
        fix: 'Give the command that starts the server (--serve-command, with {port} or $PORT), or profile that one server with serve-profile.',
      });
  }
}
