/**
 * A config file as command-line flags placed *before* the user's own, so that flags override the file (node's
 * parseArgs keeps the last value of a repeated flag). Relative paths are resolved against the file's folder.
 * Pure: the caller reads the file.
 */
import { isAbsolute, resolve } from 'node:path';
import type { EmbedprofConfig } from './config-schema.js';

export type ConfigCommand = 'profile' | 'gate';

const isLocalPath = (value: string): boolean => value.startsWith('.') || isAbsolute(value);

function toPath(dir: string, value: string): string {
  return isAbsolute(value) ? value : resolve(dir, value);
}

function pushFlag(args: string[], flag: string, value: string | number | undefined): void {
  if (value !== undefined) args.push(`--${flag}`, String(value));
}

/** The flags of the "what is measured" part: model, embedder, dtype, tokenizer, truncation. */
export function convertTargetToArgs(config: EmbedprofConfig, dir: string): string[] {
  const args: string[] = [];
  const model = config.model;
  pushFlag(args, 'model', model !== undefined && isLocalPath(model) ? toPath(dir, model) : model);
  pushFlag(args, 'embedder', config.embedder && toPath(dir, config.embedder));
  pushFlag(args, 'dtype', config.dtype);
  pushFlag(args, 'tokenizer', config.tokenizer && toPath(dir, config.tokenizer));
  pushFlag(args, 'max-tokens', config.maxTokens);
  return args;
}

function convertWorkloadToArgs(config: EmbedprofConfig, dir: string): string[] {
  const args: string[] = [];
  pushFlag(args, 'corpus', config.corpus && toPath(dir, config.corpus));
  pushFlag(args, 'preset', config.preset);
  pushFlag(args, 'batch-sizes', config.batchSizes?.join(','));
  pushFlag(args, 'lengths', config.lengths?.join(','));
  pushFlag(args, 'length-batch-size', config.lengthBatchSize);
  pushFlag(args, 'processes', config.processes);
  pushFlag(args, 'threads', config.threads);
  pushFlag(args, 'max-memory-mb', config.maxMemoryMB);
  if (config.analysis === false) args.push('--no-analysis');
  return args;
}

function convertGateToArgs(config: EmbedprofConfig, dir: string): string[] {
  const gate = config.gate;
  if (gate === undefined) return [];
  const args: string[] = [];
  pushFlag(args, 'max-throughput-drop', gate.maxThroughputDrop);
  pushFlag(args, 'max-memory-growth', gate.maxMemoryGrowth);
  pushFlag(args, 'fail-on', gate.failOn && (gate.failOn.length === 0 ? 'none' : gate.failOn.join(',')));
  pushFlag(args, 'baseline', gate.baselineDir && toPath(dir, gate.baselineDir));
  pushFlag(args, 'baseline-name', gate.baselineName);
  pushFlag(args, 'time-budget', gate.timeBudgetSeconds);
  pushFlag(args, 'base-setup', gate.baseSetup);
  return args;
}

/** Every flag the config sets for `command` (the gate's own flags only for `gate`). */
export function convertConfigToArgs(config: EmbedprofConfig, dir: string, command: ConfigCommand): string[] {
  const shared = [...convertTargetToArgs(config, dir), ...convertWorkloadToArgs(config, dir)];
  return command === 'gate' ? [...shared, ...convertGateToArgs(config, dir)] : shared;
}
