/**
 * The core's `history add`: one profile.json (or serve-profile.json) recorded in a history store — a folder,
 * or a branch of the repository pushed to its remote. The commit defaults to --commit, else the profile's own
 * commit, else the runner's (GITHUB_SHA) or git's HEAD; its parent and the branch come from git and the
 * runner; the date is the profile's createdAt unless given. With the comparison of a chained duet, the record
 * keeps its ratios.
 */
import { createUsageError } from '../ground/errors.js';
import { createChainedRatios } from '../history/chained-ratios.js';
import type { CommitContextReader } from '../history/commit-context.js';
import { addToDataBranch, DEFAULT_DATA_BRANCH } from '../history/data-branch.js';
import { writeHistoryRecord } from '../history/history-store.js';
import {
  createHistoryRecord,
  normalizeCommitId,
  type HistoryRecordMeta,
} from '../history/to-history-record.js';
import type { HistoryRecord } from '../ground/schema/history-record-schema.js';
import type { HistoryAddOutcome } from './outcomes.js';
import { readComparisonFile } from './read-comparison-file.js';
import { readMeasuredFile } from './read-profile-file.js';
import { createServeHistoryRecord } from '../history/to-serve-history-record.js';
import type { ServeProfile } from '../measure/serve/serve-profile-schema.js';

export type HistoryStoreTarget =
  { kind: 'folder'; dir: string } | { kind: 'branch'; repoDir: string; remote: string; branch?: string };

export interface HistoryAddOptions {
  profilePath: string;
  store: HistoryStoreTarget;
  commit?: string;
  parent?: string;
  branch?: string;
  /** ISO 8601 time of the run; default the profile's createdAt. */
  date?: string;
  /** comparison.json of a duet against the previous recorded commit: stored as the chained ratios. */
  comparisonPath?: string;
}

export interface HistoryAddDeps {
  readCommitContext: CommitContextReader;
}

async function resolveMeta(options: HistoryAddOptions, profileCommit: string | null, deps: HistoryAddDeps) {
  const given = options.commit ?? profileCommit ?? null;
  const flag = options.commit !== undefined ? '--commit' : `${options.profilePath} commit`;
  const context = await deps.readCommitContext(given === null ? null : normalizeCommitId(given, flag));
  if (context.commit === null) {
    throw createUsageError({
      input: '--commit',
      expected: 'the commit the profile measured',
      received: 'nothing: no --commit, no commit in the profile, no GITHUB_SHA and no git HEAD here',
      fix: 'Pass --commit SHA, or run in the checkout of the measured commit.',
    });
  }
  return {
    commit: context.commit,
    parent: options.parent ?? context.parent,
    branch: options.branch ?? context.branch,
  };
}

async function readChained(options: HistoryAddOptions) {
  if (options.comparisonPath === undefined) return null;
  const label = `--comparison ${options.comparisonPath}`;
  return createChainedRatios(await readComparisonFile(options.comparisonPath, '--comparison'), label);
}

async function storeRecord(target: HistoryStoreTarget, record: HistoryRecord) {
  switch (target.kind) {
    case 'folder': {
      const stored = await writeHistoryRecord(target.dir, record);
      return { ...stored, recordPath: stored.path, files: stored.status === 'added' ? [stored.path] : [] };
    }
    case 'branch': {
      const branch = target.branch ?? DEFAULT_DATA_BRANCH;
      const message = `embedprof history: ${record.commit.slice(0, 12)} at ${record.date}`;
      const added = await addToDataBranch({ ...target, branch, record, message });
      return { ...added, recordPath: `${branch}:${added.path}`, files: [] };
    }
  }
}

/** A serve profile's record: its sweeps (a run that measured none has nothing to record), no chained ratios. */
function createServeRecord(profile: ServeProfile, options: HistoryAddOptions, meta: HistoryRecordMeta) {
  if (options.comparisonPath !== undefined) {
    throw createUsageError({
      input: `--comparison ${options.comparisonPath}`,
      expected: 'a comparison only with a profile.json of a chained duet',
      received: `a serve profile in --profile ${options.profilePath}`,
      fix: 'Leave --comparison out: a serve profile is recorded with its own intervals.',
    });
  }
  if (profile.sweeps.length === 0) {
    throw createUsageError({
      input: `--profile ${options.profilePath}`,
      expected: 'a serve profile with at least one measured sweep',
      received: 'a serve profile whose run measured no sweep (see its warnings)',
      fix: 'Record a run that measured the server; a failed run leaves the history unchanged.',
    });
  }
  return createServeHistoryRecord(profile, meta);
}

/** Records the profile (or serve profile) at `options.profilePath` in `options.store`. */
export async function runHistoryAdd(
  options: HistoryAddOptions,
  deps: HistoryAddDeps,
): Promise<HistoryAddOutcome> {
  const measured = await readMeasuredFile(options.profilePath, '--profile');
  const profile = measured.profile;
  const meta = await resolveMeta(options, profile.commit ?? null, deps);
  const dated = { ...meta, date: options.date ?? profile.createdAt };
  const record =
    measured.kind === 'serve'
      ? createServeRecord(measured.profile, options, dated)
      : createHistoryRecord(measured.profile, dated, await readChained(options));
  const stored = await storeRecord(options.store, record);
  return {
    kind: 'history-add',
    record,
    status: stored.status,
    recordPath: stored.recordPath,
    bytes: stored.bytes,
    files: stored.files,
    exitCode: 0,
  };
}
