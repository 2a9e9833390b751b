/**
 * What the core's `gate` is asked to do, as typed values (the faces build it: settings/build-requests.ts),
 * and the gate's minimum of processes: fewer are raised for a comparison, and the comparison says so.
 */
import type { PrepareBaseRequest } from '../decide/duet/prepare-base.js';
import type { GateComparisonRequest } from '../decide/gate/comparison-request.js';
import type { StopRule } from '../decide/gate/inconclusive-cells.js';
import type { ProfileOptions } from '../measure/sweep/profile-options.js';
import type { BaseHistoryRequest } from './attach-base-history.js';
import type { InputNames } from './input-names.js';
import type { RecordedSetting, RunRecord } from './write-run-files.js';

export interface GateRequest {
  /** What the head measures, and the workload of both sides in duet mode. */
  options: ProfileOptions;
  outDir: string;
  /** The baseline (duet mode: the fallback, may be null), the machine-mismatch policy and the thresholds. */
  comparison: GateComparisonRequest;
  /** Duet mode's base ref, measured side by side with the working tree; null to gate on the baseline. */
  against: string | null;
  /** How duet mode readies the base: its setup command, the setup's time limit, the head's config file. */
  base: Pick<PrepareBaseRequest, 'setup' | 'setupTimeout' | 'headConfig'>;
  /** Adaptive sampling: the wall-clock budget of the whole gate, and when it stops. */
  sampling: { budgetSeconds: number; stopRule: StopRule; confirmRegressions: boolean };
  /** The history store whose base-branch series the comment compares with. */
  baseHistory: BaseHistoryRequest;
  /**
   * The commit and the settings the profile records; `raisedSettings` lists them once processes are raised
   * to MIN_GATE_PROCESSES for a comparison (the source named as the face names it).
   */
  record: RunRecord & { raisedSettings: RecordedSetting[] };
  names: InputNames;
}

/** A cell verdict rests on an interval with at least 2 degrees of freedom: 3 pairs, or 3 processes a side. */
export const MIN_GATE_PROCESSES = 3;

/**
 * The processes a comparison measures with. Fewer than a verdict needs are raised to the minimum (and the
 * comparison says so: noteRaisedProcesses), not refused: the same embedprof.config.json serves profiles,
 * where 2 is a fair choice, and a gate with fewer could only ever say "inconclusive". A run that compares
 * nothing (the pull request adding embedprof) keeps the value as set.
 */
export function raiseProcessesToCompare(options: ProfileOptions): ProfileOptions {
  return options.processes >= MIN_GATE_PROCESSES ? options : { ...options, processes: MIN_GATE_PROCESSES };
}

/** The note a comparison carries when its processes were raised, or null. */
export function noteRaisedProcesses(request: GateRequest, used: number): string | null {
  const { processes } = request.options;
  if (used === processes) return null;
  const name = request.names.describe('processes');
  const fix = request.names.suggest('processes', String(MIN_GATE_PROCESSES));
  return `${name} is ${processes}: this comparison measured ${used} processes (pairs) a cell, the fewest a cell verdict can rest on (2 degrees of freedom). ${fix}`;
}

/** What the profile records: the settings as raised when the comparison raised its processes. */
export function chooseRecord(request: GateRequest, processes: number): RunRecord {
  const { commit, settings, raisedSettings } = request.record;
  return { commit, settings: processes === request.options.processes ? settings : raisedSettings };
}
