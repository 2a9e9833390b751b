/**
 * Maps each predecessor format onto baseline cells and metrics. Pure. Everything dropped or derived is
 * listed as an adjustment (it ends up in `origin.adjustments`).
 */
import { computeMedian } from '../../ground/stats/index.js';
import type { Baseline, BaselineCell } from './baseline-schema.js';
import type { CellKey } from '../../ground/schema/cell-key.js';
import type {
  BaselineEmbeddingsFile,
  BatchSizeProfileFile,
  MemoryAnalysisFile,
  TextLengthProfileFile,
} from './legacy-formats.js';

/** A leading iteration slower than this share of the median of the later ones is a cold pass. */
export const COLD_ITERATION_FACTOR = 0.8;

export interface LegacyContent {
  timestamp: string;
  model: string;
  pytorch: string | undefined;
  python: string | undefined;
  cells: BaselineCell[];
  memory: Baseline['memory'];
  adjustments: string[];
}

/**
 * Drops leading iterations that are more than 20 % slower than the median of the iterations after them (the
 * predecessor measured without warm-up, so its first pass could include loading and JIT work).
 */
export function dropColdIterations(values: readonly number[]): { kept: number[]; dropped: number[] } {
  let start = 0;
  while (start < values.length - 1) {
    const value = values[start] ?? 0;
    if (value >= COLD_ITERATION_FACTOR * computeMedian(values.slice(start + 1))) break;
    start++;
  }
  return { kept: values.slice(start), dropped: values.slice(0, start) };
}

function describeDropped(label: string, result: { kept: number[]; dropped: number[] }): string[] {
  if (result.dropped.length === 0) return [];
  const dropped = result.dropped.map((value) => value.toFixed(0)).join(', ');
  const median = computeMedian(result.kept).toFixed(0);
  return [`${label}: dropped cold first iteration(s) ${dropped} texts/s (median of the others ${median})`];
}

function createCell(key: CellKey, throughput: number[], peaks: number[] | null, p95: number[] | null) {
  return {
    key,
    throughput,
    normalizedThroughput: null,
    peakMemoryMB: peaks,
    p95LatencyMs: p95,
    probeGflops: null,
  };
}

const SHARED_PROCESS_NOTE =
  'peak memory per batch size is a single RSS figure from one shared process run in ascending batch order: it includes memory kept from earlier batch sizes';

export function convertBaselineEmbeddings(file: BaselineEmbeddingsFile): LegacyContent {
  const { benchmarks } = file;
  const cells: BaselineCell[] = benchmarks.batch_sizes.batch_results.map((row) =>
    createCell({ sweep: 'batch', batchSize: row.batch_size }, [row.throughput_texts_per_sec], null, null),
  );
  const adjustments = [
    'one throughput value per batch size (a single timed pass, no per-process samples)',
    'per-batch memory_rss_mb is RSS after each pass in a shared process, not a peak: not used',
  ];
  const single = benchmarks.single_text;
  if (single !== undefined) {
    const throughput = 1000 / single.avg_latency_ms;
    cells.unshift(createCell({ sweep: 'batch', batchSize: 1 }, [throughput], null, [single.p95_latency_ms]));
    adjustments.push('batch 1 from single_text: throughput = 1000 / avg_latency_ms, p95 latency as recorded');
  }
  if (benchmarks.text_lengths !== undefined) {
    adjustments.push('text_lengths skipped: the batch size of those runs was not recorded');
  }
  const memory = benchmarks.memory;
  return {
    timestamp: file.timestamp,
    model: file.system.model,
    pytorch: file.system.pytorch_version,
    python: file.system.python_version,
    cells,
    memory: {
      baselineMB: memory?.baseline_mb ?? null,
      afterLoadMB: memory?.loaded_mb ?? null,
      peakMB: memory?.peak_mb ?? null,
    },
    adjustments,
  };
}

export function convertBatchSizeProfile(file: BatchSizeProfileFile): LegacyContent {
  const rows = file.batch_results;
  return {
    timestamp: file.metadata.timestamp,
    model: file.metadata.model,
    pytorch: file.metadata.pytorch_version,
    python: file.metadata.python_version,
    cells: rows.map((row) =>
      createCell(
        { sweep: 'batch', batchSize: row.batch_size },
        [row.throughput_texts_per_sec],
        [row.peak_memory_mb],
        null,
      ),
    ),
    memory: {
      baselineMB: null,
      afterLoadMB: rows[0]?.baseline_memory_mb ?? null,
      peakMB: Math.max(...rows.map((row) => row.peak_memory_mb)),
    },
    adjustments: [
      'one throughput value per batch size (a single timed pass); latency_ms_per_text is a mean, not a p95: not used',
      SHARED_PROCESS_NOTE,
      'afterLoadMB = RSS before the first batch size (model already loaded); profiling_summary text ignored',
    ],
  };
}

export function convertTextLengthProfile(file: TextLengthProfileFile): LegacyContent {
  const adjustments: string[] = [];
  const cells = file.length_results.map((row) => {
    const iterations = dropColdIterations(row.throughputs);
    adjustments.push(...describeDropped(`${row.text_length_chars} chars`, iterations));
    const key: CellKey = { sweep: 'length', chars: row.text_length_chars, batchSize: row.batch_size };
    return createCell(key, iterations.kept, null, null);
  });
  adjustments.push(
    'iterations ran in one process (not independent processes); memory deltas are not peaks: not used',
  );
  return {
    timestamp: file.metadata.timestamp,
    model: file.metadata.model,
    pytorch: file.metadata.pytorch_version,
    python: file.metadata.python_version,
    cells,
    memory: { baselineMB: null, afterLoadMB: null, peakMB: null },
    adjustments,
  };
}

export function convertMemoryAnalysis(file: MemoryAnalysisFile): LegacyContent {
  const texts = file.metadata.num_test_texts;
  const adjustments = [
    `throughput derived per iteration as num_test_texts (${texts}) / elapsed_time_s`,
    SHARED_PROCESS_NOTE,
  ];
  const rows = file.batch_memory_analysis;
  const cells = rows.map((row) => {
    const iterations = dropColdIterations(row.memory_samples.map((sample) => texts / sample.elapsed_time_s));
    adjustments.push(...describeDropped(`batch ${row.batch_size}`, iterations));
    return createCell(
      { sweep: 'batch', batchSize: row.batch_size },
      iterations.kept,
      [row.peak_memory_mb],
      null,
    );
  });
  return {
    timestamp: file.metadata.timestamp,
    model: file.metadata.model,
    pytorch: file.metadata.pytorch_version,
    python: file.metadata.python_version,
    cells,
    memory: {
      baselineMB: null,
      afterLoadMB: file.baseline_memory?.rss_mb ?? null,
      peakMB: Math.max(...rows.map((row) => row.peak_memory_mb)),
    },
    adjustments,
  };
}
