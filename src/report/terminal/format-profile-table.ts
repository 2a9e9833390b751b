/** The short table `embedprof profile` prints at the end of a run (plain numbers, no thousands separators). */
import { markdownTable } from 'markdown-table';
import type { BatchCell, LengthCell } from '../../ground/schema/cell-schema.js';
import type { Distribution } from '../../ground/schema/common-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { describeRunMachine } from '../text/describe-machine.js';
import { formatShare } from '../text/format-numbers.js';

export function formatProfileTable(profile: Profile): string {
  const header = [
    'cell',
    'texts/s (median, 95% CI)',
    'normalized',
    'p95 batch ms',
    'peak MB',
    'padding',
    'CV',
  ];
  const rows = [
    ...profile.batchSweep.map((cell) => formatRow(`batch ${cell.batchSize}`, cell)),
    ...profile.lengthSweep.map((cell) => formatRow(`${cell.chars} chars`, cell)),
  ];
  const { calibration } = profile;
  return [
    describeRunMachine(profile, 'terminal'),
    calibration.gflops === null
      ? 'calibration probe: no process completed'
      : `calibration probe: ${calibration.gflops.median.toFixed(0)} GFLOP/s median (CV ${percent(calibration.gflops.cv)})`,
    markdownTable([header, ...rows], { align: ['l', 'r', 'r', 'r', 'r', 'r', 'r'] }),
    `wall time ${profile.wallSeconds.toFixed(0)} s`,
  ].join('\n');
}

function formatRow(label: string, cell: BatchCell | LengthCell): string[] {
  switch (cell.status) {
    case 'measured':
      return [
        label,
        formatWithInterval(cell.throughput),
        cell.normalizedThroughput.median.toFixed(2),
        cell.latency.p95Ms.toFixed(1),
        cell.peakMemoryMB.median.toFixed(0),
        cell.tokens ? percent(cell.tokens.paddingShare) : '–',
        percent(cell.throughput.cv),
      ];
    case 'skipped':
      return [label, `skipped: ${cell.reason}`, '', '', '', '', ''];
    case 'failed':
      return [label, 'failed', '', '', '', '', ''];
  }
}

function formatWithInterval(distribution: Distribution): string {
  const median = distribution.median.toFixed(0);
  const ci = distribution.ci95;
  switch (ci.kind) {
    case 'determined':
      return `${median} [${ci.low.toFixed(0)}–${ci.high.toFixed(0)}]`;
    case 'undetermined':
      return median;
  }
}

/** "12.3%": the table's shares, without the space the reports put before the unit. */
function percent(value: number): string {
  return formatShare(value, 1, { group: false, space: false });
}
