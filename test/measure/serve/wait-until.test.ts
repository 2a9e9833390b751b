import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitUntil, type WaitPrecision } from '../../../src/measure/serve/wait-until.js';

const WAYS: WaitPrecision[] = [
  { wakeEarlyMs: 2, fineWait: 'nap' },
  { wakeEarlyMs: 2, fineWait: 'yield' },
  { wakeEarlyMs: 0, fineWait: 'nap' },
];

for (const precision of WAYS) {
  const name = `${precision.fineWait}, timer ${precision.wakeEarlyMs} ms early`;

  test(`${name}: never resolves before the due time`, async () => {
    for (const delayMs of [0.05, 0.3, 1, 2.5, 7]) {
      const target = performance.now() + delayMs;
      await waitUntil(target, precision);
      assert.ok(performance.now() >= target, `${delayMs} ms`);
    }
  });

  test(`${name}: the event loop runs while it waits, and once even when the time has passed`, async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    await waitUntil(performance.now() + 15, precision);
    clearInterval(ticker);
    assert.ok(ticks >= 1, 'a 1 ms interval ran during a 15 ms wait');
    let ran = false;
    setImmediate(() => (ran = true));
    await waitUntil(performance.now() - 5, precision);
    assert.equal(ran, true);
    await sleep(0);
  });
}
