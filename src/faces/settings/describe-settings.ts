/** The settings a run did not take from the defaults, each with where it came from (for logs and reports). */
import type { ResolvedSettings } from './resolve-settings.js';
import { describeSource } from './setting-names.js';
import { getEntry, SETTING_KEYS, type SettingKey } from './setting-table.js';

/** The token is never shown; where files go and how much is printed say nothing about the numbers. */
const UNLISTED: ReadonlySet<SettingKey> = new Set(['githubToken', 'out', 'quiet', 'debug', 'noConfig']);

export interface ChosenSetting {
  key: SettingKey;
  value: string;
  source: string;
}

export function listChosenSettings(settings: Pick<ResolvedSettings, 'values' | 'sources'>): ChosenSetting[] {
  return SETTING_KEYS.flatMap((key) => {
    const source = settings.sources[key];
    const value = settings.values[key];
    if (source.kind === 'default' || value === null || UNLISTED.has(key)) return [];
    const text = getEntry(key).kind.formatText(value as never);
    return [{ key, value: text, source: describeSource(source, key) }];
  });
}

/** "processes = 5 (embedprof.config.json: processes)" for every chosen setting. */
export function describeChosenSettings(settings: Pick<ResolvedSettings, 'values' | 'sources'>): string[] {
  return listChosenSettings(settings).map((chosen) => `${chosen.key} = ${chosen.value} (${chosen.source})`);
}
