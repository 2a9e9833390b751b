import { createFingerprint } from '../baseline/fingerprint.js';
import { profileSchema, type Profile } from '../schema/profile-schema.js';
import { assertMachinePolicy, chooseBaseline, loadCandidateBaselines } from '../gate/choose-baseline.js';
import { decideGateExitCode } from '../gate/gate-exit-code.js';
import { createProfileMeasurement } from './profile-measurement.js';
import { runGate } from '../gate/run-gate.js';
import { formatComparisonSummary } from './format-comparison.js';
import { formatProfileTable } from './format-table.js';
import { GATE_HELP, isHelpRequested, parseGateArgs } from './gate-args.js';
import { writeJsonAtomically } from './output-files.js';
import { prepareRun } from './profile-command.js';
import { writeComparison } from './write-comparison.js';
import { writeReports } from './write-reports.js';

/**
 * `embedprof gate`: profile + compare + adaptive sampling. Every input (flags, baselines, corpus, model, and
 * a mismatched machine under --on-machine-mismatch fail) is checked before the first worker starts.
 */
export async function runGateCommand(argv: string[]): Promise<number> {
  if (isHelpRequested(argv)) {
    process.stdout.write(`${GATE_HELP}\n`);
    return 0;
  }
  const commandStart = Date.now();
  const gate = parseGateArgs(argv);
  const options = gate.profile;
  const candidates = await loadCandidateBaselines(gate.comparison.baseline);
  const { outDir, corpus, model, progress } = await prepareRun(options);
  const measurement = createProfileMeasurement({ options, model, corpus, progress, startedAt: new Date() });
  const preview = createFingerprint({ environment: measurement.environment, model: model.info });
  assertMachinePolicy(
    chooseBaseline(candidates, preview),
    preview,
    gate.comparison.policy,
    gate.comparison.baseline.path,
  );
  const result = await runGate({
    measurement,
    candidates,
    comparison: gate.comparison,
    processesPerCell: options.processes,
    seed: options.seed,
    budgetSeconds: gate.timeBudgetSeconds,
    elapsedSeconds: () => (Date.now() - commandStart) / 1000,
    progress,
  });
  const profilePath = await writeJsonAtomically(outDir, 'profile.json', profileSchema.parse(result.profile));
  const comparisonPath = await writeComparison(outDir, result.comparison);
  await writeReports(outDir, result.profile, result.comparison);
  progress.finish();
  const lines = [formatComparisonSummary(result.comparison), '', formatProfileTable(result.profile)];
  process.stdout.write(`${lines.join('\n')}\nWrote ${profilePath}\nWrote ${comparisonPath}\n`);
  return Math.max(decideGateExitCode(result.comparison), countFailedCells(result.profile) > 0 ? 1 : 0);
}

function countFailedCells(profile: Profile): number {
  return [...profile.batchSweep, ...profile.lengthSweep].filter((cell) => cell.status === 'failed').length;
}
