/**
 * The core's `gate`: profile + compare + adaptive sampling, against the base measured side by side (duet mode,
 * `against`) or a committed baseline. Every input (settings, config, baselines, corpus, model, and a
 * mismatched machine under on-machine-mismatch fail) is checked before the first worker starts.
 */
import { loadCandidateBaselines, pickBaseline } from '../decide/baseline/choose-baseline.js';
import { createFingerprint } from '../decide/baseline/fingerprint.js';
import type { Comparison, ComparisonReference } from '../decide/compare/comparison-schema.js';
import { describeHeadFailure } from '../decide/compare/head-failures.js';
import { prepareBase, type PreparedBase } from '../decide/duet/prepare-base.js';
import type { ComparisonRequest } from '../decide/gate/comparison-request.js';
import { decideGateExitCode } from '../decide/gate/gate-exit-code.js';
import { hideWorktree, runDuetGate } from '../decide/gate/run-duet-gate.js';
import { runGate } from '../decide/gate/run-gate.js';
import { createProfileMeasurement } from '../measure/sweep/profile-measurement.js';
import { prepareRun, type PreparedRun } from '../measure/sweep/prepare-run.js';
import { attachBaseHistory } from './attach-base-history.js';
import type { CoreDeps } from './core-deps.js';
import {
  chooseRecord,
  noteRaisedProcesses,
  raiseProcessesToCompare,
  type GateRequest,
} from './gate-request.js';
import { createInputError } from './input-names.js';
import type { GateOutcome } from './outcomes.js';
import { prepareOutputDir } from './output-files.js';
import { countFailedCells, countMeasuredCells, withSettings, writeRunFiles } from './write-run-files.js';

type Measured = Pick<GateOutcome, 'profile' | 'comparison' | 'baseProfile' | 'adoption'> & {
  /** The processes (pairs) a cell measured with: raised to the minimum for a comparison. */
  processes: number;
};

interface GateContext {
  request: GateRequest;
  /** The prepared run, with the clock its profiles' wall time ends on. */
  run: PreparedRun & { now: CoreDeps['now'] };
  deps: CoreDeps;
  elapsedSeconds: () => number;
}

export async function runGateCheck(request: GateRequest, deps: CoreDeps): Promise<GateOutcome> {
  const started = deps.now().getTime();
  const { against } = request;
  if (against === null) requireBaseline(request, null);
  const outDir = await prepareOutputDir(request.outDir, request.names);
  const run = { ...(await prepareRun(request.options, outDir, deps.progress)), now: deps.now };
  const elapsedSeconds = () => (deps.now().getTime() - started) / 1000;
  const context: GateContext = { request, run, deps, elapsedSeconds };
  const measured =
    against === null
      ? await gateOnBaseline(context, requireBaseline(request, null), null)
      : await gateOnBase(context, await prepareDuetBase(context, against));
  const raised = noteRaisedProcesses(request, measured.processes);
  if (raised !== null) run.progress.note(raised);
  const comparison =
    measured.comparison === null
      ? null
      : await attachBaseHistory(
          addNote(measured.comparison, raised),
          request.baseHistory,
          deps.cwd,
          run.progress,
        );
  const { processes, ...documents } = measured;
  const profile = withSettings(measured.profile, chooseRecord(request, processes), deps.cwd);
  const withSources = { ...documents, comparison, profile };
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
  const { request, run, deps } = context;
  const base = await prepareBase({
    ref,
    ...request.base,
    head: request.options,
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

function requireBaseline(request: GateRequest, why: string | null): ComparisonRequest {
  const baseline = request.comparison.baseline;
  if (baseline !== null) return { ...request.comparison, baseline };
  const { against } = request;
  throw createInputError(request.names, 'baseline', {
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
  const { request, run, deps } = context;
  const compared = request.comparison;
  if (base.kind === 'unavailable' && base.adoption === true && compared.baseline === null) {
    run.progress.note(`${base.reason}: this change adds embedprof, so its profile is recorded, not compared`);
    return profileAlone(context, base.reason);
  }
  if (base.kind === 'unavailable') {
    const fallback = requireBaseline(request, base.reason);
    run.progress.note(`duet mode unavailable (${base.reason}): comparing with the committed baseline`);
    return gateOnBaseline(context, fallback, { kind: 'baseline', fallbackReason: base.reason });
  }
  try {
    const startedAt = deps.now();
    const used = raiseProcessesToCompare(request.options);
    const head = createProfileMeasurement({ ...run, options: used, startedAt });
    const measuredBase = createProfileMeasurement({
      ...run,
      options: { ...base.options, processes: used.processes },
      model: base.model,
      startedAt,
    });
    const result = await runDuetGate({
      head,
      base: measuredBase,
      reference: base.reference,
      options: compared.options,
      pairsPerCell: used.processes,
      seed: used.seed,
      ...request.sampling,
      elapsedSeconds: context.elapsedSeconds,
      progress: run.progress,
      baseWorktree: base.worktree,
      maxQualityDrop: compared.maxQualityDrop,
    });
    const { profile, comparison, baseProfile } = result;
    const fallbackReason = describeFailedBase(comparison);
    if (fallbackReason === null || compared.baseline === null) {
      return { profile, comparison, baseProfile, adoption: null, processes: used.processes };
    }
    run.progress.note(`${fallbackReason}: comparing with the committed baseline instead`);
    const fallback = { ...compared, baseline: compared.baseline };
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
  compared: ComparisonRequest,
  reference: ComparisonReference | null,
): Promise<Measured> {
  const { run, deps } = context;
  const candidates = await loadCandidateBaselines(compared.baseline);
  const options = raiseProcessesToCompare(context.request.options);
  const measurement = createProfileMeasurement({ ...run, options, startedAt: deps.now() });
  const preview = createFingerprint({ environment: measurement.environment, model: run.model.info });
  pickBaseline(candidates, preview, compared.policy, compared.baseline);
  const result = await runGate({
    measurement,
    candidates,
    comparison: compared,
    processesPerCell: options.processes,
    seed: options.seed,
    ...context.request.sampling,
    elapsedSeconds: context.elapsedSeconds,
    progress: run.progress,
    reference,
  });
  const { profile, comparison } = result;
  return { profile, comparison, baseProfile: null, adoption: null, processes: options.processes };
}

/** The first pull request adding embedprof: the head's profile alone, with the reason nothing was compared. */
async function profileAlone(context: GateContext, reason: string): Promise<Measured> {
  const { request, run, deps } = context;
  const { options } = request;
  const measurement = createProfileMeasurement({ ...run, options, startedAt: deps.now() });
  const states = await measurement.measure(measurement.cells, options.processes, options.seed);
  const profile = measurement.build(states, await measurement.analyze());
  return { profile, comparison: null, baseProfile: null, adoption: reason, processes: options.processes };
}
