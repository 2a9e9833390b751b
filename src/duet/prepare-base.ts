/**
 * Makes the base side of a duet gate ready to measure: its commit in a worktree, its setup command run, its
 * model or embedder resolved. Anything that goes wrong becomes a reason to fall back to the committed
 * baselines (the caller reports it), never a half-prepared base.
 */
import { spawn } from 'node:child_process';
import { relative, resolve } from 'node:path';
import type { ProfileOptions } from '../run/profile-options.js';
import type { ComparisonReference } from '../compare/comparison-schema.js';
import { describeError } from '../errors.js';
import { buildWorkerEnv } from '../protocol/ipc/worker-env.js';
import type { ResolvedModel } from '../model/resolve-model.js';
import { loadModel } from '../run/prepare-run.js';
import type { ProgressReporter } from '../protocol/schedule/progress.js';
import { resolveBaseTarget } from './base-target.js';
import { materializeRef } from './git-worktree.js';

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
  headConfig: { path: string } | null;
  progress: ProgressReporter;
  cwd?: string;
}

/**
 * Runs `command` through the shell in `cwd` without credentials in its environment, its output on stderr; the
 * exit code (or -1 when it cannot start).
 */
function runSetup(command: string, cwd: string): Promise<number> {
  return new Promise((done) => {
    const env = buildWorkerEnv(process.env);
    const child = spawn(command, {
      cwd,
      env,
      shell: true,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', () => done(-1));
    child.on('exit', (code) => done(code ?? -1));
  });
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
    const code = await runSetup(request.setup, resolve(tree.dir, relative(tree.repoRoot, cwd)));
    if (code !== 0) return fail(`the base setup ${JSON.stringify(request.setup)} exited with code ${code}`);
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
