/**
 * A serve profile reduced to its history record (pure, as to-history-record.ts): per texts-per-request sweep the
 * knee and the p95 at the reference rate with their 95 % intervals, and the server's peak RSS. The record has
 * no cells and no calibration. Its machine is the load generator's (where a started server ran too); the
 * served model is named by the API and the target, which enter the machine id, so another server is another
 * series.
 */
import {
  historyRecordSchema,
  type HistoryMachine,
  type HistoryRecord,
  type ServeRecord,
} from '../ground/schema/history-record-schema.js';
import type { Estimate, ServeProfile, ServeSweep } from '../measure/serve/serve-profile-schema.js';
import {
  computeMachineId,
  createRecordHeader,
  roundValue,
  type HistoryRecordMeta,
} from './to-history-record.js';

/** "serve openai model-x: sh serve.sh" — what was served, as the machine's model spec. */
export function describeServedModel(profile: ServeProfile): string {
  const model = profile.api.model === null ? '' : ` ${profile.api.model}`;
  const target = profile.target.kind === 'url' ? profile.target.url : profile.target.command;
  return `serve ${profile.api.kind}${model}: ${target}`;
}

function createServeMachine(profile: ServeProfile): HistoryMachine {
  const environment = profile.environment;
  const fields = {
    cpuModel: environment.cpuModel,
    logicalCores: environment.logicalCores,
    isaFlags: [...environment.isaFlags].sort(),
    threads: null,
    os: environment.os,
    arch: environment.arch,
    modelSpec: describeServedModel(profile),
    dtype: null,
    node: environment.node,
    onnxruntime: null,
    modelSha256: null,
  };
  return { id: computeMachineId(fields), ...fields };
}

function roundEstimate(estimate: Estimate) {
  return {
    value: roundValue(estimate.value),
    lower: roundValue(estimate.low),
    upper: roundValue(estimate.high),
  };
}

function createSweepRecord(sweep: ServeSweep): ServeRecord['sweeps'][number] {
  const knee = sweep.knee;
  return {
    textsPerRequest: sweep.textsPerRequest,
    kneeRatePerSecond:
      knee.kind === 'found'
        ? roundEstimate({ value: knee.ratePerSecond, low: knee.low, high: knee.high })
        : null,
    reference:
      sweep.reference === null
        ? null
        : {
            ratePerSecond: sweep.reference.ratePerSecond,
            p95LatencyMs: roundEstimate(sweep.reference.p95Ms),
          },
  };
}

/** The history record of the serve profile `profile`, run at `meta.commit`. */
export function createServeHistoryRecord(profile: ServeProfile, meta: HistoryRecordMeta): HistoryRecord {
  const peak = profile.serverMemory?.peakMB ?? 0;
  return historyRecordSchema.parse({
    ...createRecordHeader(meta, profile.tool.version),
    preset: null,
    machine: createServeMachine(profile),
    calibration: { referenceScore: null, gflops: null },
    cells: [],
    chained: null,
    serve: {
      api: profile.api.kind,
      latencySloMs: profile.plan.latencySloMs,
      sloQuantile: profile.plan.sloQuantile,
      sweeps: profile.sweeps.map(createSweepRecord),
      serverPeakMemoryMB: peak > 0 ? roundValue(peak) : null,
    },
  });
}
