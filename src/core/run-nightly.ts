/**
 * The core's nightly: read the history store, measure tonight's commit side by side with the newest recorded
 * one (a chained duet; a plain profile when the store is empty or that commit is not in the checkout), add
 * the record, find change points, and write the dashboard into OUT/site. A failed measurement or a failed add
 * is part of the outcome (the face still publishes what there is); a store that cannot be read, or a site
 * that cannot be written, stops the run (thrown).
 */
import { join } from 'node:path';
import type { Comparison } from '../decide/compare/comparison-schema.js';
import { buildHistorySeries } from '../history/build-series.js';
import type { CommitContextReader } from '../history/commit-context.js';
import { DEFAULT_DATA_BRANCH } from '../history/data-branch.js';
import { runGit } from '../ground/platform/run-git.js';
import type { Profile } from '../measure/protocol/profile-schema.js';
import type { FailOnName } from '../decide/compare/gated-metrics.js';
import { captureFailure, type CoreDeps } from './core-deps.js';
import { measureNight, type NightMeasureRequest } from './measure-night.js';
import type {
  CoreFailure,
  CoreResult,
  ExitCode,
  GateOutcome,
  HistoryAddOutcome,
  HistorySiteOutcome,
  ProfileOutcome,
} from './outcomes.js';
import { readHistory, type StoredHistory } from './read-history.js';
import { runHistoryAdd, type HistoryStoreTarget } from './run-history-add.js';
import { runHistoryCheck, type HistoryCheckOutcome } from './run-history-check.js';
import { runHistorySite, type HistorySiteRequest } from './run-history-site.js';

export interface NightlyRequest {
  store: HistoryStoreTarget;
  /** Tonight's commit (a full sha), or null when unknown: the newest recorded commit is then always earlier. */
  commit: string | null;
  /** The branch tonight's record names; null: the commit-context reader's branch. */
  branch: string | null;
  /** The run's folder: profile.json, comparison.json and the reports; the dashboard goes to OUT/site. */
  outDir: string;
  failOn: readonly FailOnName[];
  newestRuns: number;
  site: HistorySiteRequest['context'];
  /** What and how to measure (everything but the reference, which the nightly chooses). */
  measure: NightMeasureRequest['requests'];
}

/** What the face is told while the nightly runs, to print as it goes. */
export type NightlyStep =
  | { kind: 'measuring'; previous: string | null; runs: number; store: string }
  | { kind: 'recorded'; added: HistoryAddOutcome };

export interface NightlyDeps extends CoreDeps {
  readCommitContext: CommitContextReader;
  onStep: (step: NightlyStep) => void;
}

/** Tonight's record, or why there is none. */
export type NightlyRecord =
  | { kind: 'not-measured' }
  | { kind: 'not-recorded'; failure: CoreFailure }
  | { kind: 'recorded'; added: HistoryAddOutcome; check: HistoryCheckOutcome; site: HistorySiteOutcome };

export interface NightlyOutcome {
  kind: 'nightly';
  /** The commit measured beside tonight's (chained duet), or null for a plain profile. */
  previous: string | null;
  /** The store as the steps name it: the data branch, or the folder. */
  store: string;
  measured: CoreResult<ProfileOutcome | GateOutcome>;
  profile: Profile | null;
  comparison: Comparison | null;
  record: NightlyRecord;
  /** The dashboard's folder (OUT/site). */
  siteDir: string;
  /** The measurement's failure code, else the add's, else the history check's (1 on a new regression). */
  exitCode: ExitCode;
}

function nameStore(target: HistoryStoreTarget): string {
  switch (target.kind) {
    case 'folder':
      return target.dir;
    case 'branch':
      return target.branch ?? DEFAULT_DATA_BRANCH;
  }
}

/** The newest recorded commit when it differs from tonight's and the checkout has it, else null. */
async function choosePrevious(history: StoredHistory, tonight: string | null, cwd: string) {
  const newest = history.records[history.records.length - 1]?.commit ?? null;
  if (newest === null || newest === tonight) return null;
  const found = await runGit(cwd, ['cat-file', '-e'], { values: [`${newest}^{commit}`] }).catch(() => null);
  return found?.code === 0 ? newest : null;
}

export async function runNightly(request: NightlyRequest, deps: NightlyDeps): Promise<NightlyOutcome> {
  const before = await readHistory(request.store);
  const previous = await choosePrevious(before, request.commit, deps.cwd);
  const store = nameStore(request.store);
  deps.onStep({ kind: 'measuring', previous, runs: before.records.length, store });
  const branch = request.branch ?? (await deps.readCommitContext(request.commit)).branch;
  const night = { requests: request.measure, against: previous, branch };
  const measured = await captureFailure(() => measureNight(night, deps));
  const done = measured.kind === 'done' ? measured.outcome : null;
  const comparison = done?.comparison ?? null;
  const record: NightlyRecord =
    done === null ? { kind: 'not-measured' } : await recordNight(request, deps, before, comparison !== null);
  return {
    kind: 'nightly',
    previous,
    store,
    measured,
    profile: done?.profile ?? null,
    comparison,
    record,
    siteDir: join(request.outDir, 'site'),
    exitCode: chooseExitCode(measured, record),
  };
}

function chooseExitCode(measured: NightlyOutcome['measured'], record: NightlyRecord): ExitCode {
  if (measured.kind === 'failed') return measured.exitCode;
  switch (record.kind) {
    case 'not-measured':
      return 1;
    case 'not-recorded':
      return record.failure.exitCode;
    case 'recorded':
      return record.check.exitCode;
  }
}

/** Adds tonight's profile (with the chained duet's ratios) to the store, then checks and renders the history. */
async function recordNight(
  request: NightlyRequest,
  deps: NightlyDeps,
  before: StoredHistory,
  chained: boolean,
): Promise<NightlyRecord> {
  const added = await captureFailure(() =>
    runHistoryAdd(
      {
        profilePath: join(request.outDir, 'profile.json'),
        store: request.store,
        ...(chained ? { comparisonPath: join(request.outDir, 'comparison.json') } : {}),
      },
      { readCommitContext: deps.readCommitContext },
    ),
  );
  if (added.kind === 'failed') return { kind: 'not-recorded', failure: added };
  deps.onStep({ kind: 'recorded', added: added.outcome });
  const records = [...before.records, added.outcome.record];
  const history = { ...before, records, series: buildHistorySeries(records) };
  const check = runHistoryCheck(history, { failOn: request.failOn, newestRuns: request.newestRuns });
  const site = await runHistorySite(
    { series: history.series, context: request.site, outDir: join(request.outDir, 'site') },
    deps,
  );
  return { kind: 'recorded', added: added.outcome, check, site };
}
