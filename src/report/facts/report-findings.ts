/**
 * The "Summary" of report.md: the handful of findings a performance engineer would lead with, each from a
 * measured field (nothing estimated). Returns raw text lines; the caller escapes them.
 */
import type { Profile } from '../../measure/protocol/profile-schema.js';
import {
  formatChangeWithInterval,
  formatDistribution,
  formatMegabytes,
  formatMilliseconds,
  formatQuantity,
  formatShare,
} from '../text/format-numbers.js';
import {
  findBestThroughputCell,
  listMeasuredBatchCells,
  listProfileCells,
  summarizeColdStart,
} from './profile-facts.js';

function describeThroughput(profile: Profile): string[] {
  const best = findBestThroughputCell(profile);
  if (best === null) return ['No batch size was measured.'];
  const mfu = best.mfu === null ? '' : `, MFU ${formatShare(best.mfu.median)}`;
  return [
    `Highest throughput: ${formatDistribution(best.throughput)} texts/s at batch ${best.batchSize} (median and 95 % CI over ${best.throughput.n} fresh processes${mfu}).`,
  ];
}

function describeLatency(profile: Profile): string[] {
  const cells = listMeasuredBatchCells(profile);
  const first = cells[0];
  const last = cells[cells.length - 1];
  if (first === undefined || last === undefined || first === last) return [];
  const slo = profile.config.latencySloMs;
  const within = slo === null ? [] : cells.filter((cell) => cell.latency.p95Ms <= slo);
  const sloLine =
    slo === null
      ? ''
      : ` Largest batch within the ${slo} ms p95 SLO: ${within.length === 0 ? 'none' : `batch ${within[within.length - 1]?.batchSize}`}.`;
  return [
    `p95 batch latency grows from ${formatMilliseconds(first.latency.p95Ms)} at batch ${first.batchSize} to ${formatMilliseconds(last.latency.p95Ms)} at batch ${last.batchSize}.${sloLine}`,
  ];
}

function describeMemory(profile: Profile): string[] {
  const { memory } = profile;
  const lines = [
    `The loaded model takes ${formatMegabytes(memory.modelMB)} (RSS ${formatMegabytes(memory.baselineMB)} → ${formatMegabytes(memory.afterLoadMB)}); the highest cell peak is ${formatMegabytes(memory.peakMB)}.`,
  ];
  const growth = memory.growthPerText;
  if (growth.kind === 'determined') {
    lines.push(
      `Peak RSS grows by ${formatQuantity(growth.slope)} MB per extra text in the batch (95 % CI ${formatQuantity(growth.low)} to ${formatQuantity(growth.high)}).`,
    );
  }
  lines.push(`Leak check: ${memory.leak.verdict}.`);
  return lines;
}

function describeColdStart(profile: Profile): string[] {
  const cold = summarizeColdStart(profile);
  if (cold === null) return [];
  return [
    `Cold start: ${formatMilliseconds(cold.totalMs)} to the first embedding (process start ${formatMilliseconds(cold.bootMs)}, embedder created ${formatMilliseconds(cold.loadMs)}, first batch ${formatMilliseconds(cold.firstBatchMs)}; medians over ${cold.processes} fresh processes), RSS after load ${formatMegabytes(cold.rssAfterLoadMB)}.`,
  ];
}

function describeHotspots(profile: Profile): string[] {
  const top = profile.hotspots.operators?.top[0];
  const shares = profile.hotspots.stageShares.map((row) => row.inference).sort((a, b) => a - b);
  const median = shares[Math.floor(shares.length / 2)];
  const lines: string[] = [];
  if (median !== undefined)
    lines.push(`Inference is ${formatShare(median)} of batch time (median over cells).`);
  if (top !== undefined)
    lines.push(`Top operator: ${top.opType}, ${formatShare(top.share)} of traced operator time.`);
  return lines;
}

function describePadding(profile: Profile): string[] {
  const last = profile.padding.perBatch[profile.padding.perBatch.length - 1];
  const bucketing = profile.padding.bucketing;
  const lines: string[] = [];
  if (last !== undefined)
    lines.push(`${formatShare(last.wasteShare)} of the tokens of batch ${last.batchSize} are padding.`);
  if (bucketing !== null) {
    lines.push(
      `Length-sorted batches: ${formatChangeWithInterval(bucketing.relativeChange, bucketing.ci95)} texts/s.`,
    );
  }
  return lines;
}

function describeProblems(profile: Profile): string[] {
  const unmeasured = listProfileCells(profile).filter(({ cell }) => cell.status !== 'measured');
  const lines: string[] = [];
  if (unmeasured.length > 0)
    lines.push(
      `${unmeasured.length} cell(s) not measured: ${unmeasured.map((item) => item.label).join(', ')}.`,
    );
  if (profile.warnings.length > 0)
    lines.push(`${profile.warnings.length} analysis warning(s); see Warnings.`);
  return lines;
}

/** The findings, most important first. */
export function listFindings(profile: Profile): string[] {
  return [
    ...describeThroughput(profile),
    ...describeLatency(profile),
    ...describeMemory(profile),
    ...describeColdStart(profile),
    ...describeHotspots(profile),
    ...describePadding(profile),
    ...describeProblems(profile),
  ];
}
