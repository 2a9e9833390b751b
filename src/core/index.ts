/**
 * The core API both faces call: each function takes a typed request (built from the face's settings by
 * settings/build-requests.ts) and injected dependencies, and returns a typed outcome; failures are thrown as
 * UsageError (exit 2) or RuntimeFailure (exit 1), which `captureFailure` turns into data.
 */
export { captureFailure, createDefaultDeps, type CoreDeps } from './core-deps.js';
export type { BaseHistoryRequest } from './attach-base-history.js';
export { MIN_GATE_PROCESSES, type GateRequest } from './gate-request.js';
export type { InputNames, RequestInput } from './input-names.js';
export type * from './outcomes.js';
export { runBaselineUpdate, type BaselineUpdateRequest } from './run-baseline-update.js';
export { runCompare, type CompareRequest } from './run-compare.js';
export { runExport, type ExportRequest } from './run-export.js';
export {
  runHistoryAdd,
  type HistoryAddDeps,
  type HistoryAddOptions,
  type HistoryStoreTarget,
} from './run-history-add.js';
export { runGateCheck } from './run-gate-check.js';
export { runHistorySite, type HistorySiteRequest } from './run-history-site.js';
export { runMerge, type MergeRequest } from './run-merge.js';
export { runProfile, type ProfileRequest } from './run-profile.js';
export { runServeProfile, type ServeProfileOutcome, type ServeProfileRequest } from './run-serve-profile.js';
export { runServeGate } from './run-serve-gate.js';
export type { ServeGateOutcome, ServeGateRequest } from './serve-gate-request.js';
export { runReport, type ReportRequest } from './run-report.js';
export { readProfileFile } from './read-profile-file.js';
export {
  chooseHistoryTarget,
  readHistory,
  type HistoryStoreChoice,
  type StoredHistory,
} from './read-history.js';
export { runHistoryCheck, type HistoryCheckOutcome, type HistoryCheckRequest } from './run-history-check.js';
export {
  runNightly,
  type NightlyDeps,
  type NightlyOutcome,
  type NightlyRecord,
  type NightlyRequest,
  type NightlyStep,
} from './run-nightly.js';
export type { NightMeasureRequest, NightRequests } from './measure-night.js';
export type { RecordedSetting, RunRecord } from './write-run-files.js';
