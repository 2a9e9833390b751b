/**
 * One setting: its kind, its default (fixed, from the preset or from an environment variable), and its name
 * on each face — the CLI flag, the action input, the key in embedprof.config.json — with its help text.
 */
import type { SettingKind } from './setting-kinds.js';
import type { Preset, PresetName } from '../protocol/presets.js';

export type CommandName =
  | 'profile'
  | 'gate'
  | 'compare'
  | 'merge'
  | 'report'
  | 'baseline-update'
  | 'export'
  | 'history-add'
  | 'history-check'
  | 'history-site';
export type HelpGroup =
  | 'Model'
  | 'Workload'
  | 'Runtime'
  | 'Analysis'
  | 'Reference'
  | 'Comparison'
  | 'Files'
  | 'Settings'
  | 'Output';

export interface DefaultContext {
  env: Readonly<Record<string, string | undefined>>;
  /** Logical cores of this machine. */
  cores: number;
  home: string;
}

export interface SettingEntry<T> {
  kind: SettingKind<T>;
  /** The value when no layer sets it. */
  fallback: (context: DefaultContext) => T;
  /** The preset's value, which beats the fallback. */
  presetDefault?: (preset: Preset, name: PresetName) => T;
  /** An environment variable whose non-empty value beats the fallback. */
  environment?: string;
  /** Long CLI flag without its dashes; `negated` flags (--no-analysis) set false. */
  flag: string | null;
  negated?: boolean;
  /** Placeholder of the flag's value in --help, e.g. N or LIST; null for boolean flags. */
  flagArg?: string;
  commands: readonly CommandName[];
  /** The action input (action.yml) that sets it, or null. */
  input: string | null;
  /** Dotted key in embedprof.config.json ("gate.baselineDir"), or null. */
  config: string | null;
  group: HelpGroup;
  help: string;
}

type EntryFields<T> = Omit<SettingEntry<T>, 'fallback'>;

/** A setting with a value in every run. */
export function defineSetting<T>(fields: EntryFields<T> & { fallback: T | ((c: DefaultContext) => T) }) {
  const { fallback } = fields;
  const resolveFallback =
    typeof fallback === 'function' ? (fallback as (c: DefaultContext) => T) : () => fallback;
  return { ...fields, fallback: resolveFallback } satisfies SettingEntry<T> as SettingEntry<T>;
}

/** A setting that may stay unset (null). */
export function defineOptionalSetting<T>(fields: EntryFields<T | null> & { kind: SettingKind<T> }) {
  return {
    ...fields,
    kind: fields.kind as SettingKind<T | null>,
    fallback: () => null,
  } as SettingEntry<T | null>;
}
