/**
 * Makes the base side of a duet gate ready to measure: its commit in a worktree, its setup command run, its
 * model or embedder resolved. Anything that goes wrong becomes a reason to fall back to the committed
 * baselines (the caller reports it), never a half-prepared base.
 */
import { relative, resolve } from 'node:path';
import type { ProfileOptions } from '../../measure/sweep/profile-options.js';
import type { ComparisonReference } from '../compare/comparison-schema.js';
import { describeError } from '../../ground/errors.js';
import type { ResolvedModel } from '../../measure/model/resolve-model.js';
import { loadModel } from '../../measure/sweep/prepare-run.js';
import type { ProgressReporter } from '../../measure/protocol/schedule/progress.js';
import { resolveBaseTarget, type HeadConfig } from './base-target.js';
import { materializeRef } from './git-worktree.js';
import { runBaseSetup, type SetupTimeout } from './run-base-setup.js';

export type { SetupTimeout } from './run-base-setup.js';

export type PreparedBase =
  | {
      kind: 'ready';
      options: ProfileOptions;
      model: ResolvedModel;
      reference: Extract<ComparisonReference, { kind: 'base-ref' }>;
      /** The temporary worktree the base is checked out in (gone after cleanup: never name it to the user). */
      worktree: string;
      cleanup: () => Promise<void>;
    }
  | { kind: 'unavailable'; reason: string; adoption?: boolean };

export interface PrepareBaseRequest {
  ref: string;
  setup: string | null;
  head: ProfileOptions;
  headConfig: HeadConfig | null;
  setupTimeout: SetupTimeout;
  progress: ProgressReporter;
  cwd?: string;
}

function resolveBaseModel(options: ProfileOptions, progress: ProgressReporter): Promise<ResolvedModel> {
  return loadModel(options, (message) => progress.note(`base: ${message}`));
}

export async function prepareBase(request: PrepareBaseRequest): Promise<PreparedBase> {
  const cwd = request.cwd ?? process.cwd();
  const tree = await materializeRef(cwd, request.ref);
  if (tree.kind === 'unavailable') return tree;
  const fail = async (reason: string, adoption = false): Promise<PreparedBase> => {
    await tree.remove();
    return { kind: 'unavailable', reason, adoption };
  };
  const target = await resolveBaseTarget({ ...request, repoRoot: tree.repoRoot, worktree: tree.dir });
  if (target.kind === 'unavailable') return fail(target.reason, target.adoption ?? false);
  if (request.setup !== null) {
    request.progress.note(`base: running ${JSON.stringify(request.setup)} in the worktree of ${request.ref}`);
    const dir = resolve(tree.dir, relative(tree.repoRoot, cwd));
    const failure = await runBaseSetup(request.setup, dir, request.setupTimeout);
    if (failure !== null) return fail(failure);
  }
  try {
    const model = await resolveBaseModel(target.options, request.progress);
    const reference = { kind: 'base-ref' as const, ref: request.ref, commit: tree.commit };
    const { dir: worktree, remove: cleanup } = tree;
    return { kind: 'ready', options: target.options, model, reference, worktree, cleanup };
  } catch (error) {
    return fail(`the base's model cannot be loaded: ${describeError(error)}`);
  }
}
