/**
 * The serve records' series (pure): per texts-per-request value, the knee (requests/s, higher is better) and
 * the p95 latency at the reference rate (lower is better), and the started server's peak memory. Each run is
 * one point with the interval its serve profile gave (its rounds and windows are its samples, not stored);
 * a reference rate that changed between runs starts another series, since p95 at another rate is another figure.
 */
import type { HistoryRecord, ServeRecord } from '../ground/schema/history-record-schema.js';
import type { Estimate, HistorySeries, MetricInfo, SeriesPoint } from './history-series.js';

type ServeSweepRecord = ServeRecord['sweeps'][number];

interface ServeSeriesSpec {
  cellId: string;
  label: string;
  info: MetricInfo;
  read: (serve: ServeRecord) => Estimate | null;
}

function findSweep(serve: ServeRecord, textsPerRequest: number): ServeSweepRecord | undefined {
  return serve.sweeps.find((sweep) => sweep.textsPerRequest === textsPerRequest);
}

function listSpecs(serveRecords: readonly ServeRecord[]): ServeSeriesSpec[] {
  const sizes = [...new Set(serveRecords.flatMap((serve) => serve.sweeps.map((s) => s.textsPerRequest)))];
  const rates = (size: number) => [
    ...new Set(serveRecords.flatMap((serve) => findSweep(serve, size)?.reference?.ratePerSecond ?? [])),
  ];
  const specs = sizes
    .sort((a, b) => a - b)
    .flatMap((size): ServeSeriesSpec[] => [
      {
        cellId: `serve:${size}`,
        label: `serve, ${size} texts per request`,
        info: { metric: 'throughput', unit: 'requests/s at the knee', betterWhen: 'higher' },
        read: (serve) => findSweep(serve, size)?.kneeRatePerSecond ?? null,
      },
      ...rates(size).map((rate): ServeSeriesSpec => ({
        cellId: `serve:${size}:${rate}`,
        label: `serve, ${size} texts per request at ${rate} requests/s`,
        info: { metric: 'p95LatencyMs', unit: 'ms', betterWhen: 'lower' },
        read: (serve) => {
          const reference = findSweep(serve, size)?.reference;
          return reference?.ratePerSecond === rate ? reference.p95LatencyMs : null;
        },
      })),
    ]);
  const memory: ServeSeriesSpec = {
    cellId: 'serve:server',
    label: 'serve, server process',
    info: { metric: 'peakMemoryMB', unit: 'MB', betterWhen: 'lower' },
    read: (serve) =>
      serve.serverPeakMemoryMB === null
        ? null
        : { value: serve.serverPeakMemoryMB, lower: null, upper: null },
  };
  return [...specs, memory];
}

function createPoint(record: HistoryRecord, estimate: Estimate): SeriesPoint {
  return {
    ...estimate,
    commit: record.commit,
    parent: record.parent,
    branch: record.branch,
    date: record.date,
    machine: record.machine.id,
    samples: [estimate.value],
    chainedRatio: null,
  };
}

/** The serve series of `records` (in time order) that have at least one point. */
export function buildServeSeries(records: readonly HistoryRecord[]): HistorySeries[] {
  const withServe = records.flatMap((record) =>
    record.serve === null ? [] : [{ record, serve: record.serve }],
  );
  return listSpecs(withServe.map((each) => each.serve))
    .map((spec): HistorySeries => {
      const points = withServe.flatMap(({ record, serve }) => {
        const estimate = spec.read(serve);
        return estimate === null ? [] : [createPoint(record, estimate)];
      });
      return { cell: null, cellId: spec.cellId, label: spec.label, ...spec.info, points, changePoints: [] };
    })
    .filter((series) => series.points.length > 0);
}
