/** Method and environment of a run as key → value tables, and the recommendations as plain items. */
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { RECORD_FIELDS } from '../../measure/protocol/recorded-config.js';
import {
  formatChangeWithInterval,
  formatDistribution,
  formatFixed,
  formatMegabytes,
  formatQuantity,
  formatTimestamp,
} from '../text/format-numbers.js';
import type { TableData } from './table-data.js';
import { createFieldTable } from './table-data.js';

/** How the numbers were measured, for the method section. */
export const METHOD_NOTES = [
  'Every cell (a batch size, or a text length at a fixed batch size) ran in several fresh worker processes; the first round in ascending order, later rounds interleaved in a seeded shuffled order.',
  'Each process warmed up until the per-token time of its last batches was steady, then replayed the same batches in the same order as every other process.',
  'Throughput is the median over processes with the 95 % CI of the geometric mean; latency percentiles are per batch; peak RSS is the lowest per-process peak of the cell (VmHWM).',
  'Normalized throughput divides texts/s by a calibration score measured in the same process; MFU is model FLOP/s (padded tokens) over the MFU ceiling: the highest of the hardware peak, the MatMul probe and what the model reached.',
  'Experiments are A/B pairs alternating in one process, with a paired 95 % CI; a recommendation is made only when its whole CI is a gain.',
];

/** The reference encoder whose speed normalizes throughput, and its score. */
function describeReference(profile: Profile): string {
  const { reference, referenceScore } = profile.calibration;
  const score =
    referenceScore === null ? 'no process completed' : `${formatDistribution(referenceScore)} sequences/s`;
  return `${reference.layers}-layer encoder, batch ${reference.batch} × ${reference.tokens} tokens: ${score}`;
}

export function buildEnvironmentTable(profile: Profile): TableData {
  const { environment: env, calibration } = profile;
  const probe =
    calibration.gflops === null
      ? 'no process completed'
      : `${formatDistribution(calibration.gflops)} GFLOP/s`;
  const shape = `${calibration.shape.m}×${calibration.shape.k}·${calibration.shape.k}×${calibration.shape.n}`;
  return createFieldTable('Environment', [
    ['CPU', env.cpuModel],
    ['logical cores', String(env.logicalCores)],
    ['ISA flags', env.isaFlags.join(' ')],
    ['memory', formatMegabytes(env.totalMemoryMB)],
    ['OS / arch', `${env.os} / ${env.arch}`],
    ['Node.js', env.node],
    ['ONNX Runtime', env.onnxruntime],
    ['threads', String(env.threads)],
    ['CI', env.ci ? 'yes' : 'no'],
    ['calibration reference', describeReference(profile)],
    ['MatMul probe', `ORT MatMul ${shape} (${calibration.dtype}): ${probe}`],
    ['MFU ceiling', describeCeiling(profile)],
  ]);
}

/** "664.6 GOP/s, the hardware peak (2 cores × 2596 MHz × 128 int8 op/cycle (avx512_vnni, 2 × 256-bit))". */
function describeCeiling(profile: Profile): string {
  const ceiling = profile.calibration.ceiling ?? null;
  if (ceiling === null) return 'the MatMul probe (recorded before the ceiling was)';
  const unit = profile.calibration.dtype === 'q8' ? 'GOP/s' : 'GFLOP/s';
  const value = `${formatQuantity(ceiling.gflops)} ${unit}`;
  switch (ceiling.source) {
    case 'hardware':
      return `${value}, the hardware peak (${ceiling.hardware?.detail ?? 'unknown'})`;
    case 'probe':
      return `${value}, the MatMul probe (above the hardware estimate${ceiling.hardware === null ? ', unknown here' : ''})`;
    case 'model':
      return `${value}, the model's own fastest process (above the probe and the hardware estimate)`;
  }
}

export function buildModelTable(profile: Profile): TableData {
  const { model, corpus } = profile;
  const maxTokens =
    model.maxTokens === null ? 'none' : `${model.maxTokens} (${model.maxTokensSource ?? 'unknown source'})`;
  return createFieldTable('Model and corpus', [
    ['model', model.spec],
    ['source', model.source],
    ['dtype', model.dtype ?? 'custom embedder'],
    ['ONNX file', model.onnxPath ?? '–'],
    ['sha256', model.sha256 ?? '–'],
    ['parameters', model.parameters === null ? '–' : formatFixed(model.parameters)],
    ['tokenizer', model.tokenizer],
    ['max tokens', maxTokens],
    ['corpus', `${corpus.source} (${corpus.format})`],
    ['corpus texts', `${formatFixed(corpus.texts)}, mean ${formatFixed(corpus.meanChars, 1)} chars`],
    ['corpus sha256', corpus.sha256],
  ]);
}

/** The run's tool and time, then every recorded value that declares a Method row (protocol/recorded-config.ts). */
export function buildMethodTable(profile: Profile): TableData {
  const config: Readonly<Record<string, unknown>> = profile.config;
  const context = { config, megabytes: formatMegabytes };
  const recorded = RECORD_FIELDS.flatMap(({ key, method }): [string, string][] => {
    const value = config[key];
    if (method === undefined) return [];
    if (value === undefined) return method.absent === undefined ? [] : [[method.label, method.absent]];
    return [[method.label, method.show(value as never, context)]];
  });
  return createFieldTable('Method', [
    [
      'embedprof',
      `${profile.tool.version}, ${formatTimestamp(profile.createdAt)}, ${formatFixed(profile.wallSeconds)} s wall time`,
    ],
    ...recorded,
  ]);
}

/** The settings the run did not take from the defaults, with where each came from; null when none are known. */
export function buildSettingsTable(profile: Profile): TableData | null {
  const settings = profile.settings ?? [];
  if (settings.length === 0) return null;
  return createFieldTable(
    'Settings',
    settings.map((setting) => [setting.key, `${setting.value} (${setting.source})`]),
  );
}

export interface RecommendationItem {
  title: string;
  detail: string;
  /** "texts/s +58.0 % [+39.2, +79.2]", or null for a limit rather than a speed-up. */
  effect: string | null;
  evidence: string;
}

export function listRecommendations(profile: Profile): RecommendationItem[] {
  return profile.recommendations.map((item) => ({
    title: item.title,
    detail: item.detail,
    effect:
      item.effect === null
        ? null
        : `${item.effect.metric} ${formatChangeWithInterval(item.effect.relativeChange, item.effect.ci95)}`,
    evidence: item.evidence.join(', '),
  }));
}
