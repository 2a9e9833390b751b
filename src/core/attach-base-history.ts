/**
 * The gate's comparison with the base branch's recorded history (one line per gated metric in the comment),
 * when --store or --data-branch names a store. A store that cannot be read costs the comment its line, never
 * the gate: a repository without an `origin` remote or without the branch has no history, silently.
 */
import type { Comparison } from '../decide/compare/comparison-schema.js';
import { describeError } from '../ground/errors.js';
import { summarizeBaseHistory } from '../history/summarize-base-history.js';
import { runGit } from '../ground/platform/run-git.js';
import type { ProgressReporter } from '../measure/protocol/schedule/progress.js';
import {
  chooseHistoryTarget,
  describeHistoryTarget,
  readHistory,
  type HistoryStoreChoice,
} from './read-history.js';
import type { HistoryStoreTarget } from './run-history-add.js';

async function hasRemote(cwd: string, remote: string): Promise<boolean> {
  try {
    return (await runGit(cwd, ['remote', 'get-url'], { values: [remote] })).code === 0;
  } catch {
    return false;
  }
}

/** The store the gate reads the base branch's history from, and that branch (`main` unless named). */
export interface BaseHistoryRequest {
  store: HistoryStoreChoice;
  branch: string;
}

async function chooseTarget(store: HistoryStoreChoice, cwd: string): Promise<HistoryStoreTarget | null> {
  const target = chooseHistoryTarget(store, cwd);
  if (target?.kind === 'branch' && !(await hasRemote(cwd, target.remote))) return null;
  return target;
}

export async function attachBaseHistory(
  comparison: Comparison,
  request: BaseHistoryRequest,
  cwd: string,
  progress: ProgressReporter,
): Promise<Comparison> {
  const target = await chooseTarget(request.store, cwd);
  if (target === null) return comparison;
  try {
    const history = await readHistory(target);
    if (history.records.length === 0) return comparison;
    return {
      ...comparison,
      baseHistory: summarizeBaseHistory(history.series, comparison, request.branch, history.source),
    };
  } catch (error) {
    progress.note(
      `the history in ${describeHistoryTarget(target)} was not read (${describeError(error)}); the comment goes without it`,
    );
    return comparison;
  }
}
