/** Reads a history store, a folder or a data branch, as the series the check and the dashboard work on. */
import type { HistorySeries } from '../history/history-series.js';
import { buildHistorySeries } from '../history/build-series.js';
import { readDataBranch } from '../history/data-branch.js';
import { readHistoryStore } from '../history/history-store.js';
import type { HistoryRecord } from '../schema/history-record-schema.js';
import type { HistoryStoreTarget } from './run-history-add.js';

export interface StoredHistory {
  records: HistoryRecord[];
  series: HistorySeries[];
  /** Where it was read, as messages show it: the folder, or `origin/embedprof-data`. */
  source: string;
}

export async function readHistory(target: HistoryStoreTarget): Promise<StoredHistory> {
  switch (target.kind) {
    case 'folder': {
      const records = await readHistoryStore(target.dir);
      return { records, series: buildHistorySeries(records), source: target.dir };
    }
    case 'branch': {
      const { records } = await readDataBranch(target);
      const source = `${target.remote}/${target.branch ?? 'embedprof-data'}`;
      return { records, series: buildHistorySeries(records), source };
    }
  }
}
