/**
 * How a history record is stored, whatever holds the store (a folder or a data branch): one file per record,
 * `records/<UTC time, compact>-<commit, 12 digits>.json`, so that name order is time order and two runs
 * (different times or commits) never share a name; compact JSON on one line. No I/O here.
 */
import { createUsageError } from '../ground/errors.js';
import { parseTemporaryName } from '../ground/files/atomic-write.js';
import { parseDocument } from '../ground/schema/parse-document.js';
import {
  HISTORY_RECORD_SCHEMA_VERSION,
  historyRecordSchema,
  type HistoryRecord,
} from '../ground/schema/history-record-schema.js';

export const RECORDS_FOLDER = 'records';

/** 20261124T100000.000Z-0123456789ab.json */
export const RECORD_FILE_PATTERN = /^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{7,12}\.json$/;

const RECORD_KIND = { name: 'history record', currentVersion: HISTORY_RECORD_SCHEMA_VERSION };

/** The file name of `record` inside `records/`. */
export function createRecordFileName(record: Pick<HistoryRecord, 'date' | 'commit'>): string {
  const compact = record.date.replace(/[-:]/g, '');
  return `${compact}-${record.commit.slice(0, 12)}.json`;
}

/** The record as stored: compact JSON and a newline (a quick sweep's record is about 3 kB). */
export function serializeHistoryRecord(record: HistoryRecord): string {
  return `${JSON.stringify(historyRecordSchema.parse(record))}\n`;
}

/**
 * Parses a stored record; corrupt JSON, an unknown schemaVersion, a wrong shape, or a file whose name is not
 * the one its content implies is a UsageError naming `label`.
 */
export function parseHistoryRecordFile(text: string, name: string, label: string): HistoryRecord {
  const record = parseDocument(text, historyRecordSchema, RECORD_KIND, label);
  const expected = createRecordFileName(record);
  if (name !== expected) {
    throw createUsageError({
      input: label,
      expected: `the record file named ${expected} (its date ${record.date} and commit ${record.commit})`,
      received: `a file named ${name}`,
      fix: 'Records are never renamed or edited: restore the file from the store’s history, or remove it.',
    });
  }
  return record;
}

/** A UsageError for an entry of `records/` that is not a record file. */
export function createJunkEntryError(label: string, what: string): Error {
  return createUsageError({
    input: label,
    expected: 'only history record files (records/<time>-<commit>.json) in the store’s records/ folder',
    received: what,
    fix: 'Move it out of records/: embedprof writes and reads nothing else there.',
  });
}

export interface StoreEntry {
  name: string;
  isFile: boolean;
}

/**
 * The names in `records/` that are records, sorted (= time order). Anything else is a UsageError naming it
 * (`describe(name)`), except an atomic writer's hidden temporary file, which a crash may leave behind.
 */
export function selectRecordNames(
  entries: readonly StoreEntry[],
  describe: (name: string) => string,
): string[] {
  const names: string[] = [];
  for (const entry of entries) {
    if (parseTemporaryName(entry.name) !== undefined) continue;
    if (!entry.isFile) throw createJunkEntryError(describe(entry.name), 'a folder or another kind of entry');
    if (!RECORD_FILE_PATTERN.test(entry.name))
      throw createJunkEntryError(describe(entry.name), 'a file of another name');
    names.push(entry.name);
  }
  return names.sort();
}

/** The refusal to replace a stored record with another: the store is append-only. */
export function createAppendOnlyError(label: string, record: HistoryRecord): Error {
  return createUsageError({
    input: label,
    expected: `no record yet for commit ${record.commit} at ${record.date}, or the same one`,
    received: 'a different record already stored under that name',
    fix: 'The history is append-only: record this run with another --date, or remove the old record by hand if it is wrong.',
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders records by time (then commit), as their file names do. */
export function sortRecords(records: readonly HistoryRecord[]): HistoryRecord[] {
  return [...records].sort((a, b) => compareText(a.date, b.date) || compareText(a.commit, b.commit));
}
