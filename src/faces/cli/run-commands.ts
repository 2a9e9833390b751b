/**
 * Each CLI command as a face over the core: the command line becomes settings, the core runs, and the
 * outcome is printed. Nothing here measures or decides.
 */
import { join } from 'node:path';
import type { Baseline } from '../../decide/baseline/baseline-schema.js';
import {
  createDefaultDeps,
  readProfileFile,
  runBaselineUpdate,
  runCompare,
  runExport,
  runGateCheck,
  runMerge,
  runProfile,
  runReport,
  type GateOutcome,
} from '../../core/index.js';
import {
  buildCompareRequest,
  buildGateRequest,
  buildMergeRequest,
  buildProfileRequest,
  buildReportRequest,
} from '../settings/build-requests.js';
import { assertPathSettings } from '../settings/check-path-settings.js';
import { createSettingError, type ResolvedSettings } from '../settings/resolve-settings.js';
import type { CommandName } from '../../measure/protocol/setting-kit/setting-entry.js';
import { formatCommandHelp } from './command-help.js';
import { formatComparisonSummary } from '../../report/terminal/format-comparison.js';
import { formatProfileTable } from '../../report/terminal/format-profile-table.js';
import { listCommandKeys } from './read-flags.js';
import { resolveCliSettings } from './resolve-cli-settings.js';
import {
  runHistoryAddCommand,
  runHistoryCheckCommand,
  runHistorySiteCommand,
} from './run-history-commands.js';
import { runNightlyCommand } from './run-nightly-command.js';
import { runServeReferenceCommand } from './run-serve-reference.js';
import { runServeGateCommand } from './run-serve-gate.js';
import { runServeProfileCommand } from './run-serve-profile.js';

type CommandRun = (settings: ResolvedSettings) => Promise<number>;

const print = (text: string) => void process.stdout.write(`${text}\n`);

async function runProfileCommand(settings: ResolvedSettings): Promise<number> {
  const outcome = await runProfile(buildProfileRequest(settings), createDefaultDeps(settings.values.quiet));
  const reports = outcome.files.length - 1;
  print(`${formatProfileTable(outcome.profile)}\nWrote ${outcome.files[0] ?? ''} and ${reports} reports`);
  return outcome.exitCode;
}

function printGate(outcome: GateOutcome, table: boolean): number {
  const lines = [
    outcome.comparison === null
      ? `ADDED — nothing compared: ${outcome.adoption ?? 'no reference'}; after the merge, changes are gated side by side with their base`
      : formatComparisonSummary(outcome.comparison),
  ];
  if (table) lines.push('', formatProfileTable(outcome.profile));
  const json = outcome.files.filter(
    (file) => file.endsWith('profile.json') || file.endsWith('comparison.json'),
  );
  print(
    [...lines, ...json.filter((f) => !f.endsWith('base-profile.json')).map((f) => `Wrote ${f}`)].join('\n'),
  );
  return outcome.exitCode;
}

async function runGateCommand(settings: ResolvedSettings): Promise<number> {
  const deps = createDefaultDeps(settings.values.quiet);
  return printGate(await runGateCheck(buildGateRequest(settings), deps), true);
}

async function runCompareCommand(settings: ResolvedSettings): Promise<number> {
  const outcome = await runCompare(buildCompareRequest(settings));
  print(`${formatComparisonSummary(outcome.comparison)}\nWrote ${outcome.files[0] ?? ''}`);
  return outcome.exitCode;
}

async function runReportCommand(settings: ResolvedSettings): Promise<number> {
  const outcome = await runReport(buildReportRequest(settings));
  print(outcome.files.map((path) => `Wrote ${path}`).join('\n'));
  return 0;
}

function describeWritten(baseline: Baseline, replaced: boolean, path: string): string {
  const { fingerprint, provenance } = baseline;
  return [
    `${replaced ? 'Replaced' : 'Wrote'} ${path}: ${baseline.cells.length} cell(s)`,
    `  machine: ${fingerprint.cpuModel}, ${fingerprint.logicalCores ?? '?'} cores, ${fingerprint.threads ?? '?'} threads`,
    `  model: ${fingerprint.modelSpec} (${fingerprint.dtype ?? 'custom'})`,
    `  commit: ${provenance.commit ?? 'unknown'}${provenance.ref === null ? '' : ` (${provenance.ref})`}`,
  ].join('\n');
}

async function runBaselineUpdateCommand(settings: ResolvedSettings): Promise<number> {
  const { recordFrom, recordName, recordDir, force } = settings.values;
  const missing = (key: 'recordFrom' | 'recordName', expected: string, example: string) =>
    createSettingError(settings, key, { expected, received: 'nothing', example });
  if (recordFrom === null)
    throw missing('recordFrom', 'the profile.json to record', 'embedprof-out/profile.json');
  if (recordName === null) throw missing('recordName', 'a baseline name such as main', 'main');
  const profile = await readProfileFile(recordFrom, '--from');
  const request = { profile, profileLabel: `--from ${recordFrom}`, name: recordName, dir: recordDir, force };
  const outcome = await runBaselineUpdate({ ...request, env: process.env });
  print(describeWritten(outcome.baseline, outcome.replaced, outcome.path));
  return 0;
}

async function runExportCommand(settings: ResolvedSettings): Promise<number> {
  const { profileFile, exportFormat, exportOut, exportName } = settings.values;
  if (profileFile === null) {
    throw createSettingError(settings, 'profileFile', {
      expected: 'the profile.json to export',
      received: 'nothing',
      example: 'embedprof-out/profile.json',
    });
  }
  // gab: one file per direction, as github-action-benchmark takes one direction per step
  const formats = exportFormat === 'gab' ? (['gab-bigger', 'gab-smaller'] as const) : [exportFormat];
  for (const [index, format] of formats.entries()) {
    const out = exportFormat === 'gab' && exportOut !== null ? join(exportOut, `${format}.json`) : exportOut;
    const outcome = await runExport(
      { profilePath: profileFile, format, out, name: exportName },
      { cwd: process.cwd() },
    );
    if (index === 0) for (const note of outcome.notes) process.stderr.write(`embedprof: ${note}\n`);
    print(`Wrote ${outcome.path}: ${outcome.benchmarks} benchmark(s) as ${outcome.format}`);
  }
  return 0;
}

const COMMANDS: Record<CommandName, CommandRun> = {
  profile: runProfileCommand,
  gate: runGateCommand,
  compare: runCompareCommand,
  merge: async (settings) => printGate(await runMerge(buildMergeRequest(settings)), false),
  report: runReportCommand,
  'baseline-update': runBaselineUpdateCommand,
  export: runExportCommand,
  'history-add': runHistoryAddCommand,
  'history-check': runHistoryCheckCommand,
  'history-site': runHistorySiteCommand,
  nightly: runNightlyCommand,
  'serve-reference': runServeReferenceCommand,
  'serve-profile': runServeProfileCommand,
  'serve-gate': runServeGateCommand,
};

/** Resolves the command's settings (or prints its help) and runs it; the exit code. */
export async function runCommand(command: CommandName, argv: readonly string[]): Promise<number> {
  const resolved = await resolveCliSettings(command, argv, process.cwd());
  if (resolved.kind === 'help') {
    print(formatCommandHelp(command));
    return 0;
  }
  await assertPathSettings(resolved.settings, listCommandKeys(command));
  return COMMANDS[command](resolved.settings);
}
