/**
 * The action's inputs and outputs by name. The inputs are the settings table's (a test keeps action.yml in
 * step with it); the outputs are the action's own.
 */
import { getEntry, SETTING_KEYS } from '../settings/setting-table.js';

export const INPUT_NAMES: readonly string[] = SETTING_KEYS.flatMap((key) => {
  const input = getEntry(key).input;
  return input === null ? [] : [input];
});
export type InputName = string;

/** The action's outputs with their action.yml descriptions (scripts/write-action-manifest.ts writes them). */
export const OUTPUTS = {
  verdict: 'regression | improvement | no-change | inconclusive | skipped, or none without a comparison.',
  regression: 'true when a metric named by fail-on regressed, else false.',
  throughput: 'Median texts/s of the batch-32 cell, else of the first measured batch cell.',
  'peak-memory-mb': 'Highest per-cell median peak RSS, in MB.',
  knee: 'modes serve and serve-gate: the (head) server’s knee in req/s, of the first texts-per-request sweep.',
  'report-dir': 'Folder holding profile.json, comparison.json and the reports.',
  'comment-url': 'URL of the pull-request comment, when one was posted or updated.',
  'artifact-id': 'Id of the uploaded artifact.',
  'baseline-path':
    'mode update-baseline, the baseline file written, relative to the workspace (for add-paths).',
} as const;
export type OutputName = keyof typeof OUTPUTS;
export const OUTPUT_NAMES = Object.keys(OUTPUTS) as OutputName[];
