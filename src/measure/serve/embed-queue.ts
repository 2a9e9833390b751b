/**
 * The reference server's work queue: requests wait in arrival order and are embedded one batch (one
 * request's texts) at a time, as a simple real server does — so under load the queue grows and latency with
 * it. `slowPercent` stretches each batch's compute by that share of its measured time with a busy wait (the
 * CPU stays taken, as a slower model's would): the deliberately slowed server of the tests and validation.
 */
import type { BatchOutcome, ProfiledEmbedder } from '../engine/embedder.js';

export interface QueuedOutcome {
  outcome: BatchOutcome;
  /** ms the request waited for the batches before it. */
  queueMs: number;
  /** ms of the batch itself, the slowdown included. */
  computeMs: number;
  /** ms of the busy wait added by slowPercent. */
  slowdownMs: number;
}

export interface EmbedQueue {
  /** Embeds `texts` after every batch submitted before them; rejects when the embedder throws. */
  submit(texts: string[]): Promise<QueuedOutcome>;
  /** Batches submitted and not yet finished. */
  readonly pending: number;
}

/** Keeps the CPU busy for `ms` (a sleep would let the next batch start early). */
export function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin: the compute a slower server would spend
  }
}

export function createEmbedQueue(embedder: ProfiledEmbedder, slowPercent: number): EmbedQueue {
  let last: Promise<unknown> = Promise.resolve();
  let pending = 0;
  const run = async (texts: string[], queuedAt: number): Promise<QueuedOutcome> => {
    const started = performance.now();
    try {
      const outcome = await embedder.embedBatch(texts);
      const slowdownMs = ((performance.now() - started) * slowPercent) / 100;
      if (slowdownMs > 0) busyWait(slowdownMs);
      return { outcome, queueMs: started - queuedAt, computeMs: performance.now() - started, slowdownMs };
    } finally {
      pending--;
    }
  };
  return {
    submit(texts) {
      pending++;
      const queuedAt = performance.now();
      const result = last.then(() => run(texts, queuedAt));
      // the next batch waits for this one whether it succeeded or failed
      last = result.catch(() => undefined);
      return result;
    },
    get pending() {
      return pending;
    },
  };
}
