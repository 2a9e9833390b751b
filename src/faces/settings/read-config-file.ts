/**
 * Reads and validates one embedprof.config.json: a corrupt, unknown-version or misspelt file is an error
 * naming it. findConfig (below) finds the head's file; duet mode reads the base commit's copy
 * (settings/base-side.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readDocumentFile } from '../../ground/files/read-document-file.js';
import {
  CONFIG_FILE_NAME,
  CONFIG_SCHEMA_VERSION,
  configSchema,
  type EmbedprofConfig,
} from './config-layer.js';

export interface LoadedConfig {
  path: string;
  dir: string;
  config: EmbedprofConfig;
}

/** Reads and validates one config file. */
export async function readConfigFile(path: string, label = path): Promise<LoadedConfig> {
  const config = await readDocumentFile({
    path,
    input: label,
    label,
    schema: configSchema,
    kind: { name: 'embedprof config', currentVersion: CONFIG_SCHEMA_VERSION },
    expected: `a readable ${CONFIG_FILE_NAME}`,
    fix: 'Check the path given to --config (or the action input `config`).',
  });
  return { path: resolve(path), dir: dirname(resolve(path)), config };
}

/**
 * Finds and reads embedprof.config.json: `--config FILE` names it (and must exist); otherwise
 * ./embedprof.config.json is used when present; null when there is none.
 */
export async function findConfig(explicit: string | null, cwd = process.cwd()): Promise<LoadedConfig | null> {
  if (explicit !== null) return readConfigFile(resolve(cwd, explicit), `--config ${explicit}`);
  const implicit = resolve(cwd, CONFIG_FILE_NAME);
  return existsSync(implicit) ? readConfigFile(implicit, implicit) : null;
}
