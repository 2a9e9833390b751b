/**
 * The server embedprof measures: one it starts from `--serve-command` (startServeCommand) or one already
 * running at a URL (connectToUrl). A started server runs through a shell in a process group of its own
 * (platform/process-group.ts): stop() — and SIGINT, SIGTERM or embedprof's exit — ends the whole group, so
 * nothing it spawned outlives the run. It listens on a free loopback port embedprof picks, given to it as
 * $PORT and as `{port}` in the command; its environment carries no credentials (platform/secret-variables.ts).
 * It is ready at its first 2xx answer to GET readyPath; readyMs counts from the spawn to that answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createUsageError, quoteUserText } from '../../ground/errors.js';
import { GROUP_SPAWN_OPTIONS, trackProcessGroup } from '../../ground/platform/process-group.js';
import { splitSecretVariables } from '../../ground/platform/secret-variables.js';
import type { ServeTarget } from './serve-types.js';
import { describeProbe, findFreePort, probeUrl, sleep, type ProbeOutcome } from './serve-probe.js';
import { collectLineTail, describeStartFailure, describeTail, type ServerExit } from './serve-failures.js';

export interface ServeCommandOptions {
  /** A shell command line; `{port}` in it is replaced by the port the server must listen on. */
  command: string;
  cwd: string;
  /** The readiness path, e.g. `/health`: ready at its first 2xx answer. */
  readyPath: string;
  readyTimeoutMs: number;
  /** Variables added to embedprof's environment for the server (credentials are removed either way). */
  env?: Record<string, string>;
  /** How the face names the command and the readiness path (default: the CLI's flags). */
  labels?: ServeLabels;
}

/** How the face names the server's settings in errors. */
export interface ServeLabels {
  command: string;
  readyPath: string;
  readyTimeout: string;
}

const CLI_LABELS: ServeLabels = {
  command: '--serve-command',
  readyPath: '--ready-path',
  readyTimeout: '--ready-timeout',
};

const PROBE_INTERVAL_MS = 50;
const PROBE_TIMEOUT_MS = 1_000;

/** Starts the server, waits until it is ready; a clear usage error (and no process left) when it never is. */
export async function startServeCommand(options: ServeCommandOptions): Promise<ServeTarget> {
  const labels = options.labels ?? CLI_LABELS;
  checkReadyPath(options.readyPath, labels.readyPath);
  const port = await findFreePort();
  const command = options.command.replaceAll('{port}', String(port));
  const spawnedAt = performance.now();
  const child = spawn(command, {
    shell: true,
    cwd: options.cwd,
    env: buildServerEnvironment(options.env ?? {}, port),
    stdio: ['ignore', 'ignore', 'pipe'],
    ...GROUP_SPAWN_OPTIONS,
  });
  const group = trackProcessGroup(child);
  const tail = collectLineTail(child.stderr);
  const ended = watchExit(child);
  const stop = async (): Promise<void> => {
    group.end();
    await ended.closed;
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const context = {
    command: options.command,
    label: labels.command,
    timeoutLabel: labels.readyTimeout,
    port,
    readyPath: options.readyPath,
    tail,
  };
  try {
    const readyAt = await waitUntilReady(
      `${baseUrl}${options.readyPath}`,
      options.readyTimeoutMs,
      ended,
      context,
    );
    return {
      baseUrl,
      pid: child.pid ?? null,
      readyMs: readyAt - spawnedAt,
      readStderrTail: () => tail.read(),
      isAlive: () => ended.exit === null,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A server already running at `url` (no trailing slash kept); a usage error when nothing answers there. */
export async function connectToUrl(url: string, timeoutMs = 5_000, label = '--url'): Promise<ServeTarget> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('invalid:');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw createUsageError({
      input: `${label} ${quoteUserText(url)}`,
      expected: 'an http:// or https:// URL of a running server',
      received: 'no http(s) URL',
      fix: 'Give the server’s address, e.g. --url http://127.0.0.1:8080.',
    });
  }
  const outcome = await probeUrl(url, timeoutMs);
  if (outcome.kind === 'no-answer') {
    throw createUsageError({
      input: `${label} ${quoteUserText(url)}`,
      expected: 'a server that answers HTTP there',
      received: `no answer (${outcome.reason})`,
      fix: 'Start the server first and check its host and port, or let embedprof start it with --serve-command.',
    });
  }
  return {
    baseUrl: url.replace(/\/+$/, ''),
    pid: null,
    readyMs: null,
    readStderrTail: () => [],
    isAlive: () => true,
    stop: async () => undefined,
  };
}

/** embedprof's environment and `extra`, without credentials, with PORT set to the server's port. */
export function buildServerEnvironment(extra: Record<string, string>, port: number): Record<string, string> {
  const { kept } = splitSecretVariables({ ...process.env, ...extra });
  return { ...kept, PORT: String(port) };
}

function checkReadyPath(readyPath: string, label: string): void {
  if (readyPath.startsWith('/')) return;
  throw createUsageError({
    input: `${label} ${quoteUserText(readyPath)}`,
    expected: 'a path starting with /',
    received: readyPath === '' ? 'an empty path' : 'a path without a leading /',
    fix: 'Give the readiness path as the server serves it, e.g. /health.',
  });
}

interface ExitWatch {
  /** Set once the shell (the group's leader) has exited. */
  exit: ServerExit | null;
  /** Resolves when the process has exited and its stderr is closed. */
  closed: Promise<void>;
}

function watchExit(child: ChildProcess): ExitWatch {
  const watch: ExitWatch = { exit: null, closed: Promise.resolve() };
  watch.closed = new Promise((done) => {
    child.once('exit', (code, signal) => {
      watch.exit = { code, signal, error: null };
    });
    child.once('error', (error) => {
      watch.exit = { code: null, signal: null, error: error.message };
      done();
    });
    child.once('close', () => done());
  });
  return watch;
}

interface ReadyContext {
  command: string;
  label: string;
  timeoutLabel: string;
  port: number;
  readyPath: string;
  tail: { read(): string[] };
}

/** Probes until a 2xx (its time), the server's exit or the timeout (each a usage error naming the command). */
async function waitUntilReady(
  url: string,
  timeoutMs: number,
  ended: ExitWatch,
  context: ReadyContext,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let last: ProbeOutcome | null = null;
  for (;;) {
    if (ended.exit !== null) {
      await Promise.race([ended.closed, sleep(500)]);
      throw describeStartFailure({ ...context, kind: 'exited', exit: ended.exit });
    }
    const remaining = deadline - performance.now();
    if (remaining <= 0) break;
    const cut = remaining < PROBE_TIMEOUT_MS;
    const probe = await probeUrl(url, Math.ceil(Math.min(PROBE_TIMEOUT_MS, remaining)));
    if (probe.kind === 'answered' && probe.status >= 200 && probe.status < 300) return performance.now();
    // a probe the deadline cut short says less than the answer before it: the message keeps that answer
    if (!(cut && probe.kind === 'no-answer' && last?.kind === 'answered')) last = probe;
    await sleep(PROBE_INTERVAL_MS);
  }
  const lastProbe = describeProbe(last);
  throw describeStartFailure({
    ...context,
    kind: 'never-ready',
    timeoutMs,
    lastProbe,
    stderr: describeTail(context.tail.read()),
  });
}
