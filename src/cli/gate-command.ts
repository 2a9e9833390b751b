import { createFingerprint } from '../baseline/fingerprint.js';
import type { ComparisonReference } from '../compare/comparison-schema.js';
import { prepareBase, type PreparedBase } from '../duet/prepare-base.js';
import { createUsageError } from '../errors.js';
import { assertMachinePolicy, chooseBaseline, loadCandidateBaselines } from '../gate/choose-baseline.js';
import { decideGateExitCode } from '../gate/gate-exit-code.js';
import { runDuetGate } from '../gate/run-duet-gate.js';
import { runGate } from '../gate/run-gate.js';
import type { BaselineRequest } from '../gate/choose-baseline.js';
import { profileSchema, type Profile } from '../schema/profile-schema.js';
import { applyConfig } from './apply-config.js';
import type { ComparisonRequest } from './compare-args.js';
import { formatComparisonSummary } from './format-comparison.js';
import { formatProfileTable } from './format-table.js';
import { GATE_HELP, isHelpRequested, parseGateArgs, type GateOptions } from './gate-args.js';
import { writeJsonAtomically } from './output-files.js';
import { prepareRun, type PreparedRun } from './profile-command.js';
import { createProfileMeasurement } from './profile-measurement.js';
import type { GateOutcome } from './gate-outcome.js';
import { writeComparison } from './write-comparison.js';
import { writeReports } from './write-reports.js';

/**
 * `embedprof gate`: profile + compare + adaptive sampling, against the base measured side by side (duet mode,
 * --against) or a committed baseline. Every input (flags, config, baselines, corpus, model, and a mismatched
 * machine under --on-machine-mismatch fail) is checked before the first worker starts.
 */
export async function runGateCommand(argv: string[]): Promise<number> {
  if (isHelpRequested(argv)) {
    process.stdout.write(`${GATE_HELP}\n`);
    return 0;
  }
  const commandStart = Date.now();
  const configured = await applyConfig('gate', argv);
  const gate = parseGateArgs(configured.argv);
  const run = await prepareRun(gate.profile);
  const elapsedSeconds = () => (Date.now() - commandStart) / 1000;
  let outcome: GateOutcome;
  if (gate.against === null) {
    outcome = await gateOnBaseline(gate, run, requireBaseline(gate), elapsedSeconds, null);
  } else {
    const base = await prepareBase({
      ref: gate.against,
      setup: gate.baseSetup,
      head: gate.profile,
      headConfig: configured.config,
      progress: run.progress,
    });
    outcome = await gateOnBase(gate, run, base, elapsedSeconds);
  }
  return finishGate(run, outcome);
}

function requireBaseline(gate: GateOptions, why: string | null = null): ComparisonRequest {
  const baseline: BaselineRequest | null = gate.comparison.baseline;
  if (baseline !== null) return { ...gate.comparison, baseline };
  throw createUsageError({
    input: '--baseline',
    expected: 'a baseline file or folder to fall back to when the base cannot be measured',
    received: `nothing, and --against ${gate.against ?? ''} cannot be measured: ${why ?? 'unknown reason'}`,
    fix: 'Fix what stops the base from running, or pass --baseline baselines/ (the action does by default).',
  });
}

async function gateOnBase(
  gate: GateOptions,
  run: PreparedRun,
  base: PreparedBase,
  elapsedSeconds: () => number,
): Promise<GateOutcome> {
  if (base.kind === 'unavailable') {
    const request = requireBaseline(gate, base.reason);
    run.progress.note(`duet mode unavailable (${base.reason}): comparing with the committed baseline`);
    const fallback: ComparisonReference = { kind: 'baseline', fallbackReason: base.reason };
    return gateOnBaseline(gate, run, request, elapsedSeconds, fallback);
  }
  try {
    const startedAt = new Date();
    const head = createProfileMeasurement({ ...run, options: gate.profile, startedAt });
    const measuredBase = createProfileMeasurement({
      ...run,
      options: base.options,
      model: base.model,
      startedAt,
    });
    const result = await runDuetGate({
      head,
      base: measuredBase,
      reference: base.reference,
      options: gate.comparison.options,
      pairsPerCell: gate.profile.processes,
      seed: gate.profile.seed,
      budgetSeconds: gate.timeBudgetSeconds,
      elapsedSeconds,
      progress: run.progress,
    });
    return { profile: result.profile, comparison: result.comparison, baseProfile: result.baseProfile };
  } finally {
    await base.cleanup();
  }
}

async function gateOnBaseline(
  gate: GateOptions,
  run: PreparedRun,
  request: ComparisonRequest,
  elapsedSeconds: () => number,
  reference: ComparisonReference | null,
): Promise<GateOutcome> {
  const candidates = await loadCandidateBaselines(request.baseline);
  const measurement = createProfileMeasurement({ ...run, options: gate.profile, startedAt: new Date() });
  const preview = createFingerprint({ environment: measurement.environment, model: run.model.info });
  assertMachinePolicy(chooseBaseline(candidates, preview), preview, request.policy, request.baseline.path);
  const result = await runGate({
    measurement,
    candidates,
    comparison: request,
    processesPerCell: gate.profile.processes,
    seed: gate.profile.seed,
    budgetSeconds: gate.timeBudgetSeconds,
    elapsedSeconds,
    progress: run.progress,
    reference,
  });
  return { profile: result.profile, comparison: result.comparison, baseProfile: null };
}

async function finishGate(run: PreparedRun, outcome: GateOutcome): Promise<number> {
  const { profile, comparison, baseProfile } = outcome;
  const profilePath = await writeJsonAtomically(run.outDir, 'profile.json', profileSchema.parse(profile));
  if (baseProfile !== null) {
    await writeJsonAtomically(run.outDir, 'base-profile.json', profileSchema.parse(baseProfile));
  }
  const comparisonPath = await writeComparison(run.outDir, comparison);
  await writeReports(run.outDir, profile, comparison);
  run.progress.finish();
  const lines = [formatComparisonSummary(comparison), '', formatProfileTable(profile)];
  process.stdout.write(`${lines.join('\n')}\nWrote ${profilePath}\nWrote ${comparisonPath}\n`);
  return Math.max(decideGateExitCode(comparison), countFailedCells(profile) > 0 ? 1 : 0);
}

function countFailedCells(profile: Profile): number {
  return [...profile.batchSweep, ...profile.lengthSweep].filter((cell) => cell.status === 'failed').length;
}
