/**
 * The terminal renderer of `history check`: the verdict first, then every series' change points, machine
 * changes and left-out slow nights, so a failing night says which cell, metric, commit range and how much.
 */
import type { ChangePoint } from '../../history/history-series.js';
import type {
  ChangeSignal,
  HistoryRegression,
  HistoryVerdict,
  SeriesChangeReport,
} from '../../history/check-history.js';
import { formatChange } from '../text/format-numbers.js';

const SIGNAL_NAMES: Record<ChangeSignal, string> = {
  level: 'recorded values',
  chained: 'chained duet ratio',
};

/** "−10.2 %": no thousands separators, and a change that rounds to zero keeps its sign ("−0.0 %"). */
function formatPercent(value: number): string {
  return formatChange(value, { group: false, zeroSign: 'keep' });
}

function shorten(commit: string): string {
  return /^[0-9a-f]{40}$/i.test(commit) ? commit.slice(0, 7) : commit;
}

/** "−10.2 % [−14.1 %, −6.0 %] between abc1234 and def5678 (chained duet ratio, p = 0.0012)". */
export function formatChangePoint(change: ChangePoint, signal: ChangeSignal): string {
  const { value, lower, upper } = change.magnitude;
  const interval =
    lower === null || upper === null ? '' : ` [${formatPercent(lower)}, ${formatPercent(upper)}]`;
  const commits = `between ${shorten(change.fromCommit)} and ${shorten(change.toCommit)}`;
  return `${formatPercent(value)}${interval} ${commits} (${SIGNAL_NAMES[signal]}, p = ${change.pValue.toPrecision(2)})`;
}

export function formatRegression(regression: HistoryRegression): string {
  const where = `${regression.label} ${regression.metric}`;
  return `  REGRESSION ${where}: ${formatChangePoint(regression.changePoint, regression.signal)}`;
}

function formatReport(report: SeriesChangeReport): string[] {
  const { series } = report;
  const name = `${series.label} ${series.metric}`;
  const changes = [
    ...report.level.map((change) => ({ change, signal: 'level' as const })),
    ...report.chained.map((change) => ({ change, signal: 'chained' as const })),
  ].sort((a, b) => a.change.index - b.change.index);
  const lines = changes.map(({ change, signal }) => `  ${name}: ${formatChangePoint(change, signal)}`);
  for (const machine of report.machineChanges) {
    lines.push(
      `  ${name}: machine ${machine.fromMachine} → ${machine.toMachine} at ${shorten(machine.toCommit)}`,
    );
  }
  if (report.levelShifts.length > 0) {
    const commits = report.levelShifts.map((change) => shorten(change.toCommit));
    lines.push(
      `  ${name}: level shifts the chained duet saw no change in (the machine's speed): ${commits.join(', ')}`,
    );
  }
  if (report.outliers.length > 0) {
    const commits = report.outliers.map((index) => shorten(series.points[index]?.commit ?? `#${index}`));
    lines.push(`  ${name}: left out as one-night outliers (speed regimes): ${commits.join(', ')}`);
  }
  return lines;
}

function formatHeadline(verdict: HistoryVerdict): string {
  switch (verdict.kind) {
    case 'fail':
      return `history check: FAIL, ${verdict.regressions.length} new regression(s) in gated metrics`;
    case 'pass': {
      const judged = verdict.judgements.filter((judgement) => judgement.kind !== 'insufficient').length;
      return `history check: pass, no new regression in ${judged} gated series`;
    }
    case 'insufficient':
      return `history check: insufficient history, ${verdict.reason}`;
  }
}

/** The verdict, its regressions, then what every series showed. */
export function formatHistoryVerdict(verdict: HistoryVerdict): string[] {
  const regressions = verdict.kind === 'fail' ? verdict.regressions.map(formatRegression) : [];
  return [formatHeadline(verdict), ...regressions, ...verdict.reports.flatMap(formatReport)];
}
