import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapWindows } from '../../../src/measure/serve/bootstrap-windows.js';

test('one window of one value: every replicate reads that value at every quantile', () => {
  const boot = bootstrapWindows({
    windows: [{ latenciesMs: [7, 7, 7], planned: 3 }],
    probabilities: [0.5, 0.99],
    replicates: 20,
    seed: 1,
  });
  assert.deepEqual([...(boot.quantiles[0] ?? [])], Array<number>(20).fill(7));
  assert.deepEqual([...(boot.quantiles[1] ?? [])], Array<number>(20).fill(7));
  assert.deepEqual([...boot.errorRates], Array<number>(20).fill(0));
});

test('replicate quantiles are values of the sample, ordered by probability', () => {
  const latencies = Array.from({ length: 100 }, (_, i) => i + 1);
  const boot = bootstrapWindows({
    windows: [
      { latenciesMs: latencies.slice(0, 50), planned: 50 },
      { latenciesMs: latencies.slice(50), planned: 50 },
    ],
    probabilities: [0.99, 0.5],
    replicates: 200,
    seed: 3,
  });
  const [p99, p50] = boot.quantiles as [Float64Array, Float64Array];
  for (let b = 0; b < 200; b++) {
    assert.ok(Number.isInteger(p50[b]) && (p50[b] as number) >= 1 && (p50[b] as number) <= 100);
    assert.ok((p99[b] as number) >= (p50[b] as number));
  }
  // drawing whole windows: a replicate of two copies of the first window has its p99 at most 50
  assert.ok(p99.some((q) => q <= 50) && p99.some((q) => q > 90));
});

test('failed requests are drawn too: the error rate varies around the windows’ rate', () => {
  const boot = bootstrapWindows({
    windows: [
      { latenciesMs: Array<number>(80).fill(5), planned: 100 },
      { latenciesMs: Array<number>(100).fill(5), planned: 100 },
    ],
    probabilities: [0.5],
    replicates: 400,
    seed: 4,
  });
  const rates = [...boot.errorRates];
  const mean = rates.reduce((s, r) => s + r, 0) / rates.length;
  assert.ok(Math.abs(mean - 0.1) < 0.02, `mean error rate ${mean}`);
  assert.ok(Math.min(...rates) === 0, 'two copies of the clean window: no errors');
  assert.ok(Math.max(...rates) > 0.15, 'two copies of the failing window: about 20 %');
});

test('a replicate that draws no success has NaN quantiles; the same seed gives the same replicates', () => {
  const request = {
    windows: [
      { latenciesMs: [], planned: 10 },
      { latenciesMs: [1, 2, 3], planned: 3 },
    ],
    probabilities: [0.5],
    replicates: 50,
    seed: 8,
  };
  const boot = bootstrapWindows(request);
  const p50 = [...(boot.quantiles[0] ?? [])];
  assert.ok(p50.some((q) => Number.isNaN(q)) && p50.some((q) => !Number.isNaN(q)));
  assert.deepEqual(bootstrapWindows(request), boot);
  assert.notDeepEqual(bootstrapWindows({ ...request, seed: 9 }), boot);
  assert.throws(
    () => bootstrapWindows({ ...request, windows: [{ latenciesMs: [1, 2], planned: 1 }] }),
    RangeError,
  );
});
