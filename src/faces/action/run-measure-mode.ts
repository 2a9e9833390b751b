/**
 * Modes gate, profile and merge: the core runs in-process into an emptied output folder, pr.json is added,
 * then the results are published (artifact, summary, annotations, comment, outputs) and the step fails per
 * the exit code. A shard publishes its artifact under its own name and leaves the comment, the annotations
 * and the gate's verdict to the merge job (whose statistics see every cell); it fails only on an error.
 */
import { createDefaultDeps, runGateCheck, runMerge, runProfile, type CoreResult } from '../../core/index.js';
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import { buildGateRequest, buildMergeRequest, buildProfileRequest } from '../settings/build-requests.js';
import { describeChosenSettings } from '../settings/describe-settings.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import type { ActionPlatform } from './action-platform.js';
import { describeVerdictOutput } from './action-outputs.js';
import { findPullRequest, type EventContext } from './event-context.js';
import { chooseArtifactName, resetOutDir } from './output-folder.js';
import { writePrInfo } from './pr-info.js';
import { classifyRunEnd, describeCoreRun, failOnExitCode, publishResults } from './publish-results.js';
import { runCoreGuarded } from './run-core.js';
import { buildRunResults } from './run-results.js';

export interface ModeContext {
  platform: ActionPlatform;
  settings: ResolvedSettings;
  context: EventContext;
}

export type MeasureKind = 'gate' | 'profile' | 'merge';

export interface MeasuredRun {
  exitCode: number;
  profile: Profile;
  comparison: Comparison | null;
  /** Why nothing was compared: this pull request adds embedprof. */
  adoption?: string | null;
}

/** The core's call for `kind`, guarded: secrets hidden, workflow commands stopped, failures as data. */
export function measureWithCore(ctx: ModeContext, kind: MeasureKind): Promise<CoreResult<MeasuredRun>> {
  const { settings } = ctx;
  const deps = createDefaultDeps(settings.values.quiet);
  return runCoreGuarded(async (): Promise<MeasuredRun> => {
    switch (kind) {
      case 'gate':
        return runGateCheck(buildGateRequest(settings), deps);
      case 'profile':
        return runProfile(buildProfileRequest(settings), deps);
      case 'merge':
        return runMerge(buildMergeRequest(settings));
    }
  });
}

export async function runMeasureMode(ctx: ModeContext, kind: MeasureKind): Promise<void> {
  const { platform, settings, context } = ctx;
  const inputs = settings.values;
  const shard = kind === 'merge' ? null : inputs.shard;
  await resetOutDir(inputs.out);
  platform.info(`Running embedprof ${kind} (settings: ${describeSettingsBrief(settings)})`);
  const result = await measureWithCore(ctx, kind);
  const core = describeCoreRun(result);
  const measured = result.kind === 'done' ? result.outcome : null;
  const results = buildRunResults(
    inputs.out,
    measured?.profile ?? null,
    measured?.comparison ?? null,
    measured?.adoption ?? null,
  );
  const pull = findPullRequest(context);
  if (pull !== null && results.profile !== null) await writePrInfo(inputs.out, pull);
  await publishResults(platform, {
    inputs,
    pull,
    results,
    artifactName: chooseArtifactName(inputs.artifactName, shard),
    part: shard === null ? 'whole' : 'shard',
    extraSummary: null,
  });
  if (shard === null || classifyRunEnd(core, results) === 'error')
    return failOnExitCode(platform, core, results);
  const verdict = describeVerdictOutput(results.comparison);
  platform.info(
    `Shard ${shard.index}/${shard.count} (verdict on its cells: ${verdict}): the merge job gates and comments.`,
  );
}

/** The settings that did not come from their defaults, e.g. "processes = 5 (input processes)". */
export function describeSettingsBrief(settings: ResolvedSettings): string {
  return describeChosenSettings(settings).join('; ') || 'all defaults';
}
