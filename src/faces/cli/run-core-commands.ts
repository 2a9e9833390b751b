/**
 * The commands over the core's measuring and document use cases: the command line becomes a request, the core
 * runs, and the outcome is printed. Loaded only when one of them runs (run-commands.ts).
 */
import { join } from 'node:path';
import type { Baseline } from '../../decide/baseline/baseline-schema.js';
import { createDefaultDeps } from '../../core/core-deps.js';
import { readProfileFile } from '../../core/read-profile-file.js';
import { runBaselineUpdate } from '../../core/run-baseline-update.js';
import { runCompare } from '../../core/run-compare.js';
import { runExport } from '../../core/run-export.js';
import { runGateCheck } from '../../core/run-gate-check.js';
import { runMerge } from '../../core/run-merge.js';
import { runProfile } from '../../core/run-profile.js';
import { runReport } from '../../core/run-report.js';
import type { GateOutcome } from '../../core/outcomes.js';
import {
  buildCompareRequest,
  buildGateRequest,
  buildMergeRequest,
  buildProfileRequest,
  buildReportRequest,
} from '../settings/build-requests.js';
import { createSettingError, type ResolvedSettings } from '../settings/resolve-settings.js';
import { formatComparisonSummary } from '../../report/terminal/format-comparison.js';
import { formatProfileTable } from '../../report/terminal/format-profile-table.js';

const print = (text: string) => void process.stdout.write(`${text}\n`);

export async function runProfileCommand(settings: ResolvedSettings): Promise<number> {
  const outcome = await runProfile(buildProfileRequest(settings), createDefaultDeps(settings.values.quiet));
  const reports = outcome.files.length - 1;
  print(`${formatProfileTable(outcome.profile)}\nWrote ${outcome.files[0] ?? ''} and ${reports} reports`);
  if (settings.values.preset === 'smoke') print(SMOKE_NOTE);
  return outcome.exitCode;
}

const SMOKE_NOTE =
  'Preset smoke: the setup works end to end; its windows are tenths of a second, so use --preset quick or full for figures to keep or record as a baseline.';

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

export async function runGateCommand(settings: ResolvedSettings): Promise<number> {
  const deps = createDefaultDeps(settings.values.quiet);
  return printGate(await runGateCheck(buildGateRequest(settings), deps), true);
}

export async function runMergeCommand(settings: ResolvedSettings): Promise<number> {
  return printGate(await runMerge(buildMergeRequest(settings)), false);
}

export async function runCompareCommand(settings: ResolvedSettings): Promise<number> {
  const outcome = await runCompare(buildCompareRequest(settings));
  print(`${formatComparisonSummary(outcome.comparison)}\nWrote ${outcome.files[0] ?? ''}`);
  return outcome.exitCode;
}

export async function runReportCommand(settings: ResolvedSettings): Promise<number> {
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

export async function runBaselineUpdateCommand(settings: ResolvedSettings): Promise<number> {
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

export async function runExportCommand(settings: ResolvedSettings): Promise<number> {
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
