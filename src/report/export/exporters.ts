/**
 * One small exporter per format behind one interface (the shape of hyperfine's exporters): each turns a
 * profile into its document, and the registry gives the core what it needs to write and check one — the
 * default file name, the schema, the serialization — and the cells it left out.
 */
import type { z } from 'zod';
import { createUsageError } from '../../ground/errors.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { listExportCells, listUnmeasuredCells, type ExportOptions } from './export-cells.js';
import { exportBmf } from './export-bmf.js';
import { exportGab } from './export-gab.js';
import { exportServeBmf, exportServeGab, listServeNotes } from './export-serve.js';
import type { ServeProfile } from '../../measure/serve/serve-profile-schema.js';
import {
  bmfDocumentSchema,
  gabDocumentSchema,
  type BmfDocument,
  type GabDirection,
  type GabDocument,
} from './export-schemas.js';

interface ExportDocuments {
  bmf: BmfDocument;
  'gab-bigger': GabDocument;
  'gab-smaller': GabDocument;
}
export type ExportFormat = keyof ExportDocuments;

export interface Exporter<F extends ExportFormat = ExportFormat> {
  format: F;
  /** The file written beside the profile when no --out is given. */
  fileName: string;
  /** The format's name, e.g. "Bencher Metric Format". */
  title: string;
  /** What the document is for, one line (help text, messages). */
  description: string;
  schema: z.ZodType<ExportDocuments[F]>;
  render: (profile: Profile, options: ExportOptions) => ExportDocuments[F];
  /** The same format of a serve profile (export-serve.ts). */
  renderServe: (profile: ServeProfile, options: ExportOptions) => ExportDocuments[F];
}

function createGabExporter<F extends 'gab-bigger' | 'gab-smaller'>(
  format: F,
  direction: GabDirection,
  measures: string,
): Exporter<F> {
  return {
    format,
    fileName: `${format}.json`,
    title: `github-action-benchmark ${direction}`,
    description: `github-action-benchmark \`tool: ${direction}\`: ${measures}`,
    schema: gabDocumentSchema,
    render: (profile, options) => exportGab(profile, direction, options),
    renderServe: (profile, options) => exportServeGab(profile, direction, options),
  };
}

const EXPORTERS: { readonly [F in ExportFormat]: Exporter<F> } = {
  bmf: {
    format: 'bmf',
    fileName: 'bmf.json',
    title: 'Bencher Metric Format',
    description:
      'Bencher Metric Format (`bencher run --adapter json --file …`): throughput, latency, peak memory',
    schema: bmfDocumentSchema,
    render: exportBmf,
    renderServe: exportServeBmf,
  },
  'gab-bigger': createGabExporter('gab-bigger', 'customBiggerIsBetter', 'throughput'),
  'gab-smaller': createGabExporter('gab-smaller', 'customSmallerIsBetter', 'p95 batch latency, peak memory'),
};

export const EXPORT_FORMATS = Object.keys(EXPORTERS) as readonly ExportFormat[];

export function selectExporter<F extends ExportFormat>(format: F): Exporter<F> {
  return EXPORTERS[format];
}

function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Reads a --format value; "gab" alone is refused with the two formats github-action-benchmark needs. */
export function readExportFormat(value: string, input = '--format'): ExportFormat {
  if (isExportFormat(value)) return value;
  const gab = value === 'gab';
  throw createUsageError({
    input: `${input} ${value}`,
    expected: `one of ${EXPORT_FORMATS.join(', ')}`,
    received: gab ? '"gab", which names no direction' : JSON.stringify(value),
    fix: gab
      ? 'github-action-benchmark takes one direction per step (its `tool:` input): export gab-bigger for the ' +
        'customBiggerIsBetter step (throughput) and gab-smaller for the customSmallerIsBetter step (latency, memory).'
      : `Use ${EXPORT_FORMATS.map((format) => `${format} (${EXPORTERS[format].description})`).join('; ')}.`,
  });
}

export interface Exported<F extends ExportFormat = ExportFormat> {
  format: F;
  document: ExportDocuments[F];
  /** Benchmarks (cells) in the document. */
  benchmarks: number;
  /** Skipped and failed cells, named, for the caller to print. */
  notes: string[];
}

export function exportProfile<F extends ExportFormat>(
  profile: Profile,
  format: F,
  options: ExportOptions = {},
): Exported<F> {
  return {
    format,
    document: selectExporter(format).render(profile, options),
    benchmarks: listExportCells(profile, options).length,
    notes: listUnmeasuredCells(profile, options),
  };
}

/** A serve profile's knees and reference-rate latencies in `format` (export-serve.ts). */
export function exportServeProfile<F extends ExportFormat>(
  profile: ServeProfile,
  format: F,
  options: ExportOptions = {},
): Exported<F> {
  const document = selectExporter(format).renderServe(profile, options);
  // a direction can be empty where the other is not (no reference rate: no latency figure)
  const benchmarks = Array.isArray(document) ? document.length : Object.keys(document).length;
  return { format, document, benchmarks, notes: listServeNotes(profile, options) };
}

/** Two-space JSON with a trailing newline, like every file embedprof writes. */
export function serializeExport(exported: Exported): string {
  return `${JSON.stringify(exported.document, null, 2)}\n`;
}
