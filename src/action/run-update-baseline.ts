/**
 * Mode update-baseline: profile (full preset by default), then `embedprof baseline update` into baseline-dir,
 * and a job summary saying what changed. Committing the file is the workflow's business (a pull request made
 * by peter-evans/create-pull-request, say): the action never pushes.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Baseline } from '../baseline/baseline-schema.js';
import { parseBaselineText } from '../baseline/parse-baseline.js';
import { UsageError } from '../errors.js';
import type { CoreRun } from './action-platform.js';
import { renderBaselineChanges } from './baseline-changes.js';
import { buildBaselineUpdateArgv, buildProfileArgv } from './core-argv.js';
import { chooseOutDir, resetOutDir } from './output-folder.js';
import { failOnExitCode, publishResults } from './publish-results.js';
import { prepareArgvRequest, type ModeContext } from './run-measure-mode.js';
import { readOptionalText, readRunResults, type RunResults } from './run-results.js';

export const DEFAULT_BASELINE_NAME = 'main';

/** The baseline at `path`, or null when there is none (or it is unreadable: the core then says why). */
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

async function recordBaseline(ctx: ModeContext, results: RunResults): Promise<Recorded> {
  const { gate } = ctx.inputs;
  const name = gate.baselineName ?? DEFAULT_BASELINE_NAME;
  const path = locateBaselineFile(gate.baselineDir, name);
  const previous = await readBaselineQuietly(path);
  const argv = buildBaselineUpdateArgv(join(results.outDir, 'profile.json'), name, gate.baselineDir);
  const update = await ctx.platform.runCli(argv);
  const written = update.exitCode === 0 ? await readBaselineQuietly(path) : null;
  const shown = describeForWorkspace(ctx.platform.workspace, path);
  const summary = written === null ? null : renderBaselineChanges(shown, previous, written);
  return { update, path, summary };
}

export async function runUpdateBaselineMode(ctx: ModeContext): Promise<void> {
  const { platform, inputs } = ctx;
  const outDir = chooseOutDir(platform.tempDir, null);
  const argv = buildProfileArgv(await prepareArgvRequest(ctx, outDir, true));
  await resetOutDir(outDir);
  const profiled = await platform.runCli(argv);
  const results = await readRunResults(outDir);
  const recorded =
    profiled.exitCode === 0 && results.profile !== null ? await recordBaseline(ctx, results) : null;
  const request = { inputs, pull: null, results, artifactName: inputs.artifactName, part: 'whole' as const };
  await publishResults(platform, { ...request, extraSummary: recorded?.summary ?? null });
  if (recorded !== null && recorded.update.exitCode === 0) {
    platform.setOutput('baseline-path', describeForWorkspace(platform.workspace, recorded.path));
  }
  failOnExitCode(
    platform,
    profiled.exitCode !== 0 || recorded === null ? profiled : recorded.update,
    results,
  );
}
