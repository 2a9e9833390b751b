/**
 * What the core returns to a face: the documents it produced, the files it wrote, and the exit code those
 * imply. Faces render these; they never read the files back.
 */
import type { Baseline } from '../decide/baseline/baseline-schema.js';
import type { Comparison } from '../decide/compare/comparison-schema.js';
import type { ExportFormat } from '../report/export/exporters.js';
import type { HistoryRecord } from '../ground/schema/history-record-schema.js';
import type { Profile } from '../measure/protocol/profile-schema.js';

/** 0 pass, 1 a regression in a gated metric or a failed cell, 2 an input error. */
export type ExitCode = 0 | 1 | 2;

export interface ProfileOutcome {
  kind: 'profile';
  profile: Profile;
  /** The comparison with a baseline the settings name (for the report), else null. */
  comparison: Comparison | null;
  outDir: string;
  files: string[];
  exitCode: ExitCode;
}

export interface GateOutcome {
  kind: 'gate';
  profile: Profile;
  /** The base's profile in duet mode, else null. */
  baseProfile: Profile | null;
  /** null only when this change adds embedprof and there is nothing to compare with (`adoption` says so). */
  comparison: Comparison | null;
  adoption: string | null;
  outDir: string;
  files: string[];
  exitCode: ExitCode;
}

export interface CompareOutcome {
  kind: 'compare';
  comparison: Comparison;
  files: string[];
  exitCode: ExitCode;
}

export interface ReportOutcome {
  kind: 'report';
  files: string[];
}

export interface BaselineOutcome {
  kind: 'baseline';
  baseline: Baseline;
  path: string;
  replaced: boolean;
}

export interface ExportOutcome {
  kind: 'export';
  format: ExportFormat;
  /** The file written (absolute). */
  path: string;
  /** Benchmarks (measured cells) in the document. */
  benchmarks: number;
  /** Skipped and failed cells, left out of the document; the face prints them. */
  notes: string[];
  files: string[];
}

export interface HistorySiteOutcome {
  kind: 'history-site';
  /** The site's folder (absolute). */
  outDir: string;
  /** The files written, absolute paths (index.html first). */
  files: string[];
  /** What the site shows: cells, series (cell × metric) and points over all series. */
  cells: number;
  series: number;
  points: number;
}

export interface HistoryAddOutcome {
  kind: 'history-add';
  record: HistoryRecord;
  /** `unchanged` when the store already held this very record (a re-run of the same job). */
  status: 'added' | 'unchanged';
  /** The record's file for a folder store; `BRANCH:records/NAME.json` for a data branch. */
  recordPath: string;
  /** Size of the stored record file. */
  bytes: number;
  /** Local files written (none for a data branch, nothing when unchanged). */
  files: string[];
  exitCode: ExitCode;
}

/** A run that stopped: exit 2 for an input error, 1 for a runtime failure. */
export interface CoreFailure {
  kind: 'failed';
  exitCode: 1 | 2;
  message: string;
  error: unknown;
}

export type CoreResult<T> = { kind: 'done'; outcome: T } | CoreFailure;
