import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BatchOutcome, ProfiledEmbedder } from '../../../src/measure/engine/embedder.js';
import { busyWait, createEmbedQueue } from '../../../src/measure/serve/embed-queue.js';

/** An embedder that takes `ms` of CPU per batch and logs when each batch starts and ends. */
function createTimedEmbedder(ms: number, log: string[]): ProfiledEmbedder {
  return {
    kind: 'custom',
    async embedBatch(texts: string[]): Promise<BatchOutcome> {
      log.push(`start ${texts[0] ?? ''}`);
      await new Promise((done) => setTimeout(done, 1));
      busyWait(ms);
      log.push(`end ${texts[0] ?? ''}`);
      if (texts[0] === 'fail') throw new Error('engine failed');
      const timing = { tokenizeMs: 1, inferenceMs: ms, poolingMs: 0, otherMs: 0, totalMs: ms + 1 };
      return { embeddings: texts.map(() => [1]), timing, tokens: null };
    },
    close: async () => undefined,
  };
}

test('batches run one at a time in arrival order; a failed batch does not stop the next', async () => {
  const log: string[] = [];
  const queue = createEmbedQueue(createTimedEmbedder(5, log), 0);
  const results = ['a', 'fail', 'c'].map((text) => queue.submit([text]));
  assert.equal(queue.pending, 3);
  const [first, failed, third] = await Promise.allSettled(results);
  assert.deepEqual(log, ['start a', 'end a', 'start fail', 'end fail', 'start c', 'end c']);
  assert.equal(first?.status, 'fulfilled');
  assert.equal(failed?.status, 'rejected');
  assert.ok(third?.status === 'fulfilled');
  // c waited for the two batches before it, each at least 5 ms of CPU
  assert.ok(third.value.queueMs >= 10, `${third.value.queueMs} ms`);
  assert.equal(queue.pending, 0);
});

test('slowPercent stretches each batch by that share of its own time, as CPU work', async () => {
  const plain = await createEmbedQueue(createTimedEmbedder(8, []), 0).submit(['x']);
  const slowed = await createEmbedQueue(createTimedEmbedder(8, []), 50).submit(['x']);
  assert.equal(plain.slowdownMs, 0);
  // the batch took ≥ 8 ms, so half of it is ≥ 4 ms, and the compute time holds both
  assert.ok(slowed.slowdownMs >= 4, `${slowed.slowdownMs} ms`);
  assert.ok(slowed.computeMs >= 8 + slowed.slowdownMs - 0.5);
  // half of the batch's own time: a third at most of the batch and its busy wait together
  assert.ok(
    slowed.slowdownMs <= slowed.computeMs / 3 + 0.01,
    `${slowed.slowdownMs} of ${slowed.computeMs} ms`,
  );
});
