/**
 * What the inputs must satisfy together, and the paths they name (checked once the working directory is
 * entered, so a typo names the input rather than something deeper in the core).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertPathSettings } from '../settings/check-path-settings.js';
import { createSettingError, type ResolvedSettings } from '../settings/resolve-settings.js';
import { getEntry, SETTING_KEYS, type SettingKey } from '../settings/setting-table.js';
import { describeEvent, type EventContext } from './event-context.js';

export function isDirectory(path: string): boolean {
  const absolute = resolve(path);
  return existsSync(absolute) && statSync(absolute).isDirectory();
}

/** The settings the action's inputs, the config file or the environment can set. */
const ACTION_KEYS = SETTING_KEYS.filter((key) => {
  const entry = getEntry(key);
  return entry.input !== null || entry.config !== null || entry.environment !== undefined;
});

/** Every path they name, checked for its role (settings/check-path-settings.ts) once the working directory is entered. */
export async function assertInputPaths(settings: ResolvedSettings): Promise<void> {
  await assertPathSettings(settings, ACTION_KEYS);
}

export function checkCombinations(settings: ResolvedSettings, context: EventContext): void {
  const { mode, reportDir, shard, compareTo, githubToken } = settings.values;
  const fail = (key: SettingKey, expected: string, received: string, example: string) => {
    throw createSettingError(settings, key, { expected, received, example });
  };
  if ((mode === 'comment' || mode === 'merge') && reportDir === null)
    fail('reportDir', `a folder of downloaded artifacts for mode ${mode}`, 'nothing', 'embedprof-report');
  if (shard !== null && mode !== 'gate' && mode !== 'profile') {
    const shown = JSON.stringify(`${shard.index}/${shard.count}`);
    fail('shard', `nothing in mode ${mode} (only gate and profile are sharded)`, shown, "''");
  }
  if (mode === 'gate' && compareTo === 'base' && context.kind !== 'pull-request') {
    const expected = `baseline outside pull requests (this run is a ${describeEvent(context)} event)`;
    fail('compareTo', expected, '"base"', 'baseline');
  }
  if (mode === 'gate' && settings.values.against === null && settings.values.baseline === null) {
    const expected =
      'a folder of committed baselines (record one with `mode: update-baseline`), or `compare-to: base`';
    fail('baseline', expected, 'nothing (and there is no baselines/ folder)', 'baselines');
  }
  if (mode === 'serve-gate' && context.kind !== 'pull-request') {
    const expected = `a pull_request event: serve-gate starts the base's and the head's server (this run is a ${describeEvent(context)} event)`;
    fail('mode', expected, '"serve-gate"', 'serve');
  }
  if ((mode === 'serve' || mode === 'serve-gate') && settings.values.serveCommand === null) {
    const expected = `the command that starts the server, for mode ${mode} (with {port} or $PORT)`;
    fail('serveCommand', expected, 'nothing', 'npx embedprof serve-reference');
  }
  if (mode === 'comment' && githubToken === null)
    fail(
      'githubToken',
      'a token allowed to read pull requests and write comments',
      'nothing',
      '${{ github.token }}',
    );
}
