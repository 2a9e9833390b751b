/**
 * What the inputs must satisfy together, and the paths they name (checked once the working directory is
 * entered, so a typo names the input rather than something deeper in the core).
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { createSettingError, type ResolvedSettings } from '../settings/resolve-settings.js';
import type { SettingKey } from '../settings/setting-table.js';
import { describeEvent, type EventContext } from './event-context.js';

type PathKind = 'file' | 'folder';

function isKind(path: string, kind: PathKind): boolean {
  if (!existsSync(path)) return false;
  const info = statSync(path);
  return kind === 'file' ? info.isFile() : info.isDirectory();
}

export function isDirectory(path: string): boolean {
  return isKind(resolve(path), 'folder');
}

function assertPath(settings: ResolvedSettings, key: SettingKey, kind: PathKind, example: string): void {
  const value = settings.values[key];
  if (typeof value !== 'string' || isKind(resolve(value), kind)) return;
  const where = isAbsolute(value) ? '' : ` (relative to ${process.cwd()})`;
  const received = JSON.stringify(value);
  throw createSettingError(settings, key, { expected: `an existing ${kind}${where}`, received, example });
}

const isLocalModel = (model: string): boolean => model.startsWith('.') || isAbsolute(model);

export function assertInputPathsExist(settings: ResolvedSettings): void {
  assertPath(settings, 'embedder', 'file', './bench/embedder.mjs');
  assertPath(settings, 'corpus', 'file', './bench/corpus.jsonl');
  assertPath(settings, 'tokenizer', 'folder', './models/my-model');
  const model = settings.values.model;
  if (model !== null && isLocalModel(model)) assertPath(settings, 'model', 'folder', './models/my-model');
  const mode = settings.values.mode;
  if (mode === 'comment' || mode === 'merge') assertPath(settings, 'reportDir', 'folder', 'embedprof-report');
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
  if (mode === 'comment' && githubToken === null)
    fail(
      'githubToken',
      'a token allowed to read pull requests and write comments',
      'nothing',
      '${{ github.token }}',
    );
}
