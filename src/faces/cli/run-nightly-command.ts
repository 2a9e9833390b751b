/**
 * `embedprof nightly`: the action's mode history on the command line, over the core's runNightly. The store
 * is --store DIR or --data-branch NAME; tonight's commit, branch and the repository's address come from the
 * flags, else the runner's environment and git.
 */
import { join } from 'node:path';
import { createDefaultDeps, runNightly, type NightlyOutcome, type NightlyStep } from '../../core/index.js';
import { createCommitContextReader } from '../../history/commit-context.js';
import { formatComparisonSummary } from '../../report/terminal/format-comparison.js';
import { formatProfileTable } from '../../report/terminal/format-profile-table.js';
import { formatNightlyPlan, formatNightlyRecorded } from '../../report/text/format-nightly.js';
import { buildNightRequests } from '../settings/build-requests.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import { chooseSiteContext, chooseStoreTarget } from './run-history-commands.js';

const print = (text: string) => void process.stdout.write(`${text}\n`);

function printStep(step: NightlyStep): void {
  switch (step.kind) {
    case 'measuring':
      return print(formatNightlyPlan(step.previous, step.runs, step.store));
    case 'recorded':
      return print(formatNightlyRecorded(step.added.recordPath, step.added.bytes));
  }
}

/** What tonight measured: the chained duet's verdict (when it compared), the table, the profile written. */
function printMeasured(outcome: NightlyOutcome): void {
  const { profile, comparison } = outcome;
  if (profile === null) return;
  const lines = comparison === null ? [] : [formatComparisonSummary(comparison), ''];
  print([...lines, formatProfileTable(profile)].join('\n'));
}

/** The record's fate: the history check's lines and the dashboard, or why nothing was recorded (stderr). */
function printRecord(outcome: NightlyOutcome): void {
  const { record } = outcome;
  switch (record.kind) {
    case 'not-measured':
      return;
    case 'not-recorded': {
      const prefix = record.failure.exitCode === 2 ? 'input error' : 'failed';
      process.stderr.write(`embedprof: not recorded (${prefix}): ${record.failure.message}\n`);
      return;
    }
    case 'recorded': {
      const { site } = record;
      const written = `Wrote ${site.files[0] ?? site.outDir}: ${site.cells} cells, ${site.points} points`;
      print([...record.check.lines, written].join('\n'));
    }
  }
}

export async function runNightlyCommand(settings: ResolvedSettings): Promise<number> {
  const { values } = settings;
  const cwd = process.cwd();
  const readCommitContext = createCommitContextReader(cwd, process.env);
  const store = chooseStoreTarget(settings, cwd);
  const request = {
    store,
    commit: (await readCommitContext(values.commit)).commit,
    branch: values.historyBranch,
    outDir: values.out,
    failOn: values.failOn,
    newestRuns: values.newestRuns,
    site: chooseSiteContext(settings),
    measure: buildNightRequests(settings),
  };
  const deps = { ...createDefaultDeps(values.quiet), readCommitContext, onStep: printStep };
  const outcome = await runNightly(request, deps);
  if (outcome.measured.kind === 'failed') throw outcome.measured.error;
  printMeasured(outcome);
  print(`Wrote ${join(values.out, 'profile.json')}`);
  printRecord(outcome);
  return outcome.exitCode;
}
