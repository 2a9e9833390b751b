/**
 * Mode update-baseline: profile (full preset by default), record it as baseline-dir/NAME.json, and a job
 * summary saying what changed. Committing the file is the workflow's business (a pull request made by
 * peter-evans/create-pull-request, say): the action never pushes. It always replaces the file (`force`): a
 * maintainer dispatched the refresh and reviews it as a pull request, while hosted runners change CPU models
 * between runs — the summary says when the machine changed.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Baseline } from '../../decide/baseline/baseline-schema.js';
import { parseBaselineText } from '../../decide/baseline/parse-baseline.js';
import { runBaselineUpdate } from '../../core/index.js';
import { UsageError } from '../../ground/errors.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { renderBaselineChanges } from './baseline-changes.js';
import { resetOutDir } from './output-folder.js';
import { describeCoreRun, failOnExitCode, publishResults, type CoreRun } from './publish-results.js';
import { runCoreGuarded } from './run-core.js';
import { measureWithCore, type ModeContext } from './run-measure-mode.js';
import { buildRunResults, readOptionalText } from './run-results.js';

export const DEFAULT_BASELINE_NAME = 'main';

/** The baseline at `path`, or null when there is none (or it is unreadable: the update then says why). */
async function readBaselineQuietly(path: string): Promise<Baseline | null> {
  const text = await readOptionalText(path);
  if (text === null) return null;
  try {
    return parseBaselineText(text, path);
  } catch (error) {
    if (error instanceof UsageError) return null;
    throw error;
  }
}

/** DIR/NAME.json, absolute. (ncc's asset relocator rewrites path calls it can partly evaluate, such as
 * resolve(dir, `${name}.json`) or join(process.cwd(), …), into build-time paths: keep the calls opaque.) */
function locateBaselineFile(dir: string, name: string): string {
  return join(resolve(dir), `${name}.json`);
}

/** `path` relative to the checkout (as git and create-pull-request's add-paths take it), else absolute. */
export function describeForWorkspace(workspace: string, path: string): string {
  const inside = relative(workspace, path);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}

interface Recorded {
  update: CoreRun;
  path: string;
  summary: string | null;
}

async function recordBaseline(ctx: ModeContext, profile: Profile): Promise<Recorded> {
  const { values } = ctx.settings;
  const name = values.baselineName ?? DEFAULT_BASELINE_NAME;
  const dir = values.baseline ?? 'baselines';
  const path = locateBaselineFile(dir, name);
  const previous = await readBaselineQuietly(path);
  const label = `the profile of this run (${join(values.out, 'profile.json')})`;
  const request = { profile, profileLabel: label, name, dir, force: true, env: process.env };
  const result = await runCoreGuarded(() => runBaselineUpdate(request));
  const update = describeCoreRun(
    result.kind === 'done' ? { kind: 'done', outcome: { exitCode: 0 } } : result,
  );
  const shown = describeForWorkspace(ctx.platform.workspace, path);
  const summary =
    result.kind === 'done' ? renderBaselineChanges(shown, previous, result.outcome.baseline) : null;
  return { update, path, summary };
}

export async function runUpdateBaselineMode(ctx: ModeContext): Promise<void> {
  const { platform, settings } = ctx;
  const inputs = settings.values;
  await resetOutDir(inputs.out);
  // the baseline folder is where the new baseline goes, not something to compare this profile with
  const withoutComparison = { ...settings, values: { ...settings.values, baseline: null } };
  const profiled = await measureWithCore({ ...ctx, settings: withoutComparison }, 'profile');
  const profile = profiled.kind === 'done' ? profiled.outcome.profile : null;
  const results = buildRunResults(inputs.out, profile, null);
  const core = describeCoreRun(profiled);
  const recorded = core.exitCode === 0 && profile !== null ? await recordBaseline(ctx, profile) : null;
  const request = { inputs, pull: null, results, artifactName: inputs.artifactName, part: 'whole' as const };
  await publishResults(platform, { ...request, extraSummary: recorded?.summary ?? null });
  if (recorded !== null && recorded.update.exitCode === 0) {
    platform.setOutput('baseline-path', describeForWorkspace(platform.workspace, recorded.path));
  }
  failOnExitCode(platform, core.exitCode !== 0 || recorded === null ? core : recorded.update, results);
}
