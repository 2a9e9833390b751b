/**
 * Where a value came from, and a setting's name in the words of the face the user used: `--processes` on the
 * command line, `input processes` in a workflow, `embedprof.config.json: processes` in the settings file.
 */
import type { PresetName } from '../../measure/protocol/presets.js';
import { getEntry, type SettingKey } from './setting-table.js';

export type Face = 'cli' | 'action';

export type SettingSource =
  | { kind: 'default' }
  | { kind: 'preset'; preset: PresetName }
  | { kind: 'environment'; variable: string }
  /** A choice the face makes from its surroundings (the action's event, an existing baselines/ folder). */
  | { kind: 'face'; reason: string }
  | { kind: 'config'; path: string }
  | { kind: 'flag' }
  | { kind: 'input' };

function describeFlag(key: SettingKey): string | null {
  const flag = getEntry(key).flag;
  return flag === null ? null : `--${flag}`;
}

function describeInput(key: SettingKey): string | null {
  const input = getEntry(key).input;
  return input === null ? null : `input ${input}`;
}

function describeConfigKey(key: SettingKey, path = 'embedprof.config.json'): string | null {
  const config = getEntry(key).config;
  return config === null ? null : `${path}: ${config}`;
}

/** The setting's name on `face`, or where its value came from when a file gave it. */
export function nameSetting(key: SettingKey, face: Face, source?: SettingSource): string {
  if (source?.kind === 'config') return describeConfigKey(key, source.path) ?? key;
  if (source?.kind === 'environment') return `$${source.variable}`;
  const own = face === 'cli' ? describeFlag(key) : describeInput(key);
  return own ?? describeConfigKey(key) ?? describeFlag(key) ?? describeInput(key) ?? key;
}

/** `example` (a flag's text) as embedprof.config.json holds it: `3` for a number, `"main"` for text. */
function formatConfigExample(key: SettingKey, example: string): string {
  const parsed = getEntry(key).kind.parseText(example);
  return JSON.stringify(parsed.ok ? parsed.value : example);
}

/** How to set `key` to `example` on `face` (or in the file that set it). */
export function suggestSetting(key: SettingKey, face: Face, example: string, source?: SettingSource): string {
  const entry = getEntry(key);
  if (source?.kind === 'environment') return `Set $${source.variable} to e.g. ${example}, or unset it.`;
  if (source?.kind === 'config' && entry.config !== null)
    return `Set ${entry.config} in ${source.path}, e.g. ${formatConfigExample(key, example)}.`;
  if (face === 'action' && entry.input !== null)
    return `Set it in the step's \`with:\`, e.g. \`${entry.input}: ${example}\`.`;
  if (entry.flag !== null)
    return entry.negated ? `Pass --${entry.flag}.` : `Pass e.g. --${entry.flag} ${example}.`;
  if (entry.config !== null) return `Set ${entry.config} in embedprof.config.json.`;
  return `Set ${key}.`;
}

export function describeSource(source: SettingSource, key: SettingKey): string {
  switch (source.kind) {
    case 'default':
      return 'default';
    case 'preset':
      return `preset ${source.preset}`;
    case 'environment':
      return `$${source.variable}`;
    case 'face':
      return source.reason;
    case 'config':
      return describeConfigKey(key, source.path) ?? source.path;
    case 'flag':
      return describeFlag(key) ?? 'command line';
    case 'input':
      return describeInput(key) ?? 'action input';
  }
}
