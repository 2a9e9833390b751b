/**
 * A profile reduced to its history record. Pure: the commit, parent, branch and date come in `meta` (the
 * caller reads them from git and the runner). Values are rounded to 4 significant digits — 0.1 % steps, far
 * below the 1–8 % noise between processes and runs — which keeps a quick sweep's record near 3 kB.
 */
import { createHash } from 'node:crypto';
import { createBaselineCell } from '../decide/baseline/from-profile.js';
import { createFingerprint } from '../decide/baseline/fingerprint.js';
import { createUsageError } from '../ground/errors.js';
import { createCellKey, type CellKey } from '../ground/schema/cell-key.js';
import type { BatchCell, LengthCell } from '../ground/schema/cell-schema.js';
import type { Distribution } from '../ground/schema/common-schema.js';
import {
  commitIdSchema,
  HISTORY_RECORD_SCHEMA_VERSION,
  historyRecordSchema,
  type ChainedRatios,
  type HistoryCell,
  type HistoryMachine,
  type HistoryRecord,
} from '../ground/schema/history-record-schema.js';
import type { Profile } from '../measure/protocol/profile-schema.js';

export interface HistoryRecordMeta {
  commit: string;
  parent: string | null;
  branch: string | null;
  /** Any ISO 8601 time; stored in UTC with milliseconds. */
  date: string;
}

const SIGNIFICANT_DIGITS = 4;
const MAX_REASON_CHARS = 300;

/** `value` to 4 significant digits (as a number, so JSON writes "312.4", not "312.400"). */
export function roundValue(value: number): number {
  return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

/** A ratio near 1 to 5 significant digits (0.01 % steps): a product over many nights stays exact enough. */
export function roundRatio(value: number): number {
  return Number(value.toPrecision(SIGNIFICANT_DIGITS + 1));
}

function roundAll(values: readonly number[] | null): number[] | null {
  return values === null ? null : values.map(roundValue);
}

function shorten(text: string): string {
  return text.length <= MAX_REASON_CHARS ? text : `${text.slice(0, MAX_REASON_CHARS - 1)}…`;
}

/**
 * The machine id: a hash of what makes raw numbers incomparable (CPU, cores, ISA flags, threads, OS family,
 * architecture) and of what was measured (model spec, dtype). Software versions are left out on purpose —
 * the kernel release (`os` is "linux 6.8.0-1021-azure"), node, onnxruntime and the model file: an upgrade is
 * a change the history must show, not a new series (runner images update their kernel every week or two).
 */
export function computeMachineId(machine: Omit<HistoryMachine, 'id'>): string {
  const identity = [
    machine.cpuModel,
    machine.logicalCores,
    [...machine.isaFlags].sort().join(','),
    machine.threads,
    machine.os.split(' ')[0],
    machine.arch,
    machine.modelSpec,
    machine.dtype,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 12);
}

function createMachine(profile: Profile): HistoryMachine {
  const fingerprint = createFingerprint(profile);
  const fields = {
    cpuModel: fingerprint.cpuModel,
    logicalCores: profile.environment.logicalCores,
    isaFlags: fingerprint.isaFlags,
    threads: profile.environment.threads,
    os: profile.environment.os,
    arch: profile.environment.arch,
    modelSpec: fingerprint.modelSpec,
    dtype: fingerprint.dtype,
    node: fingerprint.node,
    onnxruntime: fingerprint.onnxruntime,
    modelSha256: fingerprint.modelSha256,
  };
  return { id: computeMachineId(fields), ...fields };
}

function summarizeCalibration(distribution: Distribution | null) {
  if (distribution === null || distribution.n === 0) return null;
  return {
    n: distribution.n,
    median: roundValue(distribution.median),
    min: roundValue(distribution.min),
    max: roundValue(distribution.max),
    cv: roundValue(distribution.cv),
  };
}

function createHistoryCell(key: CellKey, cell: BatchCell | LengthCell): HistoryCell {
  switch (cell.status) {
    case 'measured': {
      const values = createBaselineCell(key, cell);
      return {
        key,
        status: 'measured',
        throughput: values.throughput.map(roundValue),
        normalizedThroughput: roundAll(values.normalizedThroughput),
        p95LatencyMs: roundAll(values.p95LatencyMs),
        peakMemoryMB: roundAll(values.peakMemoryMB),
        coldStartMs: roundAll(values.coldStartMs ?? null),
        loadRssMB: roundAll(values.loadRssMB ?? null),
      };
    }
    case 'skipped':
      return { key, status: 'skipped', reason: cell.reason, detail: shorten(cell.detail) };
    case 'failed':
      return { key, status: 'failed', error: shorten(cell.error) };
  }
}

/** `value` as a lowercase commit id; a UsageError naming `input` unless it is 7–64 hex digits. */
export function normalizeCommitId(value: string, input: string): string {
  const commit = value.trim().toLowerCase();
  if (commitIdSchema.safeParse(commit).success) return commit;
  throw createUsageError({
    input,
    expected: 'a commit id of 7 to 64 hex digits',
    received: JSON.stringify(value),
    fix: 'Pass the full commit SHA (`git rev-parse HEAD`), not a branch or tag name.',
  });
}

function normalizeDate(date: string): string {
  const time = Date.parse(date);
  if (Number.isNaN(time)) {
    throw createUsageError({
      input: '--date',
      expected: 'an ISO 8601 time such as 2026-11-24T10:00:00Z',
      received: JSON.stringify(date),
      fix: 'Pass the time of the run, or leave --date out to use the profile’s createdAt.',
    });
  }
  return new Date(time).toISOString();
}

/** The fields every record starts with: its version, the commit and where it sits, the time, the tool. */
export function createRecordHeader(meta: HistoryRecordMeta, toolVersion: string) {
  return {
    schemaVersion: HISTORY_RECORD_SCHEMA_VERSION,
    commit: normalizeCommitId(meta.commit, '--commit'),
    parent: meta.parent === null ? null : normalizeCommitId(meta.parent, '--parent'),
    branch: meta.branch,
    date: normalizeDate(meta.date),
    toolVersion,
  };
}

/** The history record of `profile`, run at `meta.commit`; `chained` when it was a chained duet. */
export function createHistoryRecord(
  profile: Profile,
  meta: HistoryRecordMeta,
  chained: ChainedRatios | null = null,
): HistoryRecord {
  const cells = [
    ...profile.batchSweep.map((cell) =>
      createHistoryCell(createCellKey({ batchSize: cell.batchSize }), cell),
    ),
    ...profile.lengthSweep.map((cell) => createHistoryCell(createCellKey(cell), cell)),
  ];
  return historyRecordSchema.parse({
    ...createRecordHeader(meta, profile.tool.version),
    preset: profile.config.preset,
    machine: createMachine(profile),
    calibration: {
      referenceScore: summarizeCalibration(profile.calibration.referenceScore),
      gflops: summarizeCalibration(profile.calibration.gflops),
    },
    cells,
    chained,
  });
}
