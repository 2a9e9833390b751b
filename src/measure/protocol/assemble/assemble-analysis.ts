import { recommend, skipLeakCheck, summarizeMemoryGrowth, summarizePadding } from '../../analysis/index.js';
import type { MemoryReading } from '../../../ground/schema/analysis-schema.js';
import type { BatchCell, LengthCell } from '../../../ground/schema/cell-schema.js';
import { createCellKey, formatCellLabel } from '../../../ground/schema/cell-key.js';
import type { Profile } from '../profile-schema.js';
import { computeMedian } from '../../../ground/stats/index.js';
import type { MemoryBreakdown } from '../../../ground/platform/process-memory.js';
import type { AnalysisMeasurements } from '../schedule/run-analysis.js';

type AnalysisParts = Pick<
  Profile,
  'hotspots' | 'padding' | 'experiments' | 'recommendations' | 'warnings'
> & {
  memoryExtras: Pick<
    Profile['memory'],
    'readings' | 'perBatch' | 'growthPerText' | 'growthPerToken' | 'capMB' | 'leak'
  >;
};

export interface AssembleInput {
  batchSweep: BatchCell[];
  lengthSweep: LengthCell[];
  readings: { baseline: MemoryBreakdown; afterLoad: MemoryBreakdown; steadyState: MemoryBreakdown }[];
  measurements: AnalysisMeasurements | null;
  capMB: number;
  latencySloMs: number | null;
}

/** Everything issue-3 adds to a profile, computed from the cells and the analysis jobs' measurements. */
export function assembleAnalysis(input: AssembleInput): AnalysisParts {
  const m = input.measurements;
  const growth = summarizeMemoryGrowth(input.batchSweep, input.capMB);
  const padding = summarizePadding(input.batchSweep, m?.bucketing ?? null);
  const experiments = {
    truncation: m?.truncation ?? [],
    threads: m?.threads ?? null,
    dtype: m?.dtype ?? null,
  };
  const recommendations = recommend({
    batchCells: input.batchSweep,
    memory: growth.perBatch,
    padding,
    experiments,
    options: { latencySloMs: input.latencySloMs, maxMemoryMB: input.capMB },
  });
  return {
    memoryExtras: {
      readings: summarizeReadings(input.readings),
      ...growth,
      capMB: input.capMB,
      leak: m?.leak ?? skipLeakCheck('analysis was switched off (--no-analysis)'),
    },
    hotspots: {
      operators: m?.operators ?? null,
      instrumentationOverhead: m?.instrumentation ?? null,
      cpuProfile: m?.cpuProfile ?? null,
      stageShares: [...input.batchSweep, ...input.lengthSweep].flatMap((cell) =>
        cell.status === 'measured'
          ? [{ cell: formatCellLabel(createCellKey(cell)), ...cell.stageShares }]
          : [],
      ),
    },
    padding,
    experiments,
    recommendations,
    warnings: m?.warnings ?? [],
  };
}

function summarizeReadings(readings: AssembleInput['readings']): AnalysisParts['memoryExtras']['readings'] {
  const pick = (key: 'baseline' | 'afterLoad' | 'steadyState'): MemoryReading => {
    const values = readings.map((r) => r[key]);
    const median = (field: keyof MemoryBreakdown): number =>
      values.length === 0 ? 0 : computeMedian(values.map((v) => v[field]));
    return {
      rssMB: median('rssMB'),
      heapUsedMB: median('heapUsedMB'),
      externalMB: median('externalMB'),
      arrayBuffersMB: median('arrayBuffersMB'),
      nativeMB: median('nativeMB'),
    };
  };
  return { baseline: pick('baseline'), afterLoad: pick('afterLoad'), steadyState: pick('steadyState') };
}
