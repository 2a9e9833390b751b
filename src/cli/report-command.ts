import { parseArgs } from 'node:util';
import { describeError, UsageError } from '../errors.js';
import { prepareOutputDir } from './output-files.js';
import { readComparisonFile } from './read-comparison-file.js';
import { readProfileFile } from './read-profile-file.js';
import { writeReports } from './write-reports.js';

export const REPORT_HELP = `embedprof report --profile profile.json [--comparison comparison.json] --out DIR

Writes comment.md, summary.md, report.md, report.html, profile.csv and, with a comparison, comparison.csv.`;

/** `embedprof report`: the reports of an existing profile (and comparison), without measuring anything. */
export async function runReportCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        profile: { type: 'string' },
        comparison: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${describeError(error)}. Run \`embedprof report --help\` for the options.`);
  }
  if (values.help) {
    process.stdout.write(`${REPORT_HELP}\n`);
    return 0;
  }
  if (values.profile === undefined) {
    throw new UsageError('--profile: expected a profile.json path, received nothing. Pass --profile FILE.');
  }
  const profile = await readProfileFile(values.profile, '--profile');
  const comparison =
    values.comparison === undefined ? null : await readComparisonFile(values.comparison, '--comparison');
  const outDir = await prepareOutputDir(values.out ?? 'embedprof-out');
  const written = await writeReports(outDir, profile, comparison);
  process.stdout.write(`${written.map((path) => `Wrote ${path}`).join('\n')}\n`);
  return 0;
}
