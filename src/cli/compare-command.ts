import { parseArgs } from 'node:util';
import { createFingerprint } from '../baseline/fingerprint.js';
import { compareProfiles } from '../compare/compare-profiles.js';
import { describeError, UsageError } from '../errors.js';
import { assertMachinePolicy, chooseBaseline, loadCandidateBaselines } from '../gate/choose-baseline.js';
import { decideGateExitCode } from '../gate/gate-exit-code.js';
import { COMPARE_FLAGS, COMPARE_FLAGS_HELP, readComparisonFlags, requireFlag } from './compare-args.js';
import { formatComparisonSummary } from './format-comparison.js';
import { prepareOutputDir } from './output-files.js';
import { readProfileFile } from './read-profile-file.js';
import { writeComparison } from './write-comparison.js';

export const COMPARE_HELP = `embedprof compare --baseline FILE|DIR --current profile.json [options]

Compares a profile.json with a baseline and writes OUT/comparison.json.

  --current FILE          the profile.json of the run under test
${COMPARE_FLAGS_HELP}
  --out DIR               where comparison.json goes (default embedprof-out)
  --debug                 stack traces on failure

Exit codes: 0 pass (or skipped), 1 regression in a --fail-on metric, 2 usage or input error (including a
corrupt, truncated or newer-version baseline, and a mismatched machine under --on-machine-mismatch fail).`;

const OPTIONS = {
  ...COMPARE_FLAGS,
  current: { type: 'string' },
  out: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseCompareArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${describeError(error)}. Run \`embedprof compare --help\` for the options.`);
  }
}

/** `embedprof compare`: every input is read and checked before anything is written. */
export async function runCompareCommand(argv: string[]): Promise<number> {
  const values = parseCompareArgs(argv);
  if (values.help) {
    process.stdout.write(`${COMPARE_HELP}\n`);
    return 0;
  }
  const request = readComparisonFlags(values);
  const currentPath = requireFlag(values.current, '--current', 'the profile.json of the run under test');
  const candidates = await loadCandidateBaselines(request.baseline);
  const profile = await readProfileFile(currentPath, '--current');
  const outDir = await prepareOutputDir(values.out ?? 'embedprof-out');
  const fingerprint = createFingerprint(profile);
  const baseline = chooseBaseline(candidates, fingerprint);
  assertMachinePolicy(baseline, fingerprint, request.policy, request.baseline.path);
  const comparison = compareProfiles(baseline, profile, request.options);
  const path = await writeComparison(outDir, comparison);
  process.stdout.write(`${formatComparisonSummary(comparison)}\nWrote ${path}\n`);
  return decideGateExitCode(comparison);
}
