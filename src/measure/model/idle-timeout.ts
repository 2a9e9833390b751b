/**
 * An idle timeout for hub requests: a countdown restarted by every response and every chunk of a body. When it
 * runs out, the requests it watches are aborted (their fetch gets its signal) and whoever awaits them gets an
 * IdleTimeout, so a hub or proxy that stops sending mid-body ends the run instead of hanging it.
 */

/** Seconds of silence after which a download is abandoned, unless the caller chooses otherwise. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/** Nothing arrived for `ms` milliseconds; `url` is the request that was waiting. */
export class IdleTimeout extends Error {
  override readonly name = 'IdleTimeout';
  constructor(
    readonly ms: number,
    readonly url: string | undefined,
  ) {
    super(`nothing received for ${formatSeconds(ms)}${url === undefined ? '' : ` from ${url}`}`);
  }
}

export function formatSeconds(ms: number): string {
  return `${ms / 1000} s`;
}

export interface IdleWatchdog {
  readonly signal: AbortSignal;
  /** Restarts the countdown. */
  touch(): void;
  /** fetch with the watchdog's signal, restarting the countdown when a request starts and when it answers. */
  readonly fetch: typeof fetch;
}

/**
 * Runs `work` under a watchdog of `ms` milliseconds and stops it afterwards. Once the watchdog has fired,
 * `work` fails with the IdleTimeout, whatever error the aborted request surfaced as.
 */
export async function runWithIdleTimeout<T>(
  ms: number,
  work: (watchdog: IdleWatchdog) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let lastUrl: string | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new IdleTimeout(ms, lastUrl)), ms);
  };
  const watchedFetch: typeof fetch = async (input, init) => {
    lastUrl = input instanceof Request ? input.url : String(input);
    touch();
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    const response = await fetch(input, { ...init, signal });
    touch();
    return response;
  };
  touch();
  try {
    return await work({ signal: controller.signal, touch, fetch: watchedFetch });
  } catch (error) {
    throw controller.signal.aborted ? (controller.signal.reason as Error) : error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Yields `chunks`, restarting the countdown on each one; fails as soon as the watchdog fires, even when the
 * source never settles, so the consumer can remove what it wrote before the failure is reported.
 */
export async function* watchChunks(
  chunks: AsyncIterable<Uint8Array>,
  watchdog: IdleWatchdog,
): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const { signal } = watchdog;
  const fired = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
  fired.catch(() => undefined);
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), fired]);
      if (next.done === true) return;
      watchdog.touch();
      yield next.value;
    }
  } finally {
    void iterator.return?.()?.catch(() => undefined);
  }
}
