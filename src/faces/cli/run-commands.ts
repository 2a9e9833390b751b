/**
 * Each CLI command as a face over the core, loaded when it runs: `embedprof compare` does not load the
 * measuring engine, nor `embedprof profile` the load generator.
 */
import { assertPathSettings } from '../settings/check-path-settings.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import type { CommandName } from '../../measure/protocol/setting-kit/setting-entry.js';
import { formatCommandHelp } from './command-help.js';
import { listCommandKeys } from './read-flags.js';
import { resolveCliSettings } from './resolve-cli-settings.js';

type CommandRun = (settings: ResolvedSettings) => Promise<number>;

const print = (text: string) => void process.stdout.write(`${text}\n`);
const core = () => import('./run-core-commands.js');
const history = () => import('./run-history-commands.js');

const COMMANDS: Record<CommandName, () => Promise<CommandRun>> = {
  profile: async () => (await core()).runProfileCommand,
  gate: async () => (await core()).runGateCommand,
  compare: async () => (await core()).runCompareCommand,
  merge: async () => (await core()).runMergeCommand,
  report: async () => (await core()).runReportCommand,
  'baseline-update': async () => (await core()).runBaselineUpdateCommand,
  export: async () => (await core()).runExportCommand,
  'history-add': async () => (await history()).runHistoryAddCommand,
  'history-check': async () => (await history()).runHistoryCheckCommand,
  'history-site': async () => (await history()).runHistorySiteCommand,
  nightly: async () => (await import('./run-nightly-command.js')).runNightlyCommand,
  'serve-reference': async () => (await import('./run-serve-reference.js')).runServeReferenceCommand,
  'serve-profile': async () => (await import('./run-serve-profile.js')).runServeProfileCommand,
  'serve-gate': async () => (await import('./run-serve-gate.js')).runServeGateCommand,
};

/** Resolves the command's settings (or prints its help) and runs it; the exit code. */
export async function runCommand(command: CommandName, argv: readonly string[]): Promise<number> {
  const resolved = await resolveCliSettings(command, argv, process.cwd());
  if (resolved.kind === 'help') {
    print(formatCommandHelp(command));
    return 0;
  }
  await assertPathSettings(resolved.settings, listCommandKeys(command));
  const run = await COMMANDS[command]();
  return run(resolved.settings);
}
