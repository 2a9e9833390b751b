/**
 * Upgrades baseline documents written by older embedprof versions, one schemaVersion step at a time, before
 * they are validated against the current schema. Only schemaVersion 1 exists, so the table is empty.
 *
 * To add v2: bump BASELINE_SCHEMA_VERSION to 2, change the schema, and register
 * `[1, migrateV1ToV2]` below, where migrateV1ToV2 takes a v1 document (as plain JSON) and returns the same
 * data in the v2 shape with `schemaVersion: 2`. Keep each step small and pure, and test it with a real v1
 * file. A document newer than this embedprof is refused earlier by parseDocument; a version with no path to
 * the current one is passed through unchanged, so schema validation names the problem.
 */
import { z } from 'zod';
import { BASELINE_SCHEMA_VERSION, baselineSchema } from './baseline-schema.js';

export type JsonObject = Record<string, unknown>;

/** Upgrades a document of schemaVersion `from` to `from + 1`. */
export type BaselineMigration = (document: JsonObject) => JsonObject;

export const BASELINE_MIGRATIONS: ReadonlyMap<number, BaselineMigration> = new Map();

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Applies the migration steps from the document's schemaVersion up to `target`. Pure; anything that is not
 * an object with a numeric schemaVersion is returned as is (validation reports it).
 */
export function migrateBaseline(
  raw: unknown,
  migrations: ReadonlyMap<number, BaselineMigration> = BASELINE_MIGRATIONS,
  target: number = BASELINE_SCHEMA_VERSION,
): unknown {
  let document = raw;
  while (isJsonObject(document)) {
    const version = document.schemaVersion;
    if (typeof version !== 'number' || version >= target) return document;
    const step = migrations.get(version);
    if (step === undefined) return document;
    const upgraded = step(document);
    if (!(typeof upgraded.schemaVersion === 'number' && upgraded.schemaVersion > version)) {
      throw new Error(`baseline migration from schemaVersion ${version} did not raise schemaVersion`);
    }
    document = upgraded;
  }
  return document;
}

/** The schema parseDocument is given for baseline files: migrate first, then validate. */
export const baselineDocumentSchema = z.preprocess((raw) => migrateBaseline(raw), baselineSchema);
