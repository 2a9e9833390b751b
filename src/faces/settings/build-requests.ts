/**
 * The one adapter from resolved settings to the core's typed requests, called by both faces (cli/, action/).
 * The core sees domain values only: options, paths, thresholds, and an InputNames that names an input in the
 * words of the face and layer that set it (`--out`, `input out`, `embedprof.config.json: out`).
 */
import { GATED_METRICS } from '../../decide/compare/gated-metrics.js';
import type { BaseHistoryRequest } from '../../core/attach-base-history.js';
import { MIN_GATE_PROCESSES, type GateRequest } from '../../core/gate-request.js';
import type { InputNames } from '../../core/input-names.js';
import type { CompareRequest } from '../../core/run-compare.js';
import type { HistoryCheckRequest } from '../../core/run-history-check.js';
import type { NightRequests } from '../../core/measure-night.js';
import type { MergeRequest } from '../../core/run-merge.js';
import type { ProfileRequest } from '../../core/run-profile.js';
import type { ReportRequest } from '../../core/run-report.js';
import type { RunRecord } from '../../core/write-run-files.js';
import type { SetupTimeout } from '../../decide/duet/prepare-base.js';
import type { GateComparisonRequest } from '../../decide/gate/comparison-request.js';
import type { ProfileOptions } from '../../measure/sweep/profile-options.js';
import { createHeadConfig } from './base-side.js';
import { listChosenSettings } from './describe-settings.js';
import type { ResolvedSettings } from './resolve-settings.js';
import { nameSetting, suggestSetting } from './setting-names.js';

type Named = Pick<ResolvedSettings, 'sources' | 'face'>;

/** The core's names of its inputs, as this face and the layer that set each one name it. */
export function createInputNames(settings: Named): InputNames {
  return {
    describe: (input) => nameSetting(input, settings.face, settings.sources[input]),
    suggest: (input, example) => suggestSetting(input, settings.face, example, settings.sources[input]),
  };
}

/** What one side measures, read off the settings. */
export function selectProfileOptions(settings: Pick<ResolvedSettings, 'values'>): ProfileOptions {
  return settings.values;
}

/** The baseline (when one is named), the machine-mismatch policy and the thresholds and gated metrics. */
export function buildComparisonRequest(settings: ResolvedSettings): GateComparisonRequest {
  const { values, face, sources } = settings;
  const gated = new Set(values.failOn.flatMap((name) => GATED_METRICS[name]));
  const labels = {
    path: nameSetting('baseline', face, sources.baseline),
    name: nameSetting('baselineName', face, sources.baselineName),
  };
  return {
    baseline: values.baseline === null ? null : { path: values.baseline, name: values.baselineName, labels },
    maxQualityDrop: values.maxQualityDrop,
    policy: values.onMachineMismatch,
    options: {
      onMachineMismatch: values.onMachineMismatch,
      maxThroughputDrop: values.maxThroughputDrop,
      maxMemoryGrowth: values.maxMemoryGrowth,
      maxColdStartGrowth: values.maxColdStartGrowth,
      onInconclusive: values.failOnInconclusive ? 'fail' : 'pass',
      metrics: {
        throughput: { gated: gated.has('throughput') },
        peakMemoryMB: { gated: gated.has('peakMemoryMB') },
        p95LatencyMs: { gated: gated.has('p95LatencyMs') },
        coldStartMs: { gated: gated.has('coldStartMs') },
        loadRssMB: { gated: gated.has('loadRssMB') },
      },
    },
  };
}

/** What profile.json records: --commit (null: git HEAD) and the settings not left at their defaults. */
function recordRun(settings: ResolvedSettings): RunRecord {
  return { commit: settings.values.commit, settings: listChosenSettings(settings) };
}

export function buildProfileRequest(settings: ResolvedSettings): ProfileRequest {
  return {
    options: selectProfileOptions(settings),
    outDir: settings.values.out,
    comparison: buildComparisonRequest(settings),
    record: recordRun(settings),
    names: createInputNames(settings),
  };
}

/** The settings once the gate raised processes to its minimum, the source naming the value set. */
function raiseProcesses(settings: ResolvedSettings): ResolvedSettings {
  const processes = settings.values.processes;
  if (processes >= MIN_GATE_PROCESSES) return settings;
  const name = nameSetting('processes', settings.face, settings.sources.processes);
  return {
    ...settings,
    values: { ...settings.values, processes: MIN_GATE_PROCESSES },
    sources: {
      ...settings.sources,
      processes: { kind: 'face', reason: `the gate's minimum (${name} was ${processes})` },
    },
  };
}

/** The base setup's time limit, named as the face that set it names it. */
export function describeSetupTimeout({ values, sources, face }: ResolvedSettings): SetupTimeout {
  const key = 'baseSetupTimeoutSeconds';
  const seconds = values[key];
  return {
    seconds: seconds === 0 ? null : seconds,
    setting: nameSetting(key, face, sources[key]),
    fix: suggestSetting(key, face, String(Math.max(1800, seconds * 2)), sources[key]),
  };
}

function buildBaseHistoryRequest({ values }: ResolvedSettings): BaseHistoryRequest {
  const { historyStore, dataBranch, remote } = values;
  return { store: { historyStore, dataBranch, remote }, branch: values.historyBranch ?? 'main' };
}

export function buildGateRequest(settings: ResolvedSettings): GateRequest {
  const { values } = settings;
  return {
    ...buildProfileRequest(settings),
    against: values.against,
    base: {
      setup: values.baseSetup,
      setupTimeout: describeSetupTimeout(settings),
      headConfig: createHeadConfig(settings),
    },
    sampling: {
      budgetSeconds: values.timeBudgetSeconds,
      stopRule: values.stopRule,
      confirmRegressions: values.confirmRegressions,
    },
    baseHistory: buildBaseHistoryRequest(settings),
    record: { ...recordRun(settings), raisedSettings: listChosenSettings(raiseProcesses(settings)) },
  };
}

export function buildCompareRequest(settings: ResolvedSettings): CompareRequest {
  return {
    current: settings.values.current,
    comparison: buildComparisonRequest(settings),
    outDir: settings.values.out,
    names: createInputNames(settings),
  };
}

export function buildMergeRequest(settings: ResolvedSettings): MergeRequest {
  return {
    shardsDir: settings.values.reportDir,
    comparison: buildComparisonRequest(settings),
    outDir: settings.values.out,
    names: createInputNames(settings),
  };
}

export function buildReportRequest(settings: ResolvedSettings): ReportRequest {
  const { profileFile, comparisonFile, out } = settings.values;
  return { profileFile, comparisonFile, outDir: out, names: createInputNames(settings) };
}

export function buildHistoryCheckRequest({ values }: ResolvedSettings): HistoryCheckRequest {
  return { failOn: values.failOn, newestRuns: values.newestRuns };
}

/** The nightly's two possible measurements: no committed baseline, and the run's folder (the nightly picks). */
export function buildNightRequests(settings: ResolvedSettings): NightRequests {
  const values = { ...settings.values, against: null, baseline: null };
  const night = { ...settings, values };
  return { profile: buildProfileRequest(night), gate: buildGateRequest(night) };
}
