/**
 * Duet mode's base side, as the settings see it: the settings marked `side: 'base'` in the table (what is
 * measured: model, embedder, dtype, tokenizer, truncation) come from the base commit's own
 * embedprof.config.json, each left out there at its default from the table. duet/ gets the reading as a
 * function in its request (HeadConfig) and never reads a config file itself.
 */
import { readConfigFile } from './read-config-file.js';
import type { HeadConfig } from '../../decide/duet/base-target.js';
import type { ProfileOptions } from '../../measure/sweep/profile-options.js';
import { toConfigLayer } from './config-layer.js';
import { resolveSettings, type ResolvedSettings } from './resolve-settings.js';
import { getEntry, SETTING_KEYS } from './setting-table.js';

/** The settings the base side takes from the base commit's config file, in table order. */
export const BASE_SIDE_KEYS = SETTING_KEYS.filter((key) => getEntry(key).side === 'base');

type FaceSettings = Pick<ResolvedSettings, 'configFile' | 'face' | 'context'>;

/** The base-side settings of the config file at `path` (named `label`), the table's defaults for the rest. */
export async function readBaseSide(
  path: string,
  label: string,
  settings: Omit<FaceSettings, 'configFile'>,
): Promise<Partial<ProfileOptions>> {
  const base = await readConfigFile(path, label);
  const layer = toConfigLayer(base.config, label, base.dir);
  const resolved = resolveSettings([layer], settings.face, settings.context);
  return Object.fromEntries(
    BASE_SIDE_KEYS.map((key) => [key, resolved.values[key]]),
  ) as Partial<ProfileOptions>;
}

/** The config file the head read, with the reading of the base commit's copy; null when none was read. */
export function createHeadConfig(settings: FaceSettings): HeadConfig | null {
  const file = settings.configFile;
  if (file === null) return null;
  return { path: file.path, readBaseSide: (path, label) => readBaseSide(path, label, settings) };
}
