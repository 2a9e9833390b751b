/**
 * What a started server wrote to stderr (its last lines) and the messages for a server that never became
 * ready: it exited (with its exit code, or the port it was given was taken: EADDRINUSE) or it did not answer
 * 2xx within the timeout. Each names the command and quotes the server's last stderr lines with
 * quoteUserText, so nothing the server wrote can start a log line.
 */
import type { Readable } from 'node:stream';
import { createUsageError, quoteUserText, RuntimeFailure, type UsageError } from '../../ground/errors.js';

/** How the group's leader (the shell) ended: its exit code or signal, or the spawn's error. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error: string | null;
}

export interface LineTail {
  /** The last complete lines (and the unfinished one), oldest first. */
  read(): string[];
}

const TAIL_LINES = 20;
const QUOTED_LINES = 8;
const MAX_LINE_CHARS = 500;

/** Keeps the last `limit` lines `stream` writes (each cut at 500 characters). */
export function collectLineTail(stream: Readable | null, limit = TAIL_LINES): LineTail {
  const lines: string[] = [];
  let partial = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = (parts.pop() ?? '').slice(-MAX_LINE_CHARS);
    for (const line of parts) lines.push(line.slice(0, MAX_LINE_CHARS));
    if (lines.length > limit) lines.splice(0, lines.length - limit);
  });
  return { read: () => (partial === '' ? [...lines] : [...lines, partial].slice(-limit)) };
}

/** The last non-empty lines as one quoted line, or a note that there were none. */
export function describeTail(lines: string[]): string {
  const shown = lines.filter((line) => line.trim() !== '').slice(-QUOTED_LINES);
  if (shown.length === 0) return 'it wrote nothing to stderr';
  return `its last stderr lines: «${quoteUserText(shown.join('\n'))}»`;
}

export type StartFailure =
  | { kind: 'exited'; exit: ServerExit }
  | { kind: 'never-ready'; timeoutMs: number; lastProbe: string; stderr: string };

interface FailureContext {
  command: string;
  /** How the face names the command's setting, e.g. `--serve-command` or `embedprof.config.json: serve.command`. */
  label: string;
  /** How it names the readiness timeout's setting. */
  timeoutLabel: string;
  port: number;
  readyPath: string;
  tail: LineTail;
}

/** The usage error for a server that did not become ready: naming the command, quoting its stderr. */
export function describeStartFailure(failure: StartFailure & FailureContext): UsageError {
  const input = `${failure.label} ${quoteUserText(JSON.stringify(failure.command))}`;
  switch (failure.kind) {
    case 'exited': {
      const stderr = describeTail(failure.tail.read());
      if (failure.tail.read().some((line) => line.includes('EADDRINUSE'))) {
        return createUsageError({
          input,
          expected: `a server listening on the port embedprof gave it (${failure.port})`,
          received: `it exited (${describeExit(failure.exit)}) because its port was already in use (EADDRINUSE); ${stderr}`,
          fix: 'Let the server listen on $PORT or on {port} in the command rather than on a fixed port, or stop what holds that port.',
        });
      }
      return createUsageError({
        input,
        expected: `a server that keeps running and answers GET ${failure.readyPath}`,
        received: `it exited before it was ready (${describeExit(failure.exit)}); ${stderr}`,
        fix: 'Run the command by hand in the same folder to see why it stops.',
      });
    }
    case 'never-ready':
      return createUsageError({
        input,
        expected: `a 2xx answer to GET ${failure.readyPath} on 127.0.0.1:${failure.port} within ${failure.timeoutMs / 1000} s`,
        received: `none (last probe: ${failure.lastProbe}); ${failure.stderr}`,
        fix: `Check the readiness path, that the server listens on 127.0.0.1 at $PORT or {port}, or raise ${failure.timeoutLabel}.`,
      });
  }
}

/**
 * The runtime failure for a started server found dead during a run (ServeTarget.isAlive() false): naming the
 * command and quoting its last stderr lines. What was measured before stays measured: the caller reports it.
 */
export function createServerDiedFailure(
  command: string,
  stderrTail: string[],
  label = '--serve-command',
): RuntimeFailure {
  return new RuntimeFailure(
    `${label} ${quoteUserText(JSON.stringify(command))}: the server stopped during the run; ${describeTail(stderrTail)}.`,
  );
}

/** "exit code 3", "killed by SIGKILL", "could not start: spawn /bin/sh ENOENT". */
export function describeExit(exit: ServerExit): string {
  if (exit.error !== null) return `could not start: ${exit.error}`;
  if (exit.signal !== null) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? 'unknown'}`;
}
