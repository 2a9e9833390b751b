/**
 * Makes the base side of a duet gate ready to measure: its commit in a worktree, its setup command run, its
 * model or embedder resolved. Anything that goes wrong becomes a reason to fall back to the committed
 * baselines (the caller reports it), never a half-prepared base.
 */
import { spawn } from 'node:child_process';
import { relative, resolve } from 'node:path';
import type { ProfileOptions } from '../../measure/sweep/profile-options.js';
import type { ComparisonReference } from '../compare/comparison-schema.js';
import { describeError } from '../../ground/errors.js';
import { buildWorkerEnv } from '../../measure/protocol/ipc/worker-env.js';
import { GROUP_SPAWN_OPTIONS, trackProcessGroup } from '../../ground/platform/process-group.js';
import type { ResolvedModel } from '../../measure/model/resolve-model.js';
import { loadModel } from '../../measure/sweep/prepare-run.js';
import type { ProgressReporter } from '../../measure/protocol/schedule/progress.js';
import { resolveBaseTarget, type HeadConfig } from './base-target.js';
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
  headConfig: HeadConfig | null;
  setupTimeout: SetupTimeout;
  progress: ProgressReporter;
  cwd?: string;
}

/** How long the base setup may run (null: no limit), and the setting's name and fix in the face's words. */
export interface SetupTimeout {
  seconds: number | null;
  setting: string;
  fix: string;
}

type SetupResult = { kind: 'exited'; code: number } | { kind: 'timed-out' };

/**
 * Runs `command` through the shell in `cwd` without credentials in its environment, its output on stderr, in a
 * process group of its own that ends with it (platform/process-group.ts): how it ended (exit code -1 when it
 * cannot start), or a timeout after `timeoutSeconds`, which ends the group.
 */
function runSetup(command: string, cwd: string, timeoutSeconds: number | null): Promise<SetupResult> {
  return new Promise((done) => {
    const env = buildWorkerEnv(process.env);
    const child = spawn(command, {
      cwd,
      env,
      shell: true,
      stdio: ['ignore', process.stderr, process.stderr],
      ...GROUP_SPAWN_OPTIONS,
    });
    const group = trackProcessGroup(child);
    const timer =
      timeoutSeconds === null
        ? undefined
        : setTimeout(() => {
            group.end();
            done({ kind: 'timed-out' });
          }, timeoutSeconds * 1000);
    const finish = (code: number): void => {
      clearTimeout(timer);
      done({ kind: 'exited', code });
    };
    child.on('error', () => finish(-1));
    child.on('exit', (code) => finish(code ?? -1));
  });
}

/** Why the setup's outcome leaves no base to measure, or null when it succeeded. */
function describeSetupFailure(result: SetupResult, command: string, timeout: SetupTimeout): string | null {
  switch (result.kind) {
    case 'exited':
      return result.code === 0 ? null : `the base setup ${command} exited with code ${result.code}`;
    case 'timed-out':
      return `the base setup ${command} did not finish within ${timeout.setting} (${timeout.seconds} s) and was stopped, with every process it started. ${timeout.fix} 0 means no limit.`;
  }
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
    const result = await runSetup(request.setup, dir, request.setupTimeout.seconds);
    const failure = describeSetupFailure(result, JSON.stringify(request.setup), request.setupTimeout);
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
