/** Reads a history store, a folder or a data branch, as the series the check and the dashboard work on. */
import { stat } from 'node:fs/promises';
import type { HistorySeries } from '../history/history-series.js';
import { buildHistorySeries } from '../history/build-series.js';
import { DEFAULT_DATA_BRANCH, readDataBranch } from '../history/data-branch.js';
import { readHistoryStore } from '../history/history-store.js';
import type { HistoryRecord } from '../ground/schema/history-record-schema.js';
import type { HistoryStoreTarget } from './run-history-add.js';

export interface StoredHistory {
  records: HistoryRecord[];
  series: HistorySeries[];
  /** Where it was read, as messages show it: the folder, or `origin/embedprof-data`. */
  source: string;
  /**
   * Whether the folder, or the branch on the remote, exists. A missing one reads as an empty history (the
   * first nightly starts it); a face that only reads can refuse it.
   */
  found: boolean;
}

/** Where the settings say the history is kept: a folder, or a data branch of a remote; both null for none. */
export interface HistoryStoreChoice {
  historyStore: string | null;
  dataBranch: string | null;
  remote: string;
}

/** The store the settings name: --store DIR, else --data-branch NAME on `remote` in `cwd`; null for neither. */
export function chooseHistoryTarget(values: HistoryStoreChoice, cwd: string): HistoryStoreTarget | null {
  if (values.historyStore !== null) return { kind: 'folder', dir: values.historyStore };
  if (values.dataBranch === null) return null;
  return { kind: 'branch', repoDir: cwd, remote: values.remote, branch: values.dataBranch };
}

/** The folder, or `origin/embedprof-data`, as messages show the store. */
export function describeHistoryTarget(target: HistoryStoreTarget): string {
  switch (target.kind) {
    case 'folder':
      return target.dir;
    case 'branch':
      return `${target.remote}/${target.branch ?? DEFAULT_DATA_BRANCH}`;
  }
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

async function readRecords(
  target: HistoryStoreTarget,
): Promise<{ records: HistoryRecord[]; found: boolean }> {
  switch (target.kind) {
    case 'folder': {
      const records = await readHistoryStore(target.dir);
      return { records, found: records.length > 0 || (await isFolder(target.dir)) };
    }
    case 'branch': {
      const branch = await readDataBranch(target);
      return { records: branch.records, found: branch.commit !== null };
    }
  }
}

export async function readHistory(target: HistoryStoreTarget): Promise<StoredHistory> {
  const { records, found } = await readRecords(target);
  return { records, series: buildHistorySeries(records), source: describeHistoryTarget(target), found };
}
