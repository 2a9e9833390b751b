/**
 * Modes gate, profile and merge: build the argv, run the core in-process into an emptied output folder, add
 * pr.json, then publish (artifact, summary, annotations, comment, outputs) and fail the step per the exit
 * code. A shard publishes its artifact under its own name and leaves the comment, the annotations and the
 * gate's verdict to the merge job (whose statistics see every cell); it fails only on an error.
 */
import { findConfig } from '../config/read-config.js';
import type { ActionInputs } from './action-inputs.js';
import type { ActionPlatform } from './action-platform.js';
import { isDirectory } from './check-paths.js';
import { buildGateArgv, buildMergeArgv, buildProfileArgv, type ArgvRequest } from './core-argv.js';
import { findPullRequest, type EventContext } from './event-context.js';
import { chooseArtifactName, chooseOutDir, resetOutDir } from './output-folder.js';
import { writePrInfo } from './pr-info.js';
import { describeVerdictOutput } from './action-outputs.js';
import { classifyRunEnd, failOnExitCode, publishResults } from './publish-results.js';
import { readRunResults } from './run-results.js';
import { assertTrustedCode } from './untrusted-code.js';

export interface ModeContext {
  platform: ActionPlatform;
  inputs: ActionInputs;
  context: EventContext;
}

export type MeasureKind = 'gate' | 'profile' | 'merge';

/** What the argv builders need: the config the core will read, checked for untrusted code first. */
export async function prepareArgvRequest(
  ctx: ModeContext,
  outDir: string,
  readConfig: boolean,
): Promise<ArgvRequest> {
  const { inputs, context } = ctx;
  const config = readConfig ? await findConfig(inputs.target.config) : null;
  assertTrustedCode(inputs, context, config);
  return {
    inputs,
    context,
    outDir,
    config: config?.config ?? null,
    baselineDirExists: isDirectory(inputs.gate.baselineDir),
  };
}

function buildArgv(kind: MeasureKind, request: ArgvRequest): string[] {
  switch (kind) {
    case 'gate':
      return buildGateArgv(request);
    case 'profile':
      return buildProfileArgv(request);
    case 'merge':
      return buildMergeArgv(request, request.inputs.reportDir ?? '');
  }
}

export async function runMeasureMode(ctx: ModeContext, kind: MeasureKind): Promise<void> {
  const { platform, inputs, context } = ctx;
  const shard = kind === 'merge' ? null : inputs.workload.shard;
  const outDir = chooseOutDir(platform.tempDir, shard);
  const argv = buildArgv(kind, await prepareArgvRequest(ctx, outDir, kind !== 'merge'));
  await resetOutDir(outDir);
  platform.info(`Running embedprof ${argv.map((arg) => JSON.stringify(arg)).join(' ')}`);
  const core = await platform.runCli(argv);
  const results = await readRunResults(outDir);
  const pull = findPullRequest(context);
  if (pull !== null && results.profile !== null) await writePrInfo(outDir, pull);
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
