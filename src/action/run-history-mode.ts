/**
 * Mode history (the nightly): measure tonight's commit side by side with the newest recorded one (a chained
 * duet; a plain profile when the store is empty or that commit is not in the checkout), add the record to the
 * data branch, find change points, write the dashboard into OUT/site, publish the reports, and fail only on a
 * new regression change point in a gated metric.
 */
import { join } from 'node:path';
import {
  readHistory,
  runHistoryAdd,
  runHistoryCheck,
  runHistorySite,
  createDefaultDeps,
  type HistoryStoreTarget,
  type StoredHistory,
} from '../core/index.js';
import { buildHistorySeries } from '../history/build-series.js';
import { createCommitContextReader, readRepositoryUrl } from '../history/commit-context.js';
import { DEFAULT_DATA_BRANCH } from '../history/data-branch.js';
import { runGit } from '../platform/run-git.js';
import { buildHistoryCheckRequest } from '../settings/build-requests.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import { resetOutDir } from './output-folder.js';
import { describeCoreRun, failOnExitCode, publishResults } from './publish-results.js';
import { runCoreGuarded } from './run-core.js';
import { measureWithCore, type ModeContext } from './run-measure-mode.js';
import { buildRunResults } from './run-results.js';

/** The newest recorded commit when it differs from tonight's and the checkout has it, else null. */
async function choosePrevious(history: StoredHistory, tonight: string | null, cwd: string) {
  const newest = history.records[history.records.length - 1]?.commit ?? null;
  if (newest === null || newest === tonight) return null;
  const found = await runGit(cwd, ['cat-file', '-e'], { values: [`${newest}^{commit}`] }).catch(() => null);
  return found?.code === 0 ? newest : null;
}

/**
 * Tonight's settings: the chained duet's reference, and the branch whose history the report cites — the branch
 * tonight's record names (GITHUB_REF_NAME, else the checked-out branch), not a guessed `main`.
 */
async function chooseNightSettings(settings: ResolvedSettings, against: string | null, cwd: string) {
  const { historyBranch, commit } = settings.values;
  const measured = historyBranch ?? (await createCommitContextReader(cwd, process.env)(commit)).branch;
  const values = { ...settings.values, against, baseline: null, historyBranch: measured };
  return { ...settings, values } satisfies ResolvedSettings;
}

export async function runHistoryMode(ctx: ModeContext): Promise<void> {
  const { platform, settings } = ctx;
  const inputs = settings.values;
  const cwd = process.cwd();
  const branch = inputs.dataBranch ?? DEFAULT_DATA_BRANCH;
  const target: HistoryStoreTarget = { kind: 'branch', repoDir: cwd, remote: inputs.remote, branch };
  await resetOutDir(inputs.out);
  const before = await runCoreGuarded(() => readHistory(target));
  if (before.kind === 'failed') return platform.setFailed(describeCoreRun(before).failureLine ?? '');
  const previous = await choosePrevious(before.outcome, inputs.commit ?? process.env.GITHUB_SHA ?? null, cwd);
  platform.info(
    previous === null
      ? `Profiling (${before.outcome.records.length} runs on ${branch}; no earlier commit to measure beside this one)`
      : `Measuring this commit side by side with ${previous.slice(0, 12)}, the newest on ${branch} (chained duet)`,
  );
  const kind = previous === null ? 'profile' : 'gate';
  const night = await chooseNightSettings(settings, previous, cwd);
  const measured = await measureWithCore({ ...ctx, settings: night }, kind);
  const profile = measured.kind === 'done' ? measured.outcome.profile : null;
  const comparison = measured.kind === 'done' ? measured.outcome.comparison : null;
  const results = buildRunResults(inputs.out, profile, comparison);
  const recorded =
    profile === null ? null : await recordAndCheck(ctx, target, before.outcome, comparison !== null);
  await publishResults(platform, {
    inputs,
    pull: null,
    results,
    artifactName: inputs.artifactName,
    part: 'whole',
    extraSummary: recorded?.summary ?? null,
  });
  if (measured.kind === 'failed') return failOnExitCode(platform, describeCoreRun(measured), results);
  if (recorded !== null && recorded.failureLine !== null) platform.setFailed(recorded.failureLine);
}

interface Recorded {
  summary: string;
  /** The step's failure message (a new regression, or a failed add), else null. */
  failureLine: string | null;
}

async function recordAndCheck(
  ctx: ModeContext,
  target: HistoryStoreTarget,
  before: StoredHistory,
  chained: boolean,
): Promise<Recorded> {
  const { values } = ctx.settings;
  const cwd = process.cwd();
  const added = await runCoreGuarded(() =>
    runHistoryAdd(
      {
        profilePath: join(values.out, 'profile.json'),
        store: target,
        ...(chained ? { comparisonPath: join(values.out, 'comparison.json') } : {}),
      },
      { readCommitContext: createCommitContextReader(cwd, process.env) },
    ),
  );
  if (added.kind === 'failed') {
    const line = describeCoreRun(added).failureLine ?? 'the record was not added';
    return { summary: `**History:** not recorded: ${line}`, failureLine: line };
  }
  ctx.platform.info(`Recorded ${added.outcome.recordPath} (${added.outcome.bytes} bytes)`);
  const records = [...before.records, added.outcome.record];
  const history = { ...before, records, series: buildHistorySeries(records) };
  const check = runHistoryCheck(history, buildHistoryCheckRequest(ctx.settings));
  await runHistorySite(
    {
      series: history.series,
      context: { title: 'embedprof history', repositoryUrl: readRepositoryUrl(process.env) },
      outDir: join(values.out, 'site'),
    },
    createDefaultDeps(true),
  );
  const summary = ['### History', '', '```text', ...check.lines, '```'].join('\n');
  return {
    summary,
    failureLine: check.exitCode === 0 ? null : `embedprof history check failed: ${check.lines[0] ?? ''}`,
  };
}
