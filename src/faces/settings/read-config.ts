/**
 * Finds and reads embedprof.config.json: `--config FILE` names it (and must exist); otherwise the file in the
 * working directory is used when present. A corrupt, unknown-version or misspelt file is an error naming it
 * (settings/read-config-file.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE_NAME } from './config-layer.js';
import { readConfigFile, type LoadedConfig } from './read-config-file.js';

/** `explicit` (from --config) or ./embedprof.config.json when it exists; null when there is none. */
export async function findConfig(explicit: string | null, cwd = process.cwd()): Promise<LoadedConfig | null> {
  if (explicit !== null) return readConfigFile(resolve(cwd, explicit), `--config ${explicit}`);
  const implicit = resolve(cwd, CONFIG_FILE_NAME);
  return existsSync(implicit) ? readConfigFile(implicit, implicit) : null;
}
