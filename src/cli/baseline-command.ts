import { parseArgs } from 'node:util';
import { writeBaselineAtomically } from '../baseline/baseline-files.js';
import type { Baseline } from '../baseline/baseline-schema.js';
import { assertBaselineName, createBaselineFromProfile } from '../baseline/from-profile.js';
import { createUsageError, describeError, UsageError } from '../errors.js';
import { requireFlag } from './compare-args.js';
import { readProfileFile } from './read-profile-file.js';
import { readProvenance } from './read-provenance.js';

export const BASELINE_HELP = `embedprof baseline update --from profile.json --name NAME [options]

Records what a profile measured as DIR/NAME.json (written atomically), with its machine fingerprint and
provenance (commit, ref, runner, workflow run from the GitHub Actions environment; else \`git rev-parse HEAD\`).

  --from FILE             the profile.json to record
  --name NAME             baseline name: letters, digits, ".", "_" or "-" (e.g. main)
  --dir DIR               baselines folder (default baselines)
  --force                 replace DIR/NAME.json even when it was recorded on another machine or for
                          another model (refused otherwise)
  --debug                 stack traces on failure`;

const OPTIONS = {
  from: { type: 'string' },
  name: { type: 'string' },
  dir: { type: 'string' },
  force: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseBaselineArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(
      `${describeError(error)}. Run \`embedprof baseline update --help\` for the options.`,
    );
  }
}

/** `embedprof baseline SUBCOMMAND`: only `update` exists. */
export async function runBaselineCommand(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  switch (subcommand) {
    case 'update':
      return runBaselineUpdate(rest);
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${BASELINE_HELP}\n`);
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

async function runBaselineUpdate(argv: string[]): Promise<number> {
  const values = parseBaselineArgs(argv);
  if (values.help) {
    process.stdout.write(`${BASELINE_HELP}\n`);
    return 0;
  }
  const from = requireFlag(values.from, '--from', 'the profile.json to record');
  const name = requireFlag(values.name, '--name', 'a baseline name such as main');
  assertBaselineName(name);
  const profile = await readProfileFile(from, '--from');
  const provenance = readProvenance(process.env, profile.createdAt);
  const baseline = createBaselineFromProfile(profile, { name, provenance });
  if (baseline.cells.length === 0) {
    throw createUsageError({
      input: `--from ${from}`,
      expected: 'a profile with at least one measured cell',
      received: 'a profile whose cells were all skipped or failed',
      fix: 'Profile again (check --max-memory-mb and the run errors) and record that profile.',
    });
  }
  const dir = values.dir ?? 'baselines';
  const written = await writeBaselineAtomically(dir, baseline, { force: values.force ?? false });
  process.stdout.write(`${describeWritten(baseline, written.replaced, written.path)}\n`);
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
