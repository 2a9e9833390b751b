/**
 * The core's `history check`: change points in every series of a store, and the night's verdict — exit 1 only
 * on a new regression of a gated metric (check-history.ts decides; format-history-check.ts words it).
 */
import { decideHistoryCheck, type HistoryVerdict } from '../history/check-history.js';
import { formatHistoryVerdict } from '../report/terminal/format-history-check.js';
import { GATED_METRICS, type FailOnName } from '../decide/compare/gated-metrics.js';
import type { ExitCode } from './outcomes.js';
import type { StoredHistory } from './read-history.js';

/** The detector's seed: change points are the same for the same store, run after run. */
const CHECK_SEED = 1;

export interface HistoryCheckRequest {
  failOn: readonly FailOnName[];
  newestRuns: number;
}

export interface HistoryCheckOutcome {
  kind: 'history-check';
  verdict: HistoryVerdict;
  /** The verdict first, then every series' change points and machine changes. */
  lines: string[];
  exitCode: ExitCode;
}

export function runHistoryCheck(history: StoredHistory, request: HistoryCheckRequest): HistoryCheckOutcome {
  const verdict = decideHistoryCheck(history.series, {
    gatedMetrics: request.failOn.flatMap((name) => GATED_METRICS[name]),
    newestNights: request.newestRuns,
    detection: { seed: CHECK_SEED },
  });
  const lines = [...formatHistoryVerdict(verdict), `(${history.records.length} runs from ${history.source})`];
  return { kind: 'history-check', verdict, lines, exitCode: verdict.kind === 'fail' ? 1 : 0 };
}
