/**
 * Where a baseline's numbers came from. In GitHub Actions every field comes from the runner's environment
 * (GITHUB_SHA, GITHUB_REF, GITHUB_ACTOR, RUNNER_NAME, RUNNER_OS, and the run's URL from GITHUB_SERVER_URL,
 * GITHUB_REPOSITORY and GITHUB_RUN_ID). Elsewhere the commit is `git rev-parse HEAD` when git and a repository
 * are there; anything unknown is null.
 */
import type { Provenance } from '../decide/baseline/baseline-schema.js';
import { runGitSync } from '../ground/platform/run-git.js';

export type Environment = Readonly<Record<string, string | undefined>>;

function readVariable(env: Environment, name: string): string | null {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
}

/** The commit checked out in `cwd`, or null without git or outside a repository. */
export function readGitHead(cwd: string = process.cwd()): string | null {
  let commit: string;
  try {
    const result = runGitSync(cwd, ['rev-parse', 'HEAD'], { timeoutMs: 10_000 });
    if (result.code !== 0) return null;
    commit = result.stdout.toString('utf8').trim();
  } catch {
    return null;
  }
  return /^[0-9a-f]{40,64}$/.test(commit) ? commit : null;
}

function readRunUrl(env: Environment): string | null {
  const server = readVariable(env, 'GITHUB_SERVER_URL');
  const repository = readVariable(env, 'GITHUB_REPOSITORY');
  const runId = readVariable(env, 'GITHUB_RUN_ID');
  if (server === null || repository === null || runId === null) return null;
  return `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}`;
}

/** The provenance of a baseline recorded now from a run measured at `date`. */
export function readProvenance(
  env: Environment,
  date: string | null,
  readCommit: () => string | null = readGitHead,
): Provenance {
  return {
    commit: readVariable(env, 'GITHUB_SHA') ?? readCommit(),
    ref: readVariable(env, 'GITHUB_REF'),
    date,
    runnerName: readVariable(env, 'RUNNER_NAME'),
    runnerOs: readVariable(env, 'RUNNER_OS'),
    actor: readVariable(env, 'GITHUB_ACTOR'),
    workflowRunUrl: readRunUrl(env),
  };
}
