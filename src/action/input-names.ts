/**
 * The action's inputs and outputs by name, as action.yml declares them, and the defaults the code applies
 * when an input is empty (the runner fills action.yml's defaults in; these make the code behave the same when
 * run without it). A test keeps this table and action.yml in step.
 */
export const INPUT_NAMES = [
  'mode',
  'model',
  'dtype',
  'tokenizer',
  'embedder',
  'corpus',
  'config',
  'batch-sizes',
  'lengths',
  'preset',
  'threads',
  'processes',
  'analysis',
  'time-budget',
  'shard',
  'compare-to',
  'base-setup',
  'baseline-dir',
  'baseline-name',
  'max-throughput-drop',
  'max-memory-growth',
  'fail-on',
  'comment',
  'github-token',
  'artifact-name',
  'retention-days',
  'working-directory',
  'allow-untrusted-code',
  'report-dir',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

/**
 * Static defaults; inputs left out here default to nothing or to an event-dependent choice. github-token's
 * default (`${{ github.token }}`) is an expression only the runner can evaluate.
 */
export const INPUT_DEFAULTS: Partial<Record<InputName, string>> = {
  analysis: 'true',
  'baseline-dir': 'baselines',
  comment: 'on-change',
  'artifact-name': 'embedprof',
  'allow-untrusted-code': 'false',
};

export const OUTPUT_NAMES = [
  'verdict',
  'regression',
  'throughput',
  'peak-memory-mb',
  'report-dir',
  'comment-url',
  'artifact-id',
  'baseline-path',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];
