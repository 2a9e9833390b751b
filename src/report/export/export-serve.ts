/**
 * serve-profile.json in the export formats: one benchmark per texts-per-request sweep, named
 * `<prefix>/<n> texts per request` (prefix: --name, else `embedprof/serve`). Two measures, with their 95 %
 * intervals:
 * - the knee, as Bencher's built-in `throughput` (operations per second: requests per second at the knee) and
 *   github-action-benchmark's customBiggerIsBetter;
 * - p95 latency at the reference rate, as Bencher's built-in `latency` (nanoseconds) and customSmallerIsBetter.
 * A sweep whose knee lies outside the rates measured has no knee figure, and a sweep without a reference rate no
 * latency figure: each is left out and named in the notes.
 */
import type { Estimate, ServeProfile, ServeSweep } from '../../measure/serve/serve-profile-schema.js';
import { NANOSECONDS_PER_MS } from './export-bmf.js';
import type { ExportOptions } from './export-cells.js';
import { formatPlainNumber } from './export-gab.js';
import type { BmfDocument, BmfMetric, GabDirection, GabDocument, GabEntry } from './export-schemas.js';

interface ServeFigures {
  benchmark: string;
  /** Requests per second at the knee, or null when the knee lies outside the rates measured. */
  knee: Estimate | null;
  /** p95 latency (ms) at the reference rate, or null without one. */
  reference: { ratePerSecond: number; p95Ms: Estimate } | null;
}

function listServeFigures(profile: ServeProfile, options: ExportOptions): ServeFigures[] {
  const prefix = options.name ?? 'embedprof/serve';
  return profile.sweeps.map((sweep: ServeSweep) => ({
    benchmark: `${prefix}/${sweep.textsPerRequest} texts per request`,
    knee:
      sweep.knee.kind === 'found'
        ? { value: sweep.knee.ratePerSecond, low: sweep.knee.low, high: sweep.knee.high }
        : null,
    reference: sweep.reference,
  }));
}

/** What a serve export leaves out, named: knees outside the rates, sweeps without a reference rate. */
export function listServeNotes(profile: ServeProfile, options: ExportOptions = {}): string[] {
  return listServeFigures(profile, options).flatMap((figures) => [
    ...(figures.knee === null ? [`${figures.benchmark}: no knee within the rates measured, left out`] : []),
    ...(figures.reference === null
      ? [`${figures.benchmark}: no reference rate measured, no latency figure`]
      : []),
  ]);
}

function toBmf(estimate: Estimate, scale: (value: number) => number): BmfMetric {
  return {
    value: scale(estimate.value),
    lower_value: scale(estimate.low),
    upper_value: scale(estimate.high),
  };
}

/** `{"<benchmark>": {"throughput": knee, "latency": p95 at the reference rate}}`, each where measured. */
export function exportServeBmf(profile: ServeProfile, options: ExportOptions = {}): BmfDocument {
  const document: BmfDocument = {};
  for (const figures of listServeFigures(profile, options)) {
    const measures: Record<string, BmfMetric> = {};
    if (figures.knee !== null) measures.throughput = toBmf(figures.knee, (rate) => rate);
    if (figures.reference !== null) {
      measures.latency = toBmf(figures.reference.p95Ms, (ms) => Math.round(ms * NANOSECONDS_PER_MS));
    }
    if (Object.keys(measures).length > 0) document[figures.benchmark] = measures;
  }
  return document;
}

function toGab(name: string, unit: string, estimate: Estimate): GabEntry {
  const halfWidth = Math.max(estimate.high - estimate.value, estimate.value - estimate.low, 0);
  return {
    name,
    unit,
    value: estimate.value,
    range: `± ${formatPlainNumber(halfWidth)}`,
    extra: `95 % interval ${formatPlainNumber(estimate.low)}–${formatPlainNumber(estimate.high)} ${unit}`,
  };
}

/** The knees (bigger is better) or the p95 latencies at the reference rate (smaller is better). */
export function exportServeGab(
  profile: ServeProfile,
  direction: GabDirection,
  options: ExportOptions = {},
): GabDocument {
  return listServeFigures(profile, options).flatMap((figures) => {
    if (direction === 'customBiggerIsBetter') {
      return figures.knee === null ? [] : [toGab(`${figures.benchmark} (knee)`, 'req/s', figures.knee)];
    }
    const reference = figures.reference;
    if (reference === null) return [];
    const name = `${figures.benchmark} (p95 at ${formatPlainNumber(reference.ratePerSecond)} req/s)`;
    return [toGab(name, 'ms', reference.p95Ms)];
  });
}
