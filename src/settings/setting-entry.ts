/**
 * One setting: its kind, its default (fixed, from the preset or from an environment variable), and its name
 * on each face — the CLI flag, the action input, the key in embedprof.config.json — with its help text.
 */
import type { SettingKind } from './setting-kinds.js';
import { findPreset, PRESET_NAMES, type Preset, type PresetName } from '../protocol/presets.js';

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
  | 'history-site'
  | 'nightly';
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
  /** The input's description in action.yml when it is not `help` (the action's own words). */
  inputHelp?: string;
  /** Whether action.yml declares the input's default: the fallback, or a runner expression. */
  inputDefault?: { from: 'fallback' } | { from: 'expression'; text: string };
  /**
   * `base`: what is measured (model and the like). Duet mode takes it for the base side from the base
   * commit's own config file, where every other setting is the head's for both sides (duet/base-target.ts).
   */
  side?: 'base';
}

/** The preset when no layer names one: its values are the fallbacks of the settings presets decide. */
export const FALLBACK_PRESET: PresetName = 'quick';

type EntryFields<T> = Omit<SettingEntry<T>, 'fallback'>;

/** A setting with a value in every run. */
export function defineSetting<T>(fields: EntryFields<T> & { fallback: T | ((c: DefaultContext) => T) }) {
  const { fallback } = fields;
  const resolveFallback =
    typeof fallback === 'function' ? (fallback as (c: DefaultContext) => T) : () => fallback;
  return { ...fields, fallback: resolveFallback } satisfies SettingEntry<T> as SettingEntry<T>;
}

/**
 * A setting each preset decides (no layer set → the preset's value). Its help ends with every preset's value,
 * read off the presets, so the text cannot drift from them; the fallback preset's value is its fallback.
 */
export function definePresetSetting<T>(
  fields: Omit<EntryFields<T>, 'presetDefault'> & { presetDefault: (preset: Preset, name: PresetName) => T },
) {
  const { presetDefault, kind } = fields;
  const values = PRESET_NAMES.map((name) => kind.formatText(presetDefault(findPreset(name), name)));
  const entry: SettingEntry<T> = {
    ...fields,
    help: addPresetNote(fields.help, values),
    fallback: () => presetDefault(findPreset(FALLBACK_PRESET), FALLBACK_PRESET),
  };
  if (fields.inputHelp !== undefined) entry.inputHelp = addPresetNote(fields.inputHelp, values);
  return entry;
}

/**
 * "… (default by preset: quick 3; full 5; pr 4)", "… (default 32 in every preset)" when they agree, or a
 * sentence of its own after a full stop.
 */
function addPresetNote(help: string, values: readonly string[]): string {
  const same = new Set(values).size === 1;
  const note = same ? `default ${values[0]} in every preset` : `default by preset: ${list(values)}`;
  return help.endsWith('.') ? `${help} ${note[0]?.toUpperCase()}${note.slice(1)}.` : `${help} (${note})`;
}

function list(values: readonly string[]): string {
  return values.map((value, i) => `${PRESET_NAMES[i]} ${value}`).join('; ');
}

/** A setting that may stay unset (null). */
export function defineOptionalSetting<T>(fields: EntryFields<T | null> & { kind: SettingKind<T> }) {
  return {
    ...fields,
    kind: fields.kind as SettingKind<T | null>,
    fallback: () => null,
  } as SettingEntry<T | null>;
}
