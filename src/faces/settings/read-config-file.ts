/**
 * Reads and validates one embedprof.config.json: a corrupt, unknown-version or misspelt file is an error
 * naming it. config/read-config.ts finds the head's file; duet mode reads the base commit's copy
 * (settings/base-side.ts).
 */
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
