/**
 * The tables of the serve reports as plain data (each format escapes its own way): one row per offered rate
 * of a sweep, TEI's server-timing split, the server (target, cold start, RSS), the plan and the machine.
 */
import type { ServeProfile, ServeSweep } from '../../measure/serve/serve-profile-schema.js';
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
  describeSloMark,
  describeTextsPerRequest,
  formatEstimate,
  formatRate,
  summarizeServerTiming,
} from './serve-facts.js';
import type { TableData } from './table-data.js';
import { createFieldTable, createTable } from './table-data.js';

const DASH = '–';

/** Offered, achieved, p50, p95 [CI], p99, errors, goodput, tokens/s and the objective's mark, rate by rate. */
export function buildServeRateTable(sweep: ServeSweep, profile: ServeProfile): TableData {
  const rows = sweep.rates.map((rate) => {
    const latency = rate.latencyMs;
    return [
      formatPlain(rate.ratePerSecond),
      rate.phase,
      String(rate.windows.length),
      formatQuantity(computeAchievedRate(rate)),
      latency === null ? DASH : formatQuantity(latency.p50.value),
      latency === null ? DASH : formatEstimate(latency.p95),
      latency === null ? DASH : formatQuantity(latency.p99.value),
      formatShare(rate.errorRate),
      formatQuantity(rate.goodputPerSecond),
      rate.tokensPerSecond === null ? DASH : formatQuantity(rate.tokensPerSecond),
      describeSloMark(rate, profile.plan),
    ];
  });
  return createTable(
    `Rate sweep, ${describeTextsPerRequest(sweep.textsPerRequest)}`,
    [
      ['Offered (req/s)', 'r'],
      ['Phase', 'l'],
      ['Windows', 'r'],
      ['Achieved (req/s)', 'r'],
      ['p50 (ms)', 'r'],
      ['p95 (ms) [95 % CI]', 'r'],
      ['p99 (ms)', 'r'],
      ['Errors', 'r'],
      ['Goodput (req/s)', 'r'],
      ['Tokens/s', 'r'],
      ['Within objective', 'l'],
    ],
    rows,
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
      return [['target', target.url]];
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
