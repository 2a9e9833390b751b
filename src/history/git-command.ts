/**
 * Runs git for the data branch: `execFile`, never a shell; English messages (LC_ALL=C) so failures can be
 * classified; no credential prompt (GIT_TERMINAL_PROMPT=0), so a job without a token fails instead of
 * hanging; and no inherited GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE (as a git hook would pass), so git works
 * on the repository it is pointed at. Credentials in URLs are masked in every message.
 */
import { execFile } from 'node:child_process';

export interface GitOptions {
  /** Extra environment, e.g. GIT_INDEX_FILE for a temporary index or the commit identity. */
  env?: Readonly<Record<string, string>>;
  input?: string | Buffer;
  timeoutMs?: number;
}

export interface GitResult {
  /** The exit status; -1 when git was stopped (timeout). */
  code: number;
  stdout: Buffer;
  stderr: string;
}

const INHERITED_GIT_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_NAMESPACE'];
const DEFAULT_TIMEOUT_MS = 120_000;

/** `https://user:token@host/…` → `https://***@host/…`, anywhere in `text`. */
export function maskCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

function createEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_GIT_VARIABLES) delete env[name];
  return { ...env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0', ...extra };
}

/** Runs `git ARGS` in `cwd`; resolves with its status and output, rejects only when git cannot start. */
export function runGitCommand(
  cwd: string,
  args: readonly string[],
  options: GitOptions = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      {
        cwd,
        env: createEnvironment(options.env),
        encoding: 'buffer',
        maxBuffer: 256 * 1024 * 1024,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : Reflect.get(error, 'code');
        if (code === 'ENOENT') {
          reject(new Error(`cannot run git in ${cwd}: git is not on PATH (install git)`));
          return;
        }
        if (typeof code === 'string') {
          reject(new Error(`git ${args[0] ?? ''} in ${cwd} failed: ${error?.message ?? code}`));
          return;
        }
        resolve({
          code: typeof code === 'number' ? code : -1,
          stdout,
          stderr: maskCredentials(stderr.toString()),
        });
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
  });
}

/** A git command that exited non-zero: its arguments (masked), status and stderr. */
export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    const command = maskCredentials(`git ${args.join(' ')}`);
    super(`${command} exited with ${result.code}: ${result.stderr.trim() || '(no message)'}`);
  }
}

/** Runs `git ARGS` and returns its stdout as bytes; a non-zero exit throws a GitCommandError. */
export async function runGitForBytes(cwd: string, args: readonly string[], options: GitOptions = {}) {
  const result = await runGitCommand(cwd, args, options);
  if (result.code !== 0) throw new GitCommandError(args, result);
  return result.stdout;
}

/** Runs `git ARGS` and returns its trimmed stdout; a non-zero exit throws a GitCommandError. */
export async function runGit(
  cwd: string,
  args: readonly string[],
  options: GitOptions = {},
): Promise<string> {
  return (await runGitForBytes(cwd, args, options)).toString('utf8').trim();
}
