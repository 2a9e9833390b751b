/**
 * What a baseline update changed, for the job summary: the file written or replaced, and per cell the median
 * throughput and peak memory before and after. Pure.
 */
import type { Baseline, BaselineCell } from '../../decide/baseline/baseline-schema.js';
import { formatCellLabel } from '../../ground/schema/cell-key.js';
import { computeMedian } from '../../ground/stats/index.js';
import { formatChange, formatMegabytes, formatQuantity } from '../../report/text/format-numbers.js';

function median(values: readonly number[] | null): number | null {
  return values === null || values.length === 0 ? null : computeMedian(values);
}

function describeChange(
  before: number | null,
  after: number | null,
  format: (value: number) => string,
): string[] {
  const shown = (value: number | null) => (value === null ? '–' : format(value));
  const change = before === null || after === null || before === 0 ? '–' : formatChange(after / before - 1);
  return [shown(before), shown(after), change];
}

function describeCell(cell: BaselineCell, previous: Baseline | null): string {
  const id = formatCellLabel(cell.key);
  const old = previous?.cells.find((item) => formatCellLabel(item.key) === id) ?? null;
  const throughput = describeChange(median(old?.throughput ?? null), median(cell.throughput), formatQuantity);
  const memory = describeChange(
    median(old?.peakMemoryMB ?? null),
    median(cell.peakMemoryMB),
    formatMegabytes,
  );
  return `| ${[id, ...throughput, ...memory].join(' | ')} |`;
}

/** The job-summary section of a baseline update. */
export function renderBaselineChanges(path: string, previous: Baseline | null, written: Baseline): string {
  const verb = previous === null ? 'Recorded a new baseline' : 'Replaced the baseline';
  const before = previous?.fingerprint.cpuModel;
  const moved =
    before === undefined || before === written.fingerprint.cpuModel
      ? []
      : [
          '',
          `⚠️ The machine changed: the previous baseline was recorded on ${before}; review the changes with that in mind.`,
        ];
  const commit =
    written.provenance.commit === null ? '' : ` from commit \`${written.provenance.commit.slice(0, 12)}\``;
  const rows = written.cells.map((cell) => describeCell(cell, previous));
  const dropped = (previous?.cells ?? [])
    .map((cell) => formatCellLabel(cell.key))
    .filter((id) => !written.cells.some((cell) => formatCellLabel(cell.key) === id));
  return [
    `### Baseline \`${written.name}\``,
    '',
    `${verb} \`${path}\`${commit}: ${written.cells.length} cell(s) on ${written.fingerprint.cpuModel}.`,
    ...moved,
    '',
    '| cell | texts/s before | texts/s after | change | peak before | peak after | change |',
    '| :--- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    ...(dropped.length === 0 ? [] : ['', `No longer measured: ${dropped.join(', ')}.`]),
    '',
    'Commit the file (e.g. with peter-evans/create-pull-request) for pull requests to be gated against it.',
  ].join('\n');
}
