/**
 * Layers merge once, lowest first: defaults ← preset ← environment ← the face's own choices ← config file ←
 * flags or inputs. Every value keeps the layer it came from, and every error names the setting in the words of
 * the layer (or face) that set it.
 */
import { createUsageError, type UsageError } from '../../ground/errors.js';
import { findPreset } from '../../measure/protocol/presets.js';
import type { DefaultContext } from '../../measure/protocol/setting-kit/setting-entry.js';
import { nameSetting, suggestSetting, type Face, type SettingSource } from './setting-names.js';
import { getEntry, SETTING_KEYS, type SettingKey, type SettingValues } from './setting-table.js';

export interface SettingsLayer {
  source: SettingSource;
  values: Partial<SettingValues>;
}

export interface ResolvedSettings {
  values: SettingValues;
  sources: Record<SettingKey, SettingSource>;
  face: Face;
  /** The embedprof.config.json that was read (absolute), or null: duet mode reads the base's copy. */
  configFile: { path: string } | null;
  /** What the defaults were resolved with (duet mode resolves the base side's with the same). */
  context: DefaultContext;
}

function findExplicit(layers: readonly SettingsLayer[], key: SettingKey): SettingsLayer | null {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (layer !== undefined && layer.values[key] !== undefined) return layer;
  }
  return null;
}

/** Settings that name the same thing: the highest layer setting either decides both. */
const EXCLUSIVE: readonly (readonly [SettingKey, SettingKey])[] = [['model', 'embedder']];

function applyExclusive(layers: readonly SettingsLayer[], face: Face): SettingsLayer[] {
  const result = layers.map((layer) => ({ ...layer, values: { ...layer.values } }));
  for (const [a, b] of EXCLUSIVE) {
    const top = [...result].reverse().find((l) => l.values[a] !== undefined || l.values[b] !== undefined);
    if (top === undefined) continue;
    if (top.values[a] !== undefined && top.values[b] !== undefined) {
      throw createUsageError({
        input: `${nameSetting(a, face, top.source)} and ${nameSetting(b, face, top.source)}`,
        expected: 'one of them',
        received: 'both',
        fix: 'Give only one.',
      });
    }
    for (const layer of result.filter((other) => other !== top)) {
      delete layer.values[a];
      delete layer.values[b];
    }
  }
  return result;
}

function resolveDefault<K extends SettingKey>(
  key: K,
  preset: SettingValues['preset'],
  context: DefaultContext,
  face: Face,
): { value: SettingValues[K]; source: SettingSource } {
  const entry = getEntry(key);
  if (entry.presetDefault !== undefined)
    return { value: entry.presetDefault(findPreset(preset), preset), source: { kind: 'preset', preset } };
  const variable = entry.environment;
  const text = variable === undefined ? '' : (context.env[variable] ?? '').trim();
  if (variable !== undefined && text !== '') {
    const source: SettingSource = { kind: 'environment', variable };
    return { value: parseSettingText(key, text, face, source), source };
  }
  return { value: entry.fallback(context), source: { kind: 'default' } };
}

export function resolveSettings(
  layers: readonly SettingsLayer[],
  face: Face,
  context: DefaultContext,
  configFile: { path: string } | null = null,
): ResolvedSettings {
  layers = applyExclusive(layers, face);
  const values: Record<string, unknown> = {};
  const sources = {} as Record<SettingKey, SettingSource>;
  const presetLayer = findExplicit(layers, 'preset');
  const preset = presetLayer?.values.preset ?? getEntry('preset').fallback(context);
  for (const key of SETTING_KEYS) {
    const layer = findExplicit(layers, key);
    const chosen =
      layer === null
        ? resolveDefault(key, preset, context, face)
        : { value: layer.values[key], source: layer.source };
    values[key] = chosen.value;
    sources[key] = chosen.source;
  }
  return { values: values as SettingValues, sources, face, configFile, context };
}

/** A flag's, input's or variable's text as the setting's value; an error naming it when it does not parse. */
export function parseSettingText<K extends SettingKey>(
  key: K,
  text: string,
  face: Face,
  source: SettingSource,
): SettingValues[K] {
  const result = getEntry(key).kind.parseText(text);
  if (result.ok) return result.value;
  throw createUsageError({
    input: nameSetting(key, face, source),
    expected: result.expected,
    received: text === '' ? 'nothing' : JSON.stringify(text),
    fix: suggestSetting(key, face, result.example, source),
  });
}

/** An error about a resolved setting, named where its value came from (or as the face names it). */
export function createSettingError(
  settings: Pick<ResolvedSettings, 'sources' | 'face'>,
  key: SettingKey,
  problem: { expected: string; received: string; example: string; fix?: string },
): UsageError {
  const source = settings.sources[key];
  return createUsageError({
    input: nameSetting(key, settings.face, source),
    expected: problem.expected,
    received: problem.received,
    fix: problem.fix ?? suggestSetting(key, settings.face, problem.example, source),
  });
}
