/**
 * Every setting of embedprof, declared once. The CLI's flags and --help, the action's inputs (checked against
 * action.yml by a test), embedprof.config.json and its JSON Schema are all read off this table.
 */
import { GATE_SETTINGS } from './gate-settings.js';
import { EXPORT_SETTINGS, HISTORY_SETTINGS } from './history-settings.js';
import { MEASURE_SETTINGS } from '../../measure/protocol/measure-settings.js';
import { REFERENCE_SERVER_SETTINGS } from './reference-server-settings.js';
import { SERVE_SETTINGS } from './serve-settings.js';
import { ACTION_SETTINGS, FILE_SETTINGS } from './run-settings.js';
import type { SettingEntry } from '../../measure/protocol/setting-kit/setting-entry.js';

export const SETTINGS = {
  ...MEASURE_SETTINGS,
  ...GATE_SETTINGS,
  ...FILE_SETTINGS,
  ...EXPORT_SETTINGS,
  ...HISTORY_SETTINGS,
  ...ACTION_SETTINGS,
  ...REFERENCE_SERVER_SETTINGS,
  ...SERVE_SETTINGS,
};

export type SettingsTable = typeof SETTINGS;
export type SettingKey = keyof SettingsTable;
type ValueOf<E> = E extends SettingEntry<infer T> ? T : never;
/** One value per setting. */
export type SettingValues = { [K in SettingKey]: ValueOf<SettingsTable[K]> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function getEntry<K extends SettingKey>(key: K): SettingEntry<SettingValues[K]> {
  return SETTINGS[key] as unknown as SettingEntry<SettingValues[K]>;
}

/** The settings whose action input is `input`. */
export function findByInput(input: string): SettingKey | null {
  return SETTING_KEYS.find((key) => SETTINGS[key].input === input) ?? null;
}
