/** Reads a history store, a folder or a data branch, as the series the check and the dashboard work on. */
import type { HistorySeries } from '../history/history-series.js';
import { buildHistorySeries } from '../history/build-series.js';
import { DEFAULT_DATA_BRANCH, readDataBranch } from '../history/data-branch.js';
import type { SettingValues } from '../settings/setting-table.js';
import { readHistoryStore } from '../history/history-store.js';
import type { HistoryRecord } from '../schema/history-record-schema.js';
import type { HistoryStoreTarget } from './run-history-add.js';

export interface StoredHistory {
  records: HistoryRecord[];
  series: HistorySeries[];
  /** Where it was read, as messages show it: the folder, or `origin/embedprof-data`. */
  source: string;
}

/** The store the settings name: --store DIR, else --data-branch NAME on `remote` in `cwd`; null for neither. */
export function chooseHistoryTarget(
  values: Pick<SettingValues, 'historyStore' | 'dataBranch' | 'remote'>,
  cwd: string,
): HistoryStoreTarget | null {
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

async function readRecords(target: HistoryStoreTarget): Promise<HistoryRecord[]> {
  switch (target.kind) {
    case 'folder':
      return readHistoryStore(target.dir);
    case 'branch':
      return (await readDataBranch(target)).records;
  }
}

export async function readHistory(target: HistoryStoreTarget): Promise<StoredHistory> {
  const records = await readRecords(target);
  return { records, series: buildHistorySeries(records), source: describeHistoryTarget(target) };
}
