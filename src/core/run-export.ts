/**
 * The core's `export`: an existing profile.json (or serve-profile.json: its knees and reference-rate latencies)
 * as a document another tool reads (Bencher Metric Format,
 * github-action-benchmark's custom JSON), checked against that format's schema and written atomically.
 * Measures nothing; skipped and failed cells are left out and named in the outcome's notes.
 */
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { createUsageError, describeError } from '../ground/errors.js';
import {
  exportProfile,
  exportServeProfile,
  selectExporter,
  serializeExport,
  type Exported,
  type ExportFormat,
} from '../report/export/index.js';
import { writeFileAtomically } from '../ground/files/atomic-write.js';
import type { CoreDeps } from './core-deps.js';
import type { ExportOutcome } from './outcomes.js';
import { createFolders } from '../ground/files/check-path.js';
import { readMeasuredFile, type MeasuredDocument } from './read-profile-file.js';

export interface ExportRequest {
  /** The profile.json to export (--profile), relative to deps.cwd. */
  profilePath: string;
  format: ExportFormat;
  /** The file to write (--out); default: the format's file name beside the profile. */
  out?: string | null;
  /** The prefix of every benchmark name (--name); default `embedprof/<model spec>`. */
  name?: string | null;
}

function assertName(name: string | null | undefined): void {
  if (name === null || name === undefined || name.trim().length > 0) return;
  throw createUsageError({
    input: '--name',
    expected: 'a benchmark name prefix such as "embedprof/minilm"',
    received: JSON.stringify(name),
    fix: 'Pass a non-empty --name, or leave it out to use embedprof/<model spec>.',
  });
}

/** Why a document holds no benchmark, by what was read. */
interface EmptyProblem {
  expected: string;
  received: string;
  fix: string;
}

const EMPTY: Record<MeasuredDocument['kind'], (exported: Exported) => EmptyProblem> = {
  profile: () => ({
    expected: 'a profile with at least one measured cell',
    received: 'a profile whose cells were all skipped or failed',
    fix: 'Profile again (check the memory cap and the run errors) and export that profile.',
  }),
  serve: (exported) => ({
    expected: `a serve profile with a figure for ${exported.format}: a knee within the rates measured (throughput), p95 at a reference rate (latency)`,
    received: `none (${exported.notes.join('; ')})`,
    fix: 'Measure with embedprof serve-profile --reference-rate R (and rates around the knee), or export the other direction.',
  }),
};

function assertValid(
  exported: Exported,
  kind: MeasuredDocument['kind'],
  request: ExportRequest,
  profileLabel: string,
): void {
  const exporter = selectExporter(exported.format);
  if (exported.benchmarks === 0) throw createUsageError({ input: profileLabel, ...EMPTY[kind](exported) });
  const checked = (exporter.schema as z.ZodType).safeParse(exported.document);
  if (checked.success) return;
  throw createUsageError({
    input: request.name === null || request.name === undefined ? `${profileLabel} (model spec)` : '--name',
    expected: `a valid ${exporter.title} document`,
    received: `one that is not (${describeIssues(checked.error.issues)})`,
    fix: 'Pass a shorter --name (Bencher takes benchmark names of at most 1024 bytes).',
  });
}

function shorten(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}…`;
}

/** The first problem, with its (shortened) path — a benchmark name can be 1,000 characters long — and a count. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (first === undefined) return 'no details';
  const message =
    first.code === 'invalid_key' ? first.issues.map((sub) => sub.message).join('; ') : first.message;
  const path = first.path.map((part) => JSON.stringify(shorten(String(part)))).join(' → ');
  const more = issues.length > 1 ? `, and ${issues.length - 1} more` : '';
  return `${message} at ${path === '' ? 'the top' : path}${more}`;
}

async function writeExport(target: string, text: string, outLabel: string): Promise<void> {
  try {
    await createFolders(dirname(target));
    await writeFileAtomically(target, text);
  } catch (error) {
    throw createUsageError({
      input: outLabel,
      expected: 'a file path embedprof can write',
      received: `${JSON.stringify(target)}, which could not be written (${describeError(error)})`,
      fix: 'Choose another --out path or fix the folder permissions.',
    });
  }
}

/** Where the document goes, and how messages name it; never the profile itself. */
function resolveTarget(
  request: ExportRequest,
  profilePath: string,
  cwd: string,
): { path: string; label: string } {
  const given = request.out ?? null;
  const path =
    given === null
      ? join(dirname(profilePath), selectExporter(request.format).fileName)
      : resolve(cwd, given);
  const label = given === null ? `the default output ${path}` : `--out ${given}`;
  if (path === profilePath) {
    throw createUsageError({
      input: label,
      expected: 'a file other than the profile',
      received: 'the profile itself',
      fix: 'Pass --out with another file name.',
    });
  }
  return { path, label };
}

export async function runExport(request: ExportRequest, deps: Pick<CoreDeps, 'cwd'>): Promise<ExportOutcome> {
  assertName(request.name);
  const profilePath = resolve(deps.cwd, request.profilePath);
  const target = resolveTarget(request, profilePath, deps.cwd);
  const read = await readMeasuredFile(profilePath, '--profile');
  const options = { name: request.name ?? null };
  const exported =
    read.kind === 'serve'
      ? exportServeProfile(read.profile, request.format, options)
      : exportProfile(read.profile, request.format, options);
  assertValid(exported, read.kind, request, `--profile ${request.profilePath}`);
  await writeExport(target.path, serializeExport(exported), target.label);
  return {
    kind: 'export',
    format: request.format,
    path: target.path,
    benchmarks: exported.benchmarks,
    notes: exported.notes,
    files: [target.path],
  };
}
