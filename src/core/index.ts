/**
 * The core API both faces call: each function takes resolved settings (and injected dependencies) and returns
 * a typed outcome; failures are thrown as UsageError (exit 2) or RuntimeFailure (exit 1), which
 * `captureFailure` turns into data.
 */
export { assertPathSettings } from './check-path-settings.js';
export { captureFailure, createDefaultDeps, type CoreDeps } from './core-deps.js';
export type * from './outcomes.js';
export { runBaselineUpdate, type BaselineUpdateRequest } from './run-baseline-update.js';
export { runCompare } from './run-compare.js';
export { runExport, type ExportRequest } from './run-export.js';
export {
  runHistoryAdd,
  type HistoryAddDeps,
  type HistoryAddOptions,
  type HistoryStoreTarget,
} from './run-history-add.js';
export { runGateCheck } from './run-gate-check.js';
export { runHistorySite, type HistorySiteRequest } from './run-history-site.js';
export { runMerge } from './run-merge.js';
export { runProfile } from './run-profile.js';
export { runReport } from './run-report.js';
export { readProfileFile } from './read-profile-file.js';
export { chooseHistoryTarget, readHistory, type StoredHistory } from './read-history.js';
export { runHistoryCheck, type HistoryCheckOutcome, type HistoryCheckRequest } from './run-history-check.js';
export {
  runNightly,
  type NightlyDeps,
  type NightlyOutcome,
  type NightlyRecord,
  type NightlyRequest,
  type NightlyStep,
} from './run-nightly.js';
export { measureNight, type NightMeasureRequest } from './measure-night.js';
