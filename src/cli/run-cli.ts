import { describeError, RuntimeFailure, UsageError } from '../errors.js';
import { runBaselineCommand } from './baseline-command.js';
import { runCompareCommand } from './compare-command.js';
import { runGateCommand } from './gate-command.js';
import { runMergeCommand } from './merge-command.js';
import { runProfileCommand } from './profile-command.js';
import { runReportCommand } from './report-command.js';

const USAGE = `embedprof — profile text-embedding inference and gate pull requests on regressions

Usage:
  embedprof profile [options]     batch-size and text-length profiles → OUT/profile.json
  embedprof baseline update --from profile.json --name NAME [--dir baselines] [--force]
                                  record a profile as baselines/NAME.json, with provenance
  embedprof compare --baseline FILE|DIR --current profile.json [options]
                                  compare a profile with a baseline → OUT/comparison.json
  embedprof gate [profile options] (--against REF | --baseline FILE|DIR) [options]
                                  profile + compare, re-measuring inconclusive cells within --time-budget;
                                  --against REF measures REF side by side (duet mode)
  embedprof merge --from DIR [--baseline FILE|DIR] --out OUT
                                  merge the folders of a sharded run (--shard i/n) and compare
  embedprof report --profile profile.json [--comparison comparison.json] --out DIR
                                  comment.md, summary.md, report.md, report.html and CSVs
  embedprof help                  this text; \`embedprof COMMAND --help\` lists a command's options

Exit codes: 0 success (gate passed), 1 runtime failure or a regression that fails the gate, 2 usage or
input error.`;

/** Dispatches a command and maps failures to exit codes; stack traces only with --debug. */
export async function runCli(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'profile':
        return await runProfileCommand(rest);
      case 'baseline':
        return await runBaselineCommand(rest);
      case 'compare':
        return await runCompareCommand(rest);
      case 'gate':
        return await runGateCommand(rest);
      case 'report':
        return await runReportCommand(rest);
      case 'merge':
        return await runMergeCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(
          `Unknown command ${JSON.stringify(command)}: expected one of profile, baseline, compare, gate, merge, report, help. ${hint()}`,
        );
    }
  } catch (error) {
    return reportFailure(error, debug);
  }
}

function hint(): string {
  return 'Run `embedprof help` for usage.';
}

function reportFailure(error: unknown, debug: boolean): number {
  const code = error instanceof UsageError || error instanceof RuntimeFailure ? error.exitCode : 1;
  const prefix = code === 2 ? 'embedprof: input error' : 'embedprof: failed';
  process.stderr.write(`${prefix}: ${describeError(error)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else if (code === 1) process.stderr.write('Run again with --debug for the stack trace.\n');
  return code;
}
