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
