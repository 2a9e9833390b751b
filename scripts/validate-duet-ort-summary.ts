/**
 * What `validate-gate --duet --workload ort` reads from each gate's comparison.json and comment.md, and the
 * summary it prints: per variant the gate's outcomes with Wilson 95 % intervals, the wall time, and the
 * variant's measured effect (the median of its gates' aggregate estimates), beside the run's power.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeWilsonInterval, formatRate } from '../src/decide/gate/wilson-interval.js';

export interface OrtOutcome {
  variant: string;
  seconds: number;
  load: number;
  gate: string;
  verdict: string;
  headline: string;
  throughputChange: number | null;
  memoryChange: number | null;
  throughputDetectable: number | null;
  /** Time to first embedding: the aggregate's change and, when gated, the smallest growth the gate could see. */
  coldStartChange: number | null;
  coldStartDetectable: number | null;
  /** The confirmation re-run's outcome, or 'none' when the first comparison did not regress. */
  confirmation: 'confirmed' | 'not-confirmed' | 'none';
}

interface Aggregate {
  metric: string;
  estimate: number | null;
}

interface Detectable {
  metric: string;
  change: number | null;
}

export function readGateOutcome(out: string): Omit<OrtOutcome, 'variant' | 'seconds' | 'load'> {
  const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as {
    overall: { gate: string; verdict: string; minimumDetectable: Detectable[] };
    aggregates: Aggregate[];
    confirmation?: { outcome: 'confirmed' | 'not-confirmed' } | null;
  };
  const comment = readFileSync(join(out, 'comment.md'), 'utf8');
  const headline = comment.split('\n').find((line) => line.trim() !== '' && !line.startsWith('<!--')) ?? '';
  const estimate = (metric: string) =>
    comparison.aggregates.find((item) => item.metric === metric)?.estimate ?? null;
  const detectable = comparison.overall.minimumDetectable.find((item) => item.metric === 'throughput');
  const coldDetectable = comparison.overall.minimumDetectable.find((item) => item.metric === 'coldStartMs');
  return {
    gate: comparison.overall.gate,
    verdict: comparison.overall.verdict,
    headline: headline.replace(/\|/g, '\\|').slice(0, 240),
    throughputChange: estimate('throughput'),
    memoryChange: estimate('peakMemoryMB'),
    throughputDetectable: detectable?.change ?? null,
    coldStartChange: estimate('coldStartMs'),
    coldStartDetectable: coldDetectable?.change ?? null,
    confirmation: comparison.confirmation?.outcome ?? 'none',
  };
}

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const formatPercent = (value: number | null): string =>
  value === null ? 'n/a' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;

function count(outcomes: readonly OrtOutcome[], test: (outcome: OrtOutcome) => boolean): string {
  return formatRate(computeWilsonInterval(outcomes.filter(test).length, outcomes.length));
}

function describeVariant(name: string, own: readonly OrtOutcome[]): string[] {
  const values = (pick: (o: OrtOutcome) => number | null) =>
    own.flatMap((o) => {
      const value = pick(o);
      return value === null ? [] : [value];
    });
  const seconds = own.map((o) => o.seconds).sort((a, b) => a - b);
  return [
    `  ${name} (${own.length} gates):`,
    `    gate failed:        ${count(own, (o) => o.gate === 'fail')}`,
    `    ended no-change:    ${count(own, (o) => o.verdict === 'no-change')}; inconclusive ${count(own, (o) => o.verdict === 'inconclusive')}`,
    `    confirmation ran:   ${count(own, (o) => o.confirmation !== 'none')}; confirmed ${count(own, (o) => o.confirmation === 'confirmed')}`,
    `    measured effect:    throughput ${formatPercent(median(values((o) => o.throughputChange)))}, peak memory ${formatPercent(median(values((o) => o.memoryChange)))} (medians of the gates' aggregates)`,
    `    could detect:       ≥ ${formatPercent(median(values((o) => o.throughputDetectable)))} throughput (median)`,
    `    cold start:         ${formatPercent(median(values((o) => o.coldStartChange)))} time to first embedding (median); could detect ≥ ${formatPercent(median(values((o) => o.coldStartDetectable)))} when gated`,
    `    wall time:          median ${median(seconds)?.toFixed(0)} s, max ${seconds.at(-1)?.toFixed(0)} s; load at start median ${median(own.map((o) => o.load))?.toFixed(2)}`,
  ];
}

export function summarizeOrtOutcomes(outcomes: readonly OrtOutcome[], commit: string): string {
  const names = [...new Set(outcomes.map((o) => o.variant))];
  const all = outcomes.map((o) => o.seconds).sort((a, b) => a - b);
  return [
    `validate-gate --duet --workload ort at ${commit.slice(0, 12)}: ${outcomes.length} gates, default PR plan`,
    `  every gate: wall median ${median(all)?.toFixed(0)} s, max ${all.at(-1)?.toFixed(0)} s`,
    ...names.flatMap((name) =>
      describeVariant(
        name,
        outcomes.filter((o) => o.variant === name),
      ),
    ),
  ].join('\n');
}
