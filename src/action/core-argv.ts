/**
 * The CLI argv for each mode, built from the validated inputs: one flag per input given, and the event's
 * defaults where the inputs and the config file say nothing. Pure: the caller checks the filesystem.
 * Values go to the core as argv elements, never through a shell.
 */
import type { EmbedprofConfig } from '../config/config-schema.js';
import type { PresetName } from '../protocol/presets.js';
import type { ActionInputs, GateInputs, TargetInputs } from './action-inputs.js';
import type { EventContext } from './event-context.js';
import { createInputError } from './input-values.js';

export interface ArgvRequest {
  inputs: ActionInputs;
  context: EventContext;
  outDir: string;
  /** The config file the core will read, null without one. */
  config: EmbedprofConfig | null;
  /** Whether inputs.gate.baselineDir is an existing folder (relative to the working directory). */
  baselineDirExists: boolean;
}

function pushFlag(args: string[], flag: string, value: string | number | null): void {
  if (value !== null) args.push(flag, String(value));
}

function buildTargetFlags(target: TargetInputs): string[] {
  const args: string[] = [];
  pushFlag(args, '--config', target.config);
  pushFlag(args, '--model', target.model);
  pushFlag(args, '--embedder', target.embedder);
  pushFlag(args, '--dtype', target.dtype);
  pushFlag(args, '--tokenizer', target.tokenizer);
  pushFlag(args, '--corpus', target.corpus);
  return args;
}

/** The input's preset; else the config's (no flag); else quick on pull requests and full otherwise. */
export function choosePreset(request: ArgvRequest): PresetName | null {
  const given = request.inputs.workload.preset;
  if (given !== null) return given;
  if (request.config?.preset !== undefined) return null;
  return request.context.kind === 'pull-request' ? 'quick' : 'full';
}

function buildWorkloadFlags(request: ArgvRequest): string[] {
  const { workload } = request.inputs;
  const args: string[] = [];
  pushFlag(args, '--preset', choosePreset(request));
  pushFlag(args, '--batch-sizes', workload.batchSizes?.join(',') ?? null);
  pushFlag(args, '--lengths', workload.lengths?.join(',') ?? null);
  pushFlag(args, '--threads', workload.threads);
  pushFlag(args, '--processes', workload.processes);
  if (!workload.analysis) args.push('--no-analysis');
  const shard = workload.shard;
  pushFlag(args, '--shard', shard === null ? null : `${shard.index}/${shard.count}`);
  return args;
}

/** --baseline-name and the thresholds, shared by gate and merge. */
function buildThresholdFlags(gate: GateInputs): string[] {
  const args: string[] = [];
  pushFlag(args, '--baseline-name', gate.baselineName);
  pushFlag(args, '--max-throughput-drop', gate.maxThroughputDrop);
  pushFlag(args, '--max-memory-growth', gate.maxMemoryGrowth);
  pushFlag(args, '--fail-on', gate.failOn);
  return args;
}

/** --baseline DIR when the folder exists; required (unless the config names one) without duet mode. */
function buildBaselineFlags(request: ArgvRequest, required: boolean): string[] {
  const dir = request.inputs.gate.baselineDir;
  if (request.baselineDirExists) return ['--baseline', dir];
  if (!required || request.config?.gate?.baselineDir !== undefined) return [];
  throw createInputError(
    'baseline-dir',
    'a folder of committed baselines (record one with `mode: update-baseline`), or `compare-to: base`',
    dir,
    'baselines',
  );
}

function buildReferenceFlags(request: ArgvRequest): string[] {
  const { context, inputs } = request;
  if (inputs.gate.compareTo === 'baseline' || context.kind !== 'pull-request') {
    return buildBaselineFlags(request, true);
  }
  const args = ['--against', context.pull.baseSha, ...buildBaselineFlags(request, false)];
  pushFlag(args, '--base-setup', inputs.gate.baseSetup);
  return args;
}

export function buildProfileArgv(request: ArgvRequest): string[] {
  const { target } = request.inputs;
  return ['profile', ...buildTargetFlags(target), ...buildWorkloadFlags(request), '--out', request.outDir];
}

export function buildGateArgv(request: ArgvRequest): string[] {
  const { inputs } = request;
  const args = ['gate', ...buildTargetFlags(inputs.target), ...buildWorkloadFlags(request)];
  args.push(...buildReferenceFlags(request), ...buildThresholdFlags(inputs.gate));
  pushFlag(args, '--time-budget', inputs.workload.timeBudgetSeconds);
  return [...args, '--out', request.outDir];
}

/** `embedprof merge`: the shards' folders in, the merged profile and comparison out. */
export function buildMergeArgv(request: ArgvRequest, reportDir: string): string[] {
  const baseline = buildBaselineFlags(request, false);
  const thresholds = buildThresholdFlags(request.inputs.gate);
  return ['merge', '--from', reportDir, '--out', request.outDir, ...baseline, ...thresholds];
}

/**
 * `--force`: a maintainer dispatched the refresh and the result is reviewed as a pull request, while hosted
 * runners change CPU models between runs — the summary says when the machine changed.
 */
export function buildBaselineUpdateArgv(profilePath: string, name: string, dir: string): string[] {
  return ['baseline', 'update', '--from', profilePath, '--name', name, '--dir', dir, '--force'];
}
