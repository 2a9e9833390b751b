/**
 * Where a run sits in the repository, for its history record: the commit (GITHUB_SHA in GitHub Actions, else
 * `git rev-parse HEAD`), its first parent (from the raw commit object, which a shallow CI clone still has),
 * and the branch (GITHUB_REF_NAME when GITHUB_REF is a branch, else the checked-out branch). Anything unknown
 * is null. The core gets a reader built here, so tests pass their own.
 */
import { runGit, type GitOptions } from '../ground/platform/run-git.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface CommitContext {
  commit: string | null;
  parent: string | null;
  branch: string | null;
}

/** Reads the context of `commit` (or of the current commit when null). */
export type CommitContextReader = (commit: string | null) => Promise<CommitContext>;

const COMMIT_PATTERN = /^[0-9a-f]{40,64}$/;

function readVariable(env: Environment, name: string): string | null {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
}

async function readGitOutput(cwd: string, args: string[], options: GitOptions = {}): Promise<string | null> {
  try {
    const result = await runGit(cwd, args, { ...options, timeoutMs: 10_000 });
    return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
  } catch {
    return null;
  }
}

/** The first parent of `commit`, read from the commit object itself (grafts of a shallow clone ignored). */
export async function readFirstParent(cwd: string, commit: string): Promise<string | null> {
  const body = await readGitOutput(cwd, ['cat-file', 'commit'], { values: [commit] });
  const header = body?.split('\n\n')[0] ?? '';
  const parent = /^parent ([0-9a-f]+)$/m.exec(header)?.[1];
  return parent !== undefined && COMMIT_PATTERN.test(parent) ? parent : null;
}

async function readBranch(cwd: string, env: Environment): Promise<string | null> {
  const ref = readVariable(env, 'GITHUB_REF');
  if (ref?.startsWith('refs/heads/')) return readVariable(env, 'GITHUB_REF_NAME') ?? ref.slice(11);
  if (ref !== null) return null;
  return readGitOutput(cwd, ['symbolic-ref', '--quiet', '--short'], { values: ['HEAD'] });
}

/** `given` as the full commit id when the repository knows it (an abbreviated --commit), else as given. */
async function expandCommit(cwd: string, given: string): Promise<string> {
  const full = await readGitOutput(cwd, ['rev-parse', '--verify', '--quiet'], {
    values: [`${given}^{commit}`],
  });
  return full !== null && COMMIT_PATTERN.test(full) && full.startsWith(given.toLowerCase()) ? full : given;
}

/** A reader for the repository at `cwd` and the runner environment `env`. */
export function createCommitContextReader(cwd: string, env: Environment): CommitContextReader {
  return async (given) => {
    const head =
      readVariable(env, 'GITHUB_SHA') ?? (await readGitOutput(cwd, ['rev-parse', '--verify', 'HEAD']));
    const current = head !== null && COMMIT_PATTERN.test(head) ? head : null;
    const commit = given === null ? current : await expandCommit(cwd, given);
    return {
      commit,
      parent: commit === null ? null : await readFirstParent(cwd, commit),
      branch: await readBranch(cwd, env),
    };
  };
}

/** `https://github.com/OWNER/REPO` on a runner (GITHUB_SERVER_URL, GITHUB_REPOSITORY), else null. */
export function readRepositoryUrl(env: Environment): string | null {
  const server = readVariable(env, 'GITHUB_SERVER_URL');
  const repository = readVariable(env, 'GITHUB_REPOSITORY');
  return server === null || repository === null ? null : `${server.replace(/\/$/, '')}/${repository}`;
}
