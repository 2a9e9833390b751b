/**
 * Reads and validates every input into one typed value. Event-dependent defaults (mode, compare-to) are
 * chosen here; the preset's is chosen with the config file at hand (see core-argv.ts).
 */
import type { PresetName } from '../protocol/presets.js';
import type { ActionPlatform } from './action-platform.js';
import type { EventContext } from './event-context.js';
import { INPUT_DEFAULTS, type InputName } from './input-names.js';
import * as values from './input-values.js';
import type { Shard } from './input-values.js';

export const ACTION_MODES = ['gate', 'profile', 'update-baseline', 'merge', 'comment'] as const;
export type ActionMode = (typeof ACTION_MODES)[number];
export type CommentPolicy = 'on-change' | 'always' | 'never';
export type CompareTo = 'base' | 'baseline';

/** What is measured; paths as given (relative to the working directory). */
export interface TargetInputs {
  model: string | null;
  dtype: string | null;
  tokenizer: string | null;
  embedder: string | null;
  corpus: string | null;
  config: string | null;
}

export interface WorkloadInputs {
  batchSizes: number[] | null;
  lengths: number[] | null;
  /** null: the config's preset, else the event's default. */
  preset: PresetName | null;
  threads: number | null;
  processes: number | null;
  analysis: boolean;
  timeBudgetSeconds: number | null;
  shard: Shard | null;
}

export interface GateInputs {
  compareTo: CompareTo;
  baseSetup: string | null;
  baselineDir: string;
  baselineName: string | null;
  maxThroughputDrop: number | null;
  maxMemoryGrowth: number | null;
  failOn: string | null;
}

export interface ActionInputs {
  mode: ActionMode;
  target: TargetInputs;
  workload: WorkloadInputs;
  gate: GateInputs;
  comment: CommentPolicy;
  githubToken: string | null;
  artifactName: string;
  retentionDays: number | null;
  workingDirectory: string | null;
  allowUntrustedCode: boolean;
  reportDir: string | null;
}

type Reader = {
  text(name: InputName): string;
  optional<T>(name: InputName, parse: (name: InputName, value: string) => T): T | null;
};

function createReader(platform: ActionPlatform): Reader {
  const text = (name: InputName) => platform.getInput(name).trim() || (INPUT_DEFAULTS[name] ?? '');
  return {
    text,
    optional: (name, parse) => (text(name) === '' ? null : parse(name, text(name))),
  };
}

const asText = (_name: InputName, value: string): string => value;

function readTarget(read: Reader): TargetInputs {
  return {
    model: read.optional('model', asText),
    dtype: read.optional('dtype', (name, value) =>
      values.parseChoiceInput(name, value, ['fp32', 'q8', 'auto']),
    ),
    tokenizer: read.optional('tokenizer', asText),
    embedder: read.optional('embedder', asText),
    corpus: read.optional('corpus', asText),
    config: read.optional('config', asText),
  };
}

function readWorkload(read: Reader): WorkloadInputs {
  return {
    batchSizes: read.optional('batch-sizes', values.parseIntegerListInput),
    lengths: read.optional('lengths', values.parseIntegerListInput),
    preset: read.optional('preset', (name, value) => values.parseChoiceInput(name, value, ['quick', 'full'])),
    threads: read.optional('threads', (name, value) => values.parseIntegerInput(name, value)),
    processes: read.optional('processes', (name, value) => values.parseIntegerInput(name, value)),
    analysis: values.parseBooleanInput('analysis', read.text('analysis')),
    timeBudgetSeconds: read.optional('time-budget', values.parsePositiveNumberInput),
    shard: read.optional('shard', values.parseShardInput),
  };
}

function readGate(read: Reader, context: EventContext): GateInputs {
  const compareTo = read.text('compare-to') || (context.kind === 'pull-request' ? 'base' : 'baseline');
  return {
    compareTo: values.parseChoiceInput('compare-to', compareTo, ['base', 'baseline']),
    baseSetup: read.optional('base-setup', asText),
    baselineDir: read.text('baseline-dir') || 'baselines',
    baselineName: read.optional('baseline-name', values.parseBaselineNameInput),
    maxThroughputDrop: read.optional('max-throughput-drop', values.parseFractionInput),
    maxMemoryGrowth: read.optional('max-memory-growth', values.parsePositiveNumberInput),
    failOn: read.optional('fail-on', values.parseFailOnInput),
  };
}

/** The default mode: gate on pull requests, profile otherwise. */
export function chooseDefaultMode(context: EventContext): ActionMode {
  return context.kind === 'pull-request' ? 'gate' : 'profile';
}

export function readActionInputs(platform: ActionPlatform, context: EventContext): ActionInputs {
  const read = createReader(platform);
  const mode = read.text('mode') || chooseDefaultMode(context);
  const inputs: ActionInputs = {
    mode: values.parseChoiceInput('mode', mode, ACTION_MODES),
    target: readTarget(read),
    workload: readWorkload(read),
    gate: readGate(read, context),
    comment: values.parseChoiceInput('comment', read.text('comment'), ['on-change', 'always', 'never']),
    githubToken: read.optional('github-token', asText),
    artifactName: values.parseArtifactNameInput('artifact-name', read.text('artifact-name')),
    retentionDays: read.optional('retention-days', (name, value) =>
      values.parseIntegerInput(name, value, 1, 90),
    ),
    workingDirectory: read.optional('working-directory', asText),
    allowUntrustedCode: values.parseBooleanInput('allow-untrusted-code', read.text('allow-untrusted-code')),
    reportDir: read.optional('report-dir', asText),
  };
  checkCombinations(inputs, context);
  return inputs;
}

function checkCombinations(inputs: ActionInputs, context: EventContext): void {
  const { mode } = inputs;
  if ((mode === 'comment' || mode === 'merge') && inputs.reportDir === null) {
    throw values.createInputError(
      'report-dir',
      `a folder of downloaded artifacts for mode ${mode}`,
      '',
      'embedprof-report',
    );
  }
  if (inputs.workload.shard !== null && mode !== 'gate' && mode !== 'profile') {
    const shard = `${inputs.workload.shard.index}/${inputs.workload.shard.count}`;
    throw values.createInputError(
      'shard',
      `nothing in mode ${mode} (only gate and profile are sharded)`,
      shard,
      "''",
    );
  }
  if (mode === 'gate' && inputs.gate.compareTo === 'base' && context.kind !== 'pull-request') {
    const expected = `baseline outside pull requests (this run is a ${describeEvent(context)} event)`;
    throw values.createInputError('compare-to', expected, 'base', 'baseline');
  }
  if (mode === 'comment' && inputs.githubToken === null) {
    throw values.createInputError(
      'github-token',
      'a token allowed to read pull requests and write comments',
      '',
      '${{ github.token }}',
    );
  }
}

export function describeEvent(context: EventContext): string {
  switch (context.kind) {
    case 'pull-request':
    case 'scheduled':
    case 'other':
      return context.event;
    case 'workflow-run':
      return 'workflow_run';
  }
}
