/** The settings of the comparison and the gate: the reference, the thresholds, the gated metrics. */
import { BASELINE_NAME_PATTERN } from '../../decide/baseline/baseline-schema.js';
import { SERVE_THRESHOLD_SETTINGS, THRESHOLD_SETTINGS } from '../../decide/compare/threshold-settings.js';
import {
  defineOptionalSetting,
  definePresetSetting,
  defineSetting,
  type CommandName,
} from '../../measure/protocol/setting-kit/setting-entry.js';
import {
  booleanKind,
  choiceKind,
  gitNameKind,
  numberKind,
  patternKind,
  textKind,
  timeLimitKind,
} from '../../measure/protocol/setting-kit/setting-kinds.js';
import { failOnKind, type FailOnName } from '../../decide/compare/gated-metrics.js';
import { STOP_RULES, type StopRule } from '../../decide/gate/inconclusive-cells.js';

const COMPARING: readonly CommandName[] = ['gate', 'compare', 'merge'];
/** The thresholds: the nightly's chained duet is a gate against the previous recorded commit. */
const THRESHOLDS: readonly CommandName[] = [...COMPARING, 'nightly'];
const DUET: readonly CommandName[] = ['gate', 'nightly'];
/** What checks out a base commit: the duets, and the serve gate's base server. */
const BASE_SIDE: readonly CommandName[] = [...DUET, 'serve-gate'];

export const GATE_SETTINGS = {
  baseline: defineOptionalSetting({
    kind: textKind('input-file-or-folder', 'baselines'),
    ...{ flag: 'baseline', flagArg: 'FILE|DIR', input: 'baseline-dir', config: 'gate.baselineDir' },
    commands: COMPARING,
    group: 'Comparison',
    help: 'a baseline file, or a folder of them (the one recorded on this machine and configuration is chosen, else the closest); the action uses baselines/ when it exists',
    inputHelp:
      "Folder of committed baselines. Default: the config file's gate.baselineDir, else baselines/ when it exists.",
  }),
  baselineName: defineOptionalSetting({
    kind: patternKind(BASELINE_NAME_PATTERN, 'a baseline name: letters, digits, ".", "_" or "-"', 'main'),
    ...{ flag: 'baseline-name', flagArg: 'NAME', input: 'baseline-name', config: 'gate.baselineName' },
    commands: COMPARING,
    group: 'Comparison',
    help: 'only consider the baseline NAME (baselines/NAME.json); the action’s update-baseline writes NAME (default main)',
    inputHelp:
      'Only consider this baseline (baselines/NAME.json); update-baseline writes NAME (default main).',
  }),
  onMachineMismatch: defineSetting({
    kind: choiceKind(['normalize', 'warn', 'fail', 'skip']),
    fallback: 'normalize' as 'normalize' | 'warn' | 'fail' | 'skip',
    ...{ flag: 'on-machine-mismatch', flagArg: 'P', input: null, config: null, commands: COMPARING },
    group: 'Comparison',
    help: 'normalize (compare calibration-normalized throughput) | warn (raw, indicative only) | fail (exit 2 listing the differences) | skip',
  }),
  ...THRESHOLD_SETTINGS,
  ...SERVE_THRESHOLD_SETTINGS,
  failOn: defineSetting({
    kind: failOnKind(),
    fallback: ['throughput', 'memory'] as FailOnName[],
    ...{ flag: 'fail-on', flagArg: 'LIST', input: 'fail-on', config: 'gate.failOn' },
    commands: [...THRESHOLDS, 'history-check'],
    group: 'Comparison',
    help: 'metrics whose regression fails the gate: throughput, memory, latency, cold-start (time to first embedding and RSS after load), or none (default throughput,memory)',
    inputHelp:
      'Comma-separated metrics whose regression fails the check (throughput, memory, latency, cold-start) or none (default throughput,memory).',
  }),
  maxQualityDrop: defineOptionalSetting({
    kind: numberKind('0.02', 1),
    ...{ flag: 'max-quality-drop', flagArg: 'F', input: 'max-quality-drop', config: 'gate.maxQualityDrop' },
    commands: DUET,
    group: 'Comparison',
    help: "duet mode: fail when the mean cosine similarity of the head's embeddings to the base's, on a sample of the corpus, drops by more than F (e.g. 0.02); default: reported, not gated",
    inputHelp:
      "Fail the check when the mean cosine similarity of the head's embeddings to the base's (a sample of the corpus) drops by more than this, e.g. 0.02. Default: reported, not gated.",
  }),
  failOnInconclusive: defineSetting({
    kind: booleanKind(),
    fallback: false,
    ...{ flag: 'fail-on-inconclusive', input: 'fail-on-inconclusive', config: 'gate.failOnInconclusive' },
    commands: [...THRESHOLDS, 'serve-gate'],
    group: 'Comparison',
    help: 'fail the check when a gated metric stays inconclusive (default: pass with ⚠️ Inconclusive and the smallest change the run could have seen)',
    inputHelp:
      "true fails the check when a gated metric stays inconclusive. Default: the config file's gate.failOnInconclusive, else false (the check passes, its first line says ⚠️ Inconclusive).",
  }),
  confirmRegressions: defineSetting({
    kind: booleanKind(),
    fallback: true,
    ...{ flag: 'no-confirm', negated: true, input: 'confirm-regressions', config: 'gate.confirmRegressions' },
    commands: DUET,
    group: 'Comparison',
    help: 'duet mode: fail on the first comparison (--no-confirm) instead of measuring the regressed cells again in fresh processes, with a new cell order, and failing only when that run regresses too',
    inputHelp:
      'false fails on the first comparison; by default a regression is measured again in fresh processes (a new cell order) and fails the check only when that run agrees.',
  }),
  timeBudgetSeconds: definePresetSetting({
    kind: numberKind('600'),
    presetDefault: (_preset, name) => (name === 'pr' ? 180 : 600),
    ...{ flag: 'time-budget', flagArg: 'SECONDS', input: 'time-budget', config: 'gate.timeBudgetSeconds' },
    commands: DUET,
    group: 'Comparison',
    help: 'wall-clock budget of the whole gate in seconds, first pass included; an extra round starts only when it fits',
    inputHelp: 'Wall-clock budget of the gate in seconds, first pass included.',
  }),
  stopRule: defineSetting({
    kind: choiceKind(STOP_RULES),
    fallback: 'aggregate' as StopRule,
    ...{ flag: 'stop-rule', flagArg: 'R', input: null, config: 'gate.stopRule', commands: DUET },
    group: 'Comparison',
    help: 'when adaptive sampling stops: aggregate (default: every gated aggregate decided and no cell that could still hide a regression of the threshold) or every-cell (every cell within ±threshold/2 or decided)',
  }),
  against: defineOptionalSetting({
    kind: gitNameKind('ref', 'origin/main'),
    ...{ flag: 'against', flagArg: 'REF', input: null, config: null, commands: ['gate', 'serve-gate'] },
    group: 'Reference',
    help: "duet mode: measure REF (branch, tag or commit, fetched if the clone is shallow) in a temporary git worktree side by side with the working tree; REF's own embedprof.config.json says what it measures; when REF cannot be measured, --baseline is used and the reason reported",
  }),
  baseSetup: defineOptionalSetting({
    kind: textKind('none', 'npm ci'),
    ...{ flag: 'base-setup', flagArg: 'CMD', input: 'base-setup', config: 'gate.baseSetup' },
    commands: BASE_SIDE,
    group: 'Reference',
    help: 'shell command run in the base worktree before duet mode measures it, e.g. "npm ci" (user code)',
    inputHelp: "Shell command run in the base commit's worktree before duet mode measures it, e.g. npm ci.",
  }),
  baseSetupTimeoutSeconds: defineSetting({
    kind: timeLimitKind('1800'),
    fallback: 900,
    ...{ flag: 'base-setup-timeout', flagArg: 'SECONDS', input: 'base-setup-timeout' },
    ...{ config: 'gate.baseSetupTimeoutSeconds', commands: BASE_SIDE },
    group: 'Reference',
    help: 'stop the base setup, with every process it started, after this many seconds; 0 for no limit (default 900)',
    inputHelp:
      'Seconds the base setup may run before it is stopped, with every process it started (default 900; 0 for no limit).',
  }),
};
