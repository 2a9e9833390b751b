/**
 * Mode history (the nightly): the core's runNightly measures tonight's commit beside the newest recorded one,
 * adds the record to the data branch, checks for change points and writes the dashboard into OUT/site; this
 * face builds its request from the inputs and the runner's environment, then publishes the reports and fails
 * only on a new regression change point in a gated metric (or a failed measurement or add).
 */
import {
  createDefaultDeps,
  runNightly,
  type NightlyDeps,
  type NightlyRecord,
  type NightlyRequest,
  type NightlyStep,
} from '../../core/index.js';
import { createCommitContextReader, readRepositoryUrl } from '../../history/commit-context.js';
import type { HistoryVerdict } from '../../history/check-history.js';
import { DEFAULT_DATA_BRANCH } from '../../history/data-branch.js';
import {
  formatHistorySummary,
  formatNightlyPlan,
  formatNightlyRecorded,
} from '../../report/text/format-nightly.js';
import { formatRegression } from '../../report/terminal/format-history-check.js';
import { buildNightRequests } from '../settings/build-requests.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import type { ActionPlatform } from './action-platform.js';
import { resetOutDir } from './output-folder.js';
import { describeCoreRun, failOnExitCode, publishResults } from './publish-results.js';
import { runCoreGuarded } from './run-core.js';
import type { ModeContext } from './run-measure-mode.js';
import { buildRunResults } from './run-results.js';

/** The nightly's request: the data branch (default embedprof-data) on the remote, tonight's commit and branch. */
function buildNightlyRequest(settings: ResolvedSettings, cwd: string): NightlyRequest {
  const { values } = settings;
  const branch = values.dataBranch ?? DEFAULT_DATA_BRANCH;
  return {
    store: { kind: 'branch', repoDir: cwd, remote: values.remote, branch },
    commit: values.commit ?? process.env.GITHUB_SHA ?? null,
    branch: values.historyBranch,
    outDir: values.out,
    failOn: values.failOn,
    newestRuns: values.newestRuns,
    site: { title: 'embedprof history', repositoryUrl: readRepositoryUrl(process.env) },
    measure: buildNightRequests(settings),
  };
}

function printStep(platform: ActionPlatform, step: NightlyStep): void {
  switch (step.kind) {
    case 'measuring':
      return platform.info(formatNightlyPlan(step.previous, step.runs, step.store));
    case 'recorded':
      return platform.info(formatNightlyRecorded(step.added.recordPath, step.added.bytes));
  }
}

export async function runHistoryMode(ctx: ModeContext): Promise<void> {
  const { platform, settings } = ctx;
  const inputs = settings.values;
  const cwd = process.cwd();
  await resetOutDir(inputs.out);
  const deps: NightlyDeps = {
    ...createDefaultDeps(inputs.quiet),
    readCommitContext: createCommitContextReader(cwd, process.env),
    onStep: (step) => printStep(platform, step),
  };
  const result = await runCoreGuarded(() => runNightly(buildNightlyRequest(settings, cwd), deps));
  if (result.kind === 'failed') return platform.setFailed(describeCoreRun(result).failureLine ?? '');
  const night = result.outcome;
  const results = buildRunResults(inputs.out, night.profile, night.comparison);
  const recorded = describeRecord(night.record);
  if (night.record.kind === 'recorded') platform.info(night.record.check.lines.join('\n'));
  await publishResults(platform, {
    inputs,
    pull: null,
    results,
    artifactName: inputs.artifactName,
    part: 'whole',
    extraSummary: recorded?.summary ?? null,
  });
  if (night.measured.kind === 'failed')
    return failOnExitCode(platform, describeCoreRun(night.measured), results);
  if (recorded !== null && recorded.failureLine !== null) platform.setFailed(recorded.failureLine);
}

interface Recorded {
  summary: string;
  /** The step's failure message (a new regression, or a failed add), else null. */
  failureLine: string | null;
}

/** The summary's history section and the step's failure, or null when nothing was measured to record. */
function describeRecord(record: NightlyRecord): Recorded | null {
  switch (record.kind) {
    case 'not-measured':
      return null;
    case 'not-recorded': {
      const line = describeCoreRun(record.failure).failureLine ?? 'the record was not added';
      return { summary: `**History:** not recorded: ${line}`, failureLine: line };
    }
    case 'recorded': {
      const { check } = record;
      const failureLine = check.exitCode === 0 ? null : describeCheckFailure(check.verdict, check.lines);
      return { summary: formatHistorySummary(check.lines), failureLine };
    }
  }
}

/** The headline and each new regression ("batch 32 throughput: −7.1 % [−9.0 %, −5.2 %] between …"). */
function describeCheckFailure(verdict: HistoryVerdict, lines: readonly string[]): string {
  const regressions = verdict.kind === 'fail' ? verdict.regressions : [];
  const named = regressions.map((regression) =>
    formatRegression(regression)
      .trim()
      .replace(/^REGRESSION /, ''),
  );
  return [`embedprof history check failed: ${lines[0] ?? ''}`, ...named].join('; ');
}
