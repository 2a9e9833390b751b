/**
 * The tables of the serve reports as plain data (each format escapes its own way): one row per offered rate
 * of a sweep, TEI's server-timing split, the server (target, cold start, RSS), the plan and the machine.
 */
import type {
  ServePlan,
  ServeProfile,
  ServeRate,
  ServeSweep,
} from '../../measure/serve/serve-profile-schema.js';
import {
  formatFixed,
  formatMegabytes,
  formatMilliseconds,
  formatQuantity,
  formatShare,
  formatPlain,
} from '../text/format-numbers.js';
import {
  computeAchievedRate,
  describeObjective,
  describeServeTarget,
  describeSloMark,
  describeTextsPerRequest,
  formatEstimate,
  formatRate,
  summarizeServerTiming,
} from './serve-facts.js';
import type { Align, TableData } from './table-data.js';
import { createFieldTable, createTable } from './table-data.js';

const DASH = '–';

/** The columns of the rate table: which, and the cell of each from a rate. */
type RateColumn = [name: string, align: Align, cell: (rate: ServeRate, plan: ServePlan) => string];

const RATE_COLUMNS = {
  offered: ['Offered (req/s)', 'r', (rate) => formatPlain(rate.ratePerSecond)],
  phase: ['Phase', 'l', (rate) => rate.phase],
  windows: ['Windows', 'r', (rate) => String(rate.windows.length)],
  achieved: ['Achieved (req/s)', 'r', (rate) => formatQuantity(computeAchievedRate(rate))],
  p50: [
    'p50 (ms)',
    'r',
    (rate) => (rate.latencyMs === null ? DASH : formatQuantity(rate.latencyMs.p50.value)),
  ],
  p95: [
    'p95 (ms) [95 % CI]',
    'r',
    (rate) => (rate.latencyMs === null ? DASH : formatEstimate(rate.latencyMs.p95)),
  ],
  p99: [
    'p99 (ms)',
    'r',
    (rate) => (rate.latencyMs === null ? DASH : formatQuantity(rate.latencyMs.p99.value)),
  ],
  errors: ['Errors', 'r', (rate) => formatShare(rate.errorRate)],
  goodput: ['Goodput (req/s)', 'r', (rate) => formatQuantity(rate.goodputPerSecond)],
  tokens: [
    'Tokens/s',
    'r',
    (rate) => (rate.tokensPerSecond === null ? DASH : formatQuantity(rate.tokensPerSecond)),
  ],
  slo: ['Within objective', 'l', (rate, plan) => describeSloMark(rate, plan)],
} satisfies Record<string, RateColumn>;

/** 'full' (the reports) has every column; 'compact' (a comment) leaves out phase, windows and tokens/s. */
export type RateTableWidth = 'full' | 'compact';

function selectRateColumns(width: RateTableWidth): RateColumn[] {
  const names: (keyof typeof RATE_COLUMNS)[] =
    width === 'full'
      ? ['offered', 'phase', 'windows', 'achieved', 'p50', 'p95', 'p99', 'errors', 'goodput', 'tokens', 'slo']
      : ['offered', 'achieved', 'p50', 'p95', 'p99', 'errors', 'goodput', 'slo'];
  return names.map((name): RateColumn => RATE_COLUMNS[name]);
}

/** Offered, achieved, p50, p95 [CI], p99, errors, goodput and the objective's mark (and more), rate by rate. */
export function buildServeRateTable(
  sweep: ServeSweep,
  profile: ServeProfile,
  width: RateTableWidth = 'full',
): TableData {
  const columns = selectRateColumns(width);
  return createTable(
    `Rate sweep, ${describeTextsPerRequest(sweep.textsPerRequest)}`,
    columns.map(([name, align]) => [name, align] as const),
    sweep.rates.map((rate) => columns.map(([, , cell]) => cell(rate, profile.plan))),
  );
}

/** TEI's timing headers split by rate, or null when the server sent none. */
export function buildServeTimingTable(sweep: ServeSweep): TableData | null {
  const rows = sweep.rates.flatMap((rate) => {
    const timing = summarizeServerTiming(rate);
    if (timing === null) return [];
    return [
      [
        formatPlain(rate.ratePerSecond),
        formatQuantity(timing.queue),
        formatQuantity(timing.tokenization),
        formatQuantity(timing.inference),
        formatQuantity(timing.compute),
      ],
    ];
  });
  if (rows.length === 0) return null;
  return createTable(
    `Server timing (TEI headers, median of window medians), ${describeTextsPerRequest(sweep.textsPerRequest)}`,
    [
      ['Offered (req/s)', 'r'],
      ['Queue (ms)', 'r'],
      ['Tokenization (ms)', 'r'],
      ['Inference (ms)', 'r'],
      ['Compute (ms)', 'r'],
    ],
    rows,
  );
}

function listTargetFields(profile: ServeProfile): [string, string][] {
  const { target } = profile;
  switch (target.kind) {
    case 'url':
      return [['target', describeServeTarget(profile)]];
    case 'command':
      return [
        ['target', `started: ${target.command}`],
        ['cold start: ready', formatMilliseconds(target.readyMs)],
        [
          'cold start: first embedding',
          target.firstEmbeddingMs === null ? 'none answered' : formatMilliseconds(target.firstEmbeddingMs),
        ],
      ];
  }
}

/** The server: what was measured, its API, cold start and RSS when embedprof started it. */
export function buildServeServerTable(profile: ServeProfile): TableData {
  const { api, serverMemory } = profile;
  const memory: [string, string][] =
    serverMemory === null
      ? []
      : [
          ['server RSS peak', formatMegabytes(serverMemory.peakMB)],
          ['RSS samples', formatFixed(serverMemory.samples.length)],
        ];
  return createFieldTable('Server', [
    ...listTargetFields(profile),
    ['API', `${api.kind} POST ${api.path}`],
    ['model', api.model ?? DASH],
    ...memory,
  ]);
}

/** How the load was sent: arrivals, windows, the objective and the limits. */
export function buildServePlanTable(profile: ServeProfile): TableData {
  const { plan, corpus } = profile;
  const rates =
    plan.rates === 'auto' ? 'auto (probe, then a ladder)' : plan.rates.map(formatPlain).join(', ');
  return createFieldTable('Load plan', [
    ['objective', describeObjective(plan)],
    ['arrivals', `${plan.arrivals}, seed ${plan.seed}`],
    ['windows', `${formatPlain(plan.windowSeconds)} s, ${plan.rounds} rounds`],
    ['rates (req/s)', rates],
    [
      'reference rate',
      plan.referenceRatePerSecond === null ? 'none' : formatRate(plan.referenceRatePerSecond),
    ],
    ['max in flight', formatFixed(plan.maxInFlight)],
    ['request timeout', formatMilliseconds(plan.requestTimeoutMs)],
    [
      'corpus',
      `${corpus.source} (${corpus.format}, ${formatFixed(corpus.texts)} texts, ${formatQuantity(corpus.meanChars)} chars mean)`,
    ],
    ['wall time', `${formatQuantity(profile.wallSeconds)} s`],
  ]);
}

/** The machine that sent the load (and ran a started server). */
export function buildServeEnvironmentTable(profile: ServeProfile): TableData {
  const env = profile.environment;
  return createFieldTable('Environment', [
    ['CPU', env.cpuModel],
    ['logical cores', String(env.logicalCores)],
    ['memory', formatMegabytes(env.totalMemoryMB)],
    ['OS / arch', `${env.os} / ${env.arch}`],
    ['Node.js', env.node],
    ['CI', env.ci ? 'yes' : 'no'],
    ['commit', profile.commit ?? DASH],
    ['embedprof', profile.tool.version],
  ]);
}

export function buildServeSettingsTable(profile: ServeProfile): TableData | null {
  if (profile.settings.length === 0) return null;
  return createFieldTable(
    'Settings',
    profile.settings.map((setting) => [setting.key, `${setting.value} (${setting.source})`]),
  );
}
