/** The analysis of a profile as table data: memory, leak check, hotspots, padding and experiments. */
import type { Effect, SlopeFit } from '../../ground/schema/analysis-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import {
  formatChangeWithInterval,
  formatFixed,
  formatMegabytes,
  formatQuantity,
  formatShare,
} from '../text/format-numbers.js';
import type { TableData } from './table-data.js';
import { createTable } from './table-data.js';

/** "3.37 MB per text [3.12, 3.63], R² 0.997, 6 points", or why there is no fit. */
export function formatSlope(fit: SlopeFit, unit: string): string {
  switch (fit.kind) {
    case 'determined':
      return `${formatQuantity(fit.slope)} ${unit} [${formatQuantity(fit.low)}, ${formatQuantity(fit.high)}], R² ${formatFixed(fit.rSquared, 3)}, ${fit.n} points`;
    case 'undetermined':
      return `not determined: ${fit.reason}`;
  }
}

/** One line on the leak check (its reason is the analysis's own sentence). */
export function describeLeakCheck(profile: Profile): string {
  const leak = profile.memory.leak;
  switch (leak.verdict) {
    case 'not-run':
      return `not run: ${leak.reason}`;
    case 'leak':
    case 'no-leak':
    case 'inconclusive':
      return `${leak.verdict}: ${formatSlope(leak.slopeMBPer1000Texts, 'MB per 1,000 texts')}; threshold ${formatQuantity(leak.thresholdMBPer1000Texts)} MB per 1,000 texts; ${leak.rounds} rounds of ${leak.textsPerRound} texts`;
  }
}

/** Growth fits and the leak check as sentences (raw text; the leak reason is the analysis's own). */
export function listMemoryFacts(profile: Profile): string[] {
  const { memory } = profile;
  return [
    `Peak growth per extra text in the batch: ${formatSlope(memory.growthPerText, 'MB')}.`,
    `Peak growth per extra padded token: ${formatSlope(memory.growthPerToken, 'MB')}.`,
    `Leak check: ${describeLeakCheck(profile)}.`,
    ...(memory.leak.verdict === 'not-run' ? [] : [memory.leak.reason]),
  ];
}

/** Instrumentation overhead and the CPU profile path, as sentences (raw text). */
export function listHotspotFacts(profile: Profile): string[] {
  const { hotspots } = profile;
  const lines: string[] = [];
  const effect = hotspots.instrumentationOverhead;
  if (effect !== null) {
    lines.push(
      `Instrumentation overhead (${effect.variantLabel} vs ${effect.baselineLabel}): ${formatChangeWithInterval(effect.relativeChange, effect.ci95)} texts/s.`,
    );
  }
  if (hotspots.cpuProfile !== null) lines.push(`V8 CPU profile written to ${hotspots.cpuProfile}.`);
  return lines;
}

export function buildMemoryReadingsTable(profile: Profile): TableData {
  const { readings } = profile.memory;
  const entries = [
    ['before the model', readings.baseline],
    ['after loading', readings.afterLoad],
    ['steady state', readings.steadyState],
  ] as const;
  const rows = entries.map(([name, reading]) => [
    name,
    formatMegabytes(reading.rssMB),
    formatMegabytes(reading.heapUsedMB),
    formatMegabytes(reading.externalMB),
    formatMegabytes(reading.arrayBuffersMB),
    formatMegabytes(reading.nativeMB),
  ]);
  return createTable(
    'GC-settled memory readings',
    [
      ['reading', 'l'],
      ['RSS', 'r'],
      ['V8 heap', 'r'],
      ['external', 'r'],
      ['array buffers', 'r'],
      ['native', 'r'],
    ],
    rows,
  );
}

export function buildBatchMemoryTable(profile: Profile): TableData {
  const rows = profile.memory.perBatch.map((row) => [
    String(row.batchSize),
    formatMegabytes(row.peakMB),
    formatMegabytes(row.deltaMB),
    row.paddedTokensPerBatch === null ? '–' : formatFixed(row.paddedTokensPerBatch),
    row.overCap ? 'over the cap' : 'within',
  ]);
  return createTable(
    `Peak RSS per batch size (cap ${formatMegabytes(profile.memory.capMB)})`,
    [
      ['batch size', 'r'],
      ['peak RSS', 'r'],
      ['over loaded model', 'r'],
      ['padded tokens / batch', 'r'],
      ['cap', 'l'],
    ],
    rows,
  );
}

export function buildStageSharesTable(profile: Profile): TableData {
  const rows = profile.hotspots.stageShares.map((row) => [
    row.cell,
    formatShare(row.tokenize),
    formatShare(row.inference),
    formatShare(row.pooling),
    formatShare(row.other),
  ]);
  return createTable(
    'Share of batch time per stage',
    [
      ['cell', 'l'],
      ['tokenize', 'r'],
      ['inference', 'r'],
      ['pooling', 'r'],
      ['other', 'r'],
    ],
    rows,
  );
}

export function buildOperatorsTable(profile: Profile): TableData {
  const operators = profile.hotspots.operators;
  const top = operators?.top ?? [];
  const rows = top.map((op) => [
    op.opType,
    formatFixed(op.count),
    formatQuantity(op.totalMs),
    formatShare(op.share),
  ]);
  if (operators !== null) rows.push(['(other operators)', '', '', formatShare(operators.otherShare)]);
  const where = operators === null ? '' : ` (${operators.cell}, ${operators.runs} traced runs)`;
  return createTable(
    `Top ONNX Runtime operators${where}`,
    [
      ['operator', 'l'],
      ['executions', 'r'],
      ['ms', 'r'],
      ['share', 'r'],
    ],
    rows,
  );
}

export function buildPaddingTable(profile: Profile): TableData {
  const rows = profile.padding.perBatch.map((row) => [
    String(row.batchSize),
    formatFixed(row.realTokens),
    formatFixed(row.paddedTokens),
    formatShare(row.wasteShare),
  ]);
  return createTable(
    'Real vs padded tokens per batch',
    [
      ['batch size', 'r'],
      ['real tokens', 'r'],
      ['padded tokens', 'r'],
      ['padding', 'r'],
    ],
    rows,
  );
}

function formatEffectRow(name: string, effect: Effect): string[] {
  return [
    name,
    `${effect.variantLabel} vs ${effect.baselineLabel}`,
    formatQuantity(effect.baselineTextsPerSecond),
    formatQuantity(effect.variantTextsPerSecond),
    formatChangeWithInterval(effect.relativeChange, effect.ci95),
    String(effect.pairs),
  ];
}

/** "0.9991 (min 0.9952)": how closely B's embeddings agree with A's; "–" where it was not measured. */
function formatAgreement(effect: Effect): string {
  const agreement = effect.agreement;
  if (agreement === null || agreement === undefined) return '–';
  return `${agreement.meanCosine.toFixed(5)} (min ${agreement.minCosine.toFixed(5)})`;
}

/** Every A/B the analysis ran: bucketing, truncation, threads, dtype, instrumentation overhead. */
export function buildExperimentsTable(profile: Profile): TableData {
  const { experiments, padding, hotspots } = profile;
  const effects: [string, Effect][] = [];
  if (padding.bucketing !== null) effects.push(['bucketing', padding.bucketing]);
  for (const item of experiments.truncation) {
    const name = `truncation at ${item.maxTokens} tokens (${formatShare(item.shareOver)} of texts longer)`;
    effects.push([name, item.effect]);
  }
  if (experiments.threads !== null) effects.push(['threads', experiments.threads]);
  if (experiments.dtype !== null) effects.push(['dtype', experiments.dtype]);
  if (hotspots.instrumentationOverhead !== null)
    effects.push(['instrumentation', hotspots.instrumentationOverhead]);
  // the quality column only when an experiment compared outputs (profiles from before it never did)
  const quality = effects.some(([, effect]) => (effect.agreement ?? null) !== null);
  const columns: [string, 'l' | 'r'][] = [
    ['experiment', 'l'],
    ['B vs A', 'l'],
    ['A texts/s', 'r'],
    ['B texts/s', 'r'],
    ['B vs A [95 % CI]', 'r'],
    ['pairs', 'r'],
  ];
  const rows = effects.map(([name, effect]) => [
    ...formatEffectRow(name, effect),
    ...(quality ? [formatAgreement(effect)] : []),
  ]);
  return createTable(
    'A/B experiments (paired, interleaved in one process)',
    quality ? [...columns, ['embeddings B vs A (mean cosine)', 'r']] : columns,
    rows,
  );
}
