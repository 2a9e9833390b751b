import { describeError, RuntimeFailure, UsageError } from '../../ground/errors.js';
import { createUsageError } from '../../ground/errors.js';
import { formatCommandHelp } from './command-help.js';
import { runCommand } from './run-commands.js';

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
  embedprof export --profile profile.json --format bmf|gab|gab-bigger|gab-smaller [--out FILE]
                                  the profile as Bencher Metric Format or github-action-benchmark JSON
  embedprof history add --profile profile.json (--store DIR | --data-branch NAME)
                                  append the profile to a history store (a folder or a branch)
  embedprof history check (--store DIR | --data-branch NAME)
                                  change points per cell and metric; exit 1 on a new regression
  embedprof history site (--store DIR | --data-branch NAME) --out SITE
                                  a static dashboard of the history
  embedprof nightly [profile options] (--store DIR | --data-branch NAME)
                                  the nightly (the action's mode history): measure beside the newest
                                  recorded commit, add the record, check for change points, OUT/site
  embedprof serve-profile (--url URL | --serve-command CMD) [options]
                                  an HTTP embedding server under open-loop load: latency per rate,
                                  the knee within --latency-slo-ms → OUT/serve-profile.json
  embedprof serve-gate --serve-command CMD --against REF [options]
                                  the serve duet: REF's server and this tree's, alternating windows;
                                  exit 1 when the knee or p95 at --reference-rate regressed
  embedprof serve-reference [--model SPEC] [--port N]
                                  the bundled reference server: the engine behind the OpenAI and TEI
                                  embedding APIs, until SIGINT or SIGTERM
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
      case 'compare':
      case 'gate':
      case 'report':
      case 'merge':
      case 'export':
      case 'nightly':
      case 'serve-reference':
      case 'serve-profile':
      case 'serve-gate':
        return await runCommand(command, rest);
      case 'baseline':
        return await runBaselineSubcommand(rest);
      case 'history':
        return await runHistorySubcommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(
          `Unknown command ${JSON.stringify(command)}: expected one of profile, baseline, compare, gate, merge, report, export, history, nightly, serve-profile, serve-gate, serve-reference, help. ${hint()}`,
        );
    }
  } catch (error) {
    return reportFailure(error, debug);
  }
}

/** `embedprof baseline SUBCOMMAND`: only `update` exists. */
async function runBaselineSubcommand(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  switch (subcommand) {
    case 'update':
      return runCommand('baseline-update', rest);
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${formatCommandHelp('baseline-update')}\n`);
      return 0;
    default:
      throw createUsageError({
        input: 'embedprof baseline',
        expected: 'the subcommand update',
        received: subcommand === undefined ? 'no subcommand' : JSON.stringify(subcommand),
        fix: 'Run `embedprof baseline update --from profile.json --name main`.',
      });
  }
}

const HISTORY_COMMANDS = { add: 'history-add', check: 'history-check', site: 'history-site' } as const;

/** `embedprof history add | check | site`. */
async function runHistorySubcommand(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === 'add' || subcommand === 'check' || subcommand === 'site')
    return runCommand(HISTORY_COMMANDS[subcommand], rest);
  if (subcommand === undefined || subcommand === 'help' || subcommand === '--help' || subcommand === '-h') {
    const help = Object.values(HISTORY_COMMANDS).map((command) => formatCommandHelp(command));
    process.stdout.write(`${help.join('\n\n')}\n`);
    return subcommand === undefined ? 2 : 0;
  }
  throw createUsageError({
    input: 'embedprof history',
    expected: 'one of the subcommands add, check, site',
    received: JSON.stringify(subcommand),
    fix: 'Run `embedprof history add --profile embedprof-out/profile.json --store embedprof-history`.',
  });
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
