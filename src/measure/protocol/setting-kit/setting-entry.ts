/**
 * One setting: its kind, its default (fixed, from the preset or from an environment variable), and its name
 * on each face — the CLI flag, the action input, the key in embedprof.config.json — with its help text.
 */
import type { z } from 'zod';
import type { SettingKind } from './setting-kinds.js';
import { findPreset, PRESET_NAMES, type Preset, type PresetName } from '../presets.js';

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
  | 'nightly'
  | 'serve-reference'
  | 'serve-profile'
  | 'serve-gate';
/** The commands that measure: what the measure table's entries (model, workload, runtime) apply to. */
export const MEASURING: readonly CommandName[] = ['profile', 'gate', 'nightly'];
/** What picks and loads the model: also the bundled reference server's (`embedprof serve-reference`). */
export const LOADING: readonly CommandName[] = [...MEASURING, 'serve-reference'];
/** What reads the corpus and seeds its order: also the serve commands, whose requests carry corpus texts. */
export const LOADING_TEXTS: readonly CommandName[] = [...MEASURING, 'serve-profile', 'serve-gate'];
/** What loads a tokenizer: also the serve commands, which count the tokens they send with one. */
export const TOKENIZING: readonly CommandName[] = [...LOADING, 'serve-profile', 'serve-gate'];
export type HelpGroup =
  | 'Model'
  | 'Workload'
  | 'Runtime'
  | 'Analysis'
  | 'Reference'
  | 'Serving'
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
  /** How profile.json records the value, for a setting the run records (recordSetting). */
  record?: Recording<T>;
}

/** What the report's Method table is given to show a recorded value. */
export interface MethodContext {
  /** The whole config section of profile.json, for a row that reads two values. */
  config: Readonly<Record<string, unknown>>;
  megabytes(value: number): string;
}

/** A row of the report's Method table. */
export interface MethodRow<T> {
  label: string;
  show(value: T, context: MethodContext): string;
  /** The text when the value is absent (a file written before the setting was recorded); no row without one. */
  absent?: string;
}

/** How a recorded setting is kept in profile.json's config section and shown in the Method table. */
export interface Recording<T> {
  /** Position among the config keys and the Method rows (profile.json's key order). */
  order: number;
  /** The key in profile.json when it is not the setting's own. */
  key?: string;
  /** What profile.json accepts when it is looser than the kind's config schema (files already written). */
  schema?: z.ZodType<T>;
  /** true: files written before the setting was recorded lack it. */
  optional?: boolean;
  describe?: string;
  /** An ONNX Runtime session option: it travels in OrtOptions (engine/onnx-session.ts) to every session. */
  ortOption?: boolean;
  /** The Method table's row, or none. */
  method?: MethodRow<T>;
}

/** The entry with how the run records its value in profile.json (protocol/recorded-config.ts reads it). */
export function recordSetting<T, const R extends Recording<T>>(
  entry: SettingEntry<T>,
  record: R,
): SettingEntry<T> & { record: R } {
  return { ...entry, record };
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
