/**
 * embedprof.config.json as a settings layer: its schema is read off the table (top-level keys and a `gate`
 * object), and its relative paths are resolved against the file's folder. A local model is written "./folder"
 * so that it is not taken for a hub id.
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { SettingsLayer } from './resolve-settings.js';
import { getEntry, SETTING_KEYS, type SettingKey, type SettingValues } from './setting-table.js';

export const CONFIG_SCHEMA_VERSION = 1;
export const CONFIG_FILE_NAME = 'embedprof.config.json';

type Shape = Record<string, z.ZodType>;

function listConfigKeys(): { key: SettingKey; path: string[] }[] {
  return SETTING_KEYS.flatMap((key) => {
    const config = getEntry(key).config;
    return config === null ? [] : [{ key, path: config.split('.') }];
  });
}

function addToShape(shape: Shape, path: readonly string[], schema: z.ZodType): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    shape[head] = schema.optional();
    return;
  }
  const nested = (shape[`.${head}`] ?? {}) as unknown as Shape;
  addToShape(nested, rest, schema);
  shape[`.${head}`] = nested as unknown as z.ZodType;
}

function finishShape(shape: Shape): Shape {
  const done: Shape = {};
  for (const [name, value] of Object.entries(shape)) {
    if (!name.startsWith('.')) done[name] = value;
    else
      done[name.slice(1)] = z
        .object(finishShape(value as unknown as Shape))
        .strict()
        .optional();
  }
  return done;
}

/** The config file's zod schema, from the table. */
export function buildConfigSchema() {
  const shape: Shape = {};
  for (const { key, path } of listConfigKeys()) {
    const entry = getEntry(key);
    addToShape(shape, path, entry.kind.configSchema.describe(entry.help));
  }
  return z
    .object({ $schema: z.string().optional(), schemaVersion: z.literal(CONFIG_SCHEMA_VERSION) })
    .extend(finishShape(shape))
    .strict()
    .refine((config) => config.model === undefined || config.embedder === undefined, {
      message: 'model and embedder are exclusive: name one of them',
    });
}

export const configSchema = buildConfigSchema();
export type EmbedprofConfig = z.infer<typeof configSchema>;

function readPath(document: unknown, path: readonly string[]): unknown {
  let node: unknown = document;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const isLocal = (value: string): boolean => value.startsWith('.') || isAbsolute(value);

function resolveValue(key: SettingKey, value: unknown, dir: string): unknown {
  const kind = getEntry(key).kind.path;
  if (typeof value !== 'string' || kind === 'none') return value;
  if (kind === 'model' && !isLocal(value)) return value;
  return isAbsolute(value) ? value : resolve(dir, value);
}

/** The settings a validated config file sets; `shown` names it in messages. */
export function toConfigLayer(config: EmbedprofConfig, shown: string, dir: string): SettingsLayer {
  const values: Record<string, unknown> = {};
  for (const { key, path } of listConfigKeys()) {
    const value = readPath(config, path);
    if (value !== undefined) values[key] = resolveValue(key, value, dir);
  }
  return { source: { kind: 'config', path: shown }, values: values as Partial<SettingValues> };
}
