/**
 * The network side of a serve target: a free loopback port for a server embedprof starts, and the GET probes
 * that tell whether a server answers (any HTTP response) or is ready (a 2xx on the readiness path). A probe
 * never throws: what happened is returned as data for the caller's message.
 */
import { createServer } from 'node:net';

export type ProbeOutcome = { kind: 'answered'; status: number } | { kind: 'no-answer'; reason: string };

/** A port on 127.0.0.1 that nothing listens on now (the OS picks it; it is closed again before return). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** One GET of `url`: its status, or why nothing answered (refused, reset, timed out). */
export async function probeUrl(url: string, timeoutMs: number): Promise<ProbeOutcome> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { kind: 'answered', status: response.status };
  } catch (error) {
    return { kind: 'no-answer', reason: describeFetchFailure(error, timeoutMs) };
  }
}

/** A fetch failure as a few words: the system error code when there is one ("ECONNREFUSED"). */
function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return `no answer within ${timeoutMs} ms`;
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code: unknown = Reflect.get(cause, 'code');
    return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The outcome as the end of a sentence: "answered 404", "ECONNREFUSED (connect ECONNREFUSED …)". */
export function describeProbe(outcome: ProbeOutcome | null): string {
  if (outcome === null) return 'no probe ran';
  switch (outcome.kind) {
    case 'answered':
      return `answered ${outcome.status}`;
    case 'no-answer':
      return outcome.reason;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
