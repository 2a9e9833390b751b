/**
 * The settings a preset decides carry no fallback of their own: their help, on the CLI and in action.yml (which
 * action-manifest.test.ts checks is rendered from the table), lists every preset's value read off the presets (one value when they agree),
 * and with no preset chosen they take the fallback preset's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCommandHelp } from '../../../src/faces/cli/command-help.js';
import { findPreset, PRESET_NAMES } from '../../../src/measure/protocol/presets.js';
import { resolveSettings } from '../../../src/faces/settings/resolve-settings.js';
import { getEntry, SETTING_KEYS, type SettingKey } from '../../../src/faces/settings/setting-table.js';

const CONTEXT = { env: {}, cores: 2, home: '/home/u' };
const PRESET_KEYS = SETTING_KEYS.filter((key) => getEntry(key).presetDefault !== undefined);

function formatPresetValue(key: SettingKey, name: (typeof PRESET_NAMES)[number]): string {
  const entry = getEntry(key);
  return entry.kind.formatText(entry.presetDefault?.(findPreset(name), name) as never);
}

test('the help of each preset-decided setting names every preset’s value', () => {
  assert.deepEqual(PRESET_KEYS, [
    'batchSizes',
    'lengths',
    'lengthBatchSize',
    'processes',
    'analysis',
    'timeBudgetSeconds',
  ]);
  const help = formatCommandHelp('gate').replace(/\s+/g, ' ');
  for (const key of PRESET_KEYS) {
    const entry = getEntry(key);
    const values = PRESET_NAMES.map((name) => formatPresetValue(key, name));
    const same = new Set(values).size === 1;
    for (const [i, name] of PRESET_NAMES.entries()) {
      const value = same ? `default ${values[i]} in every preset` : `${name} ${values[i]}`;
      assert.ok(entry.help.includes(value), `--${entry.flag} help names ${value}: ${entry.help}`);
      assert.ok(help.includes(value), `embedprof gate --help names ${value} for --${entry.flag}`);
      if (entry.inputHelp !== undefined) assert.ok(entry.inputHelp.includes(value), `input ${entry.input}`);
    }
  }
});

test('with no preset chosen, a preset-decided setting is the fallback preset’s value', () => {
  const resolved = resolveSettings([], 'cli', CONTEXT);
  const preset = getEntry('preset').fallback(CONTEXT);
  for (const key of PRESET_KEYS) {
    assert.deepEqual(resolved.values[key], getEntry(key).presetDefault?.(findPreset(preset), preset), key);
    assert.deepEqual(resolved.values[key], getEntry(key).fallback(CONTEXT), `${key}'s fallback is derived`);
    assert.deepEqual(resolved.sources[key], { kind: 'preset', preset });
  }
});
