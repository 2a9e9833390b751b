/**
 * The core's `gate`: profile + compare + adaptive sampling, against the base measured side by side (duet mode,
 * `against`) or a committed baseline. Every input (settings, config, baselines, corpus, model, and a
 * mismatched machine under on-machine-mismatch fail) is checked before the first worker starts.
 */
import { loadCandidateBaselines, pickBaseline } from '../baseline/choose-baseline.js';
import { createFingerprint } from '../baseline/fingerprint.js';
import type { Comparison, ComparisonReference } from '../compare/comparison-schema.js';
import { describeHeadFailure } from '../compare/head-failures.js';
import { prepareBase, type PreparedBase, type SetupTimeout } from '../duet/prepare-base.js';
import {
  buildComparisonRequest,
  type ComparisonRequest,
  type GateComparisonRequest,
} from '../gate/comparison-request.js';
import { decideGateExitCode } from '../gate/gate-exit-code.js';
import { hideWorktree, runDuetGate } from '../gate/run-duet-gate.js';
import { runGate } from '../gate/run-gate.js';
import { createProfileMeasurement } from '../run/profile-measurement.js';
import { prepareRun, type PreparedRun } from '../run/prepare-run.js';
import { createSettingError, type ResolvedSettings } from '../settings/resolve-settings.js';
import { nameSetting, suggestSetting } from '../settings/setting-names.js';
import { attachBaseHistory } from './attach-base-history.js';
import type { CoreDeps } from './core-deps.js';
import type { GateOutcome } from './outcomes.js';
import { prepareOutputDir } from './output-files.js';
import { countFailedCells, countMeasuredCells, withSettings, writeRunFiles } from './write-run-files.js';

type Measured = Pick<GateOutcome, 'profile' | 'comparison' | 'baseProfile' | 'adoption'> & {
  /** The settings measured with (processes raised for a comparison). */
  settings: ResolvedSettings;
};

interface GateContext {
  settings: ResolvedSettings;
  request: GateComparisonRequest;
  /** The prepared run, with the clock its profiles' wall time ends on. */
  run: PreparedRun & { now: CoreDeps['now'] };
  deps: CoreDeps;
  elapsedSeconds: () => number;
}

/** A cell verdict rests on an interval with at least 2 degrees of freedom: 3 pairs, or 3 processes a side. */
export const MIN_GATE_PROCESSES = 3;

/**
 * The settings a comparison measures with. Fewer processes than a verdict needs are raised to the minimum
 * (and the comparison says so: noteRaisedProcesses), not refused: the same embedprof.config.json serves
 * profiles, where 2 is a fair choice, and a gate with fewer could only ever say "inconclusive". A run that
 * compares nothing (the pull request adding embedprof) keeps the value as set.
 */
function raiseProcessesToCompare(settings: ResolvedSettings): ResolvedSettings {
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

/** The note a comparison carries when its processes were raised, or null. */
function noteRaisedProcesses(settings: ResolvedSettings, used: ResolvedSettings): string | null {
  const { processes } = settings.values;
  if (used.values.processes === processes) return null;
  const name = nameSetting('processes', settings.face, settings.sources.processes);
  const fix = suggestSetting(
    'processes',
    settings.face,
    String(MIN_GATE_PROCESSES),
    settings.sources.processes,
  );
  return `${name} is ${processes}: this comparison measured ${used.values.processes} processes (pairs) a cell, the fewest a cell verdict can rest on (2 degrees of freedom). ${fix}`;
}

export async function runGateCheck(settings: ResolvedSettings, deps: CoreDeps): Promise<GateOutcome> {
  const started = deps.now().getTime();
  const { values } = settings;
  const request = buildComparisonRequest(settings);
  if (values.against === null) requireBaseline(settings, request, null);
  const outDir = await prepareOutputDir(values.out, settings);
  const run = { ...(await prepareRun(values, outDir, deps.progress)), now: deps.now };
  const elapsedSeconds = () => (deps.now().getTime() - started) / 1000;
  const context: GateContext = { settings, request, run, deps, elapsedSeconds };
  const measured =
    values.against === null
      ? await gateOnBaseline(context, requireBaseline(settings, request, null), null)
      : await gateOnBase(context, await prepareDuetBase(context, values.against));
  const raised = noteRaisedProcesses(settings, measured.settings);
  if (raised !== null) run.progress.note(raised);
  const comparison =
    measured.comparison === null
      ? null
      : await attachBaseHistory(addNote(measured.comparison, raised), settings, deps.cwd, run.progress);
  const { settings: used, ...documents } = measured;
  const withSources = {
    ...documents,
    comparison,
    profile: withSettings(measured.profile, used, deps.cwd),
  };
  const files = await writeRunFiles(outDir, withSources);
  run.progress.finish();
  const failed = countFailedCells(measured.profile) > 0 || countMeasuredCells(measured.profile) === 0 ? 1 : 0;
  const compared = measured.comparison === null ? 0 : decideGateExitCode(measured.comparison);
  const exitCode = Math.max(compared, failed) as 0 | 1;
  return { kind: 'gate', ...withSources, outDir, files, exitCode };
}

function addNote(comparison: Comparison, note: string | null): Comparison {
  if (note === null) return comparison;
  return { ...comparison, overall: { ...comparison.overall, notes: [...comparison.overall.notes, note] } };
}

async function prepareDuetBase(context: GateContext, ref: string): Promise<PreparedBase> {
  const { settings, run, deps } = context;
  const base = await prepareBase({
    ref,
    setup: settings.values.baseSetup,
    setupTimeout: describeSetupTimeout(settings),
    head: settings.values,
    headConfig: settings.configFile,
    progress: run.progress,
    cwd: deps.cwd,
  });
  return base.kind === 'ready' ? showBaseModel(base) : base;
}

/**
 * The base's model as its profile names it: its paths in the repository, not in the temporary worktree
 * (removed after the run, and another on every runner, so shards of one run would name different things).
 */
function showBaseModel(base: Extract<PreparedBase, { kind: 'ready' }>): PreparedBase {
  const { info } = base.model;
  const show = (text: string) => hideWorktree(text, base.worktree);
  const onnxPath = info.onnxPath === null ? null : show(info.onnxPath);
  const shown = { ...info, spec: show(info.spec), onnxPath, tokenizer: show(info.tokenizer) };
  return { ...base, model: { ...base.model, info: shown } };
}

/** The base setup's time limit, named as the face that set it names it. */
function describeSetupTimeout({ values, sources, face }: ResolvedSettings): SetupTimeout {
  const key = 'baseSetupTimeoutSeconds';
  const seconds = values[key];
  return {
    seconds: seconds === 0 ? null : seconds,
    setting: nameSetting(key, face, sources[key]),
    fix: suggestSetting(key, face, String(Math.max(1800, seconds * 2)), sources[key]),
  };
}

function requireBaseline(
  settings: ResolvedSettings,
  request: GateComparisonRequest,
  why: string | null,
): ComparisonRequest {
  const baseline = request.baseline;
  if (baseline !== null) return { ...request, baseline };
  const against = settings.values.against;
  throw createSettingError(settings, 'baseline', {
    expected:
      against === null
        ? 'a baseline file or folder to compare with (or duet mode against a git ref)'
        : 'a baseline file or folder to fall back to when the base cannot be measured',
    received:
      against === null ? 'nothing' : `nothing, and ${against} cannot be measured: ${why ?? 'unknown reason'}`,
    example: 'baselines',
  });
}

async function gateOnBase(context: GateContext, base: PreparedBase): Promise<Measured> {
  const { settings, request, run, deps } = context;
  if (base.kind === 'unavailable' && base.adoption === true && request.baseline === null) {
    run.progress.note(`${base.reason}: this change adds embedprof, so its profile is recorded, not compared`);
    return profileAlone(context, base.reason);
  }
  if (base.kind === 'unavailable') {
    const fallback = requireBaseline(settings, request, base.reason);
    run.progress.note(`duet mode unavailable (${base.reason}): comparing with the committed baseline`);
    return gateOnBaseline(context, fallback, { kind: 'baseline', fallbackReason: base.reason });
  }
  try {
    const startedAt = deps.now();
    const used = raiseProcessesToCompare(settings);
    const head = createProfileMeasurement({ ...run, options: used.values, startedAt });
    const measuredBase = createProfileMeasurement({
      ...run,
      options: { ...base.options, processes: used.values.processes },
      model: base.model,
      startedAt,
    });
    const result = await runDuetGate({
      head,
      base: measuredBase,
      reference: base.reference,
      options: request.options,
      pairsPerCell: used.values.processes,
      seed: settings.values.seed,
      budgetSeconds: settings.values.timeBudgetSeconds,
      stopRule: settings.values.stopRule,
      elapsedSeconds: context.elapsedSeconds,
      progress: run.progress,
      baseWorktree: base.worktree,
    });
    const { profile, comparison, baseProfile } = result;
    const fallbackReason = describeFailedBase(comparison);
    if (fallbackReason === null || request.baseline === null) {
      return { profile, comparison, baseProfile, adoption: null, settings: used };
    }
    run.progress.note(`${fallbackReason}: comparing with the committed baseline instead`);
    const fallback = { ...request, baseline: request.baseline };
    return await gateOnBaseline(context, fallback, { kind: 'baseline', fallbackReason });
  } finally {
    await base.cleanup();
  }
}

/** Why the base could not be measured after all (it failed in a cell on its own account), or null. */
function describeFailedBase(comparison: Comparison): string | null {
  const [first, ...more] = comparison.overall.baseFailures;
  if (first === undefined) return null;
  const others = more.length === 0 ? '' : ` (and ${more.length} more cell(s))`;
  return `the base failed: ${describeHeadFailure(first)}${others}`;
}

async function gateOnBaseline(
  context: GateContext,
  request: ComparisonRequest,
  reference: ComparisonReference | null,
): Promise<Measured> {
  const { run, deps } = context;
  const candidates = await loadCandidateBaselines(request.baseline);
  const settings = raiseProcessesToCompare(context.settings);
  const measurement = createProfileMeasurement({ ...run, options: settings.values, startedAt: deps.now() });
  const preview = createFingerprint({ environment: measurement.environment, model: run.model.info });
  pickBaseline(candidates, preview, request.policy, request.baseline);
  const result = await runGate({
    measurement,
    candidates,
    comparison: request,
    processesPerCell: settings.values.processes,
    seed: settings.values.seed,
    budgetSeconds: settings.values.timeBudgetSeconds,
    stopRule: settings.values.stopRule,
    elapsedSeconds: context.elapsedSeconds,
    progress: run.progress,
    reference,
  });
  const { profile, comparison } = result;
  return { profile, comparison, baseProfile: null, adoption: null, settings };
}

/** The first pull request adding embedprof: the head's profile alone, with the reason nothing was compared. */
async function profileAlone(context: GateContext, reason: string): Promise<Measured> {
  const { settings, run, deps } = context;
  const measurement = createProfileMeasurement({ ...run, options: settings.values, startedAt: deps.now() });
  const states = await measurement.measure(
    measurement.cells,
    settings.values.processes,
    settings.values.seed,
  );
  const profile = measurement.build(states, await measurement.analyze());
  return { profile, comparison: null, baseProfile: null, adoption: reason, settings };
}
