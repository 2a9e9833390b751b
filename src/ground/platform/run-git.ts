/**
 * Every git call of embedprof goes through here. git is run with `execFile` / `spawnSync`, never a shell, and:
 * - the values a user can influence (refs, remotes, branches, paths) go after `--end-of-options`, so no value
 *   is ever read as an option (`--against=--upload-pack=…`). Every subcommand used accepts it (git ≥ 2.24), but
 *   `rev-parse` only with `--verify` (otherwise it echoes it), and `check-ref-format` not at all;
 * - no credential prompt (GIT_TERMINAL_PROMPT=0), so a job without a token fails instead of waiting;
 * - a time limit (GIT_TIMEOUT_MS unless the call gives its own): a git that hangs is stopped, and the call
 *   fails with an error naming the git command;
 * - English messages (LC_ALL=C) so failures can be classified, and no inherited GIT_DIR / GIT_WORK_TREE /
 *   GIT_INDEX_FILE (as a git hook would pass), so git works on the repository it is pointed at.
 * Credentials in URLs are masked in every message.
 */
import { execFile, spawnSync } from 'node:child_process';
import { RuntimeFailure } from '../errors.js';

export interface GitOptions {
  /** Values after `--end-of-options`: refs, remotes, branches, paths — anything a user can influence. */
  values?: readonly string[];
  /** Extra environment, e.g. GIT_INDEX_FILE for a temporary index or the commit identity. */
  env?: Readonly<Record<string, string>>;
  input?: string | Buffer;
  timeoutMs?: number;
}

export interface GitResult {
  /** git's exit status. */
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** The longest a git call may take (a fetch of a big repository included) before it is stopped. */
export const GIT_TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const INHERITED_GIT_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_NAMESPACE'];

/** `https://user:token@host/…` → `https://***@host/…`, anywhere in `text`. */
export function maskCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

function createEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_GIT_VARIABLES) delete env[name];
  return { ...env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0', ...extra };
}

/** The argument list: git's own words, then `--end-of-options` and the values. */
function buildArgs(args: readonly string[], options: GitOptions): string[] {
  const values = options.values ?? [];
  return values.length === 0 ? [...args] : [...args, '--end-of-options', ...values];
}

/** `git fetch --no-tags --end-of-options origin main`, credentials masked: how messages name a call. */
export function describeGitCall(args: readonly string[], options: GitOptions = {}): string {
  return maskCredentials(['git', ...buildArgs(args, options)].join(' '));
}

function createStartError(args: readonly string[], options: GitOptions, cwd: string, error: Error) {
  const command = describeGitCall(args, options);
  const seconds = Math.round((options.timeoutMs ?? GIT_TIMEOUT_MS) / 100) / 10;
  if (Reflect.get(error, 'code') === 'ENOENT')
    return new RuntimeFailure(`cannot run ${command} in ${cwd}: git is not on PATH (install git)`);
  if (Reflect.get(error, 'killed') === true || Reflect.get(error, 'code') === 'ETIMEDOUT') {
    return new RuntimeFailure(
      `${command} in ${cwd} did not finish within ${seconds} s and was stopped. Check that the remote is reachable and git needs no prompt (credentials, host key).`,
    );
  }
  return new RuntimeFailure(`${command} in ${cwd} failed: ${maskCredentials(error.message)}`);
}

/** Runs git in `cwd`; resolves with its status and output, rejects when git cannot start or runs too long. */
export function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      buildArgs(args, options),
      {
        cwd,
        env: createEnvironment(options.env),
        encoding: 'buffer',
        maxBuffer: MAX_OUTPUT_BYTES,
        timeout: options.timeoutMs ?? GIT_TIMEOUT_MS,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : Reflect.get(error, 'code');
        if (error !== null && (typeof code !== 'number' || error.killed)) {
          reject(createStartError(args, options, cwd, error));
          return;
        }
        resolve({
          code: typeof code === 'number' ? code : 0,
          stdout,
          stderr: maskCredentials(stderr.toString()),
        });
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
  });
}

/** runGit for the few places that cannot wait (a signal's cleanup, a synchronous read); same rules. */
export function runGitSync(cwd: string, args: readonly string[], options: GitOptions = {}): GitResult {
  const result = spawnSync('git', buildArgs(args, options), {
    cwd,
    env: createEnvironment(options.env),
    maxBuffer: MAX_OUTPUT_BYTES,
    timeout: options.timeoutMs ?? GIT_TIMEOUT_MS,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  if (result.error !== undefined) throw createStartError(args, options, cwd, result.error);
  if (result.status === null) {
    const stopped = Object.assign(new Error(`stopped by ${result.signal ?? 'a signal'}`), { killed: true });
    throw createStartError(args, options, cwd, stopped);
  }
  return { code: result.status, stdout: result.stdout, stderr: maskCredentials(result.stderr.toString()) };
}

/** A git command that exited non-zero: its arguments (masked), status and stderr. */
export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';
  constructor(
    readonly command: string,
    readonly result: GitResult,
  ) {
    super(`${command} exited with ${result.code}: ${result.stderr.trim() || '(no message)'}`);
  }
}

/** Runs git and returns its stdout as bytes; a non-zero exit throws a GitCommandError. */
export async function readGitBytes(cwd: string, args: readonly string[], options: GitOptions = {}) {
  const result = await runGit(cwd, args, options);
  if (result.code !== 0) throw new GitCommandError(describeGitCall(args, options), result);
  return result.stdout;
}

/** Runs git and returns its trimmed stdout; a non-zero exit throws a GitCommandError. */
export async function readGitText(cwd: string, args: readonly string[], options: GitOptions = {}) {
  return (await readGitBytes(cwd, args, options)).toString('utf8').trim();
}
