/** The sweep tables of a profile as data: one row per batch size and per text length. */
import type { BatchCell, LengthCell } from '../../ground/schema/cell-schema.js';
import type { Distribution } from '../../ground/schema/common-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import {
  formatDistribution,
  formatFixed,
  formatMegabytes,
  formatMilliseconds,
  formatQuantity,
  formatShare,
} from '../text/format-numbers.js';
import type { TableData } from './table-data.js';
import { createTable } from './table-data.js';

const NONE = '–';

function formatOptional(distribution: Distribution | null): string {
  return distribution === null ? NONE : formatDistribution(distribution);
}

/** The measured columns shared by both sweeps; the unmeasured reason in the first of them otherwise. */
function formatMeasures(cell: BatchCell | LengthCell, width: number): string[] {
  switch (cell.status) {
    case 'measured':
      return [
        formatDistribution(cell.throughput),
        formatOptional(cell.tokensPerSecond),
        formatMilliseconds(cell.latency.p50Ms),
        formatMilliseconds(cell.latency.p95Ms),
        formatMilliseconds(cell.latency.p99Ms),
        formatMilliseconds(cell.latency.perTextMs),
        formatMegabytes(cell.peakMemoryMB.min),
        cell.tokens === null ? NONE : formatShare(cell.tokens.paddingShare),
        formatShare(cell.throughput.cv),
      ];
    case 'skipped':
      return [`skipped (${cell.reason})`, ...Array.from({ length: width - 1 }, () => '')];
    case 'failed':
      return ['failed', ...Array.from({ length: width - 1 }, () => '')];
  }
}

const MEASURE_COLUMNS = [
  ['texts/s [95 % CI]', 'r'],
  ['tokens/s [95 % CI]', 'r'],
  ['p50 batch', 'r'],
  ['p95 batch', 'r'],
  ['p99 batch', 'r'],
  ['per text', 'r'],
  ['peak RSS', 'r'],
  ['padding', 'r'],
  ['CV', 'r'],
] as const;

export function buildBatchTable(profile: Profile): TableData {
  const rows = profile.batchSweep.map((cell) => {
    const extra =
      cell.status === 'measured'
        ? [
            formatQuantity(cell.normalizedThroughput.median),
            cell.mfu === null ? NONE : formatShare(cell.mfu.median),
          ]
        : ['', ''];
    return [String(cell.batchSize), ...formatMeasures(cell, MEASURE_COLUMNS.length), ...extra];
  });
  return createTable(
    'Batch-size sweep',
    [['batch size', 'r'], ...MEASURE_COLUMNS, ['normalized', 'r'], ['MFU', 'r']],
    rows,
  );
}

export function buildLengthTable(profile: Profile): TableData {
  const rows = profile.lengthSweep.map((cell) => {
    const truncated =
      cell.status === 'measured' && cell.tokens !== null ? formatFixed(cell.tokens.truncatedTexts) : NONE;
    return [
      String(cell.chars),
      String(cell.batchSize),
      ...formatMeasures(cell, MEASURE_COLUMNS.length),
      truncated,
    ];
  });
  return createTable(
    'Text-length sweep',
    [['chars', 'r'], ['batch size', 'r'], ...MEASURE_COLUMNS, ['truncated texts', 'r']],
    rows,
  );
}
