/** Public API of the baseline module. Only baseline-files.ts does I/O. */
export type {
  Baseline,
  BaselineCell,
  BaselineOrigin,
  Fingerprint,
  LegacyFormat,
  Provenance,
} from './baseline-schema.js';
export {
  BASELINE_NAME_PATTERN,
  BASELINE_SCHEMA_VERSION,
  EMPTY_PROVENANCE,
  LEGACY_NOTE,
  baselineCellSchema,
  baselineSchema,
  fingerprintSchema,
  provenanceSchema,
} from './baseline-schema.js';
export type { BaselineMigration } from './migrate-baseline.js';
export { BASELINE_MIGRATIONS, baselineDocumentSchema, migrateBaseline } from './migrate-baseline.js';
export type { FingerprintDifferences } from './fingerprint.js';
export { compareFingerprints, createFingerprint, isSameSetup } from './fingerprint.js';
export type { BaselineIdentity } from './from-profile.js';
export { assertBaselineName, createBaselineFromProfile, extractBaselineCells } from './from-profile.js';
export {
  COLD_ITERATION_FACTOR,
  deriveLegacyName,
  dropColdIterations,
  readLegacySeed,
} from './legacy-seed.js';
export { detectLegacyFormat } from './legacy-formats.js';
export { BASELINE_DOCUMENT_KIND, parseBaselineText } from './parse-baseline.js';
export type { BaselineSelection } from './select-baseline.js';
export { selectBaseline } from './select-baseline.js';
export type { WriteBaselineOptions, WrittenBaseline } from './baseline-files.js';
export { loadBaselines, writeBaselineAtomically } from './baseline-files.js';
