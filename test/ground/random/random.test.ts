import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../../src/ground/random/index.js';

test('the same seed gives the same sequence; different seeds differ', () => {
  const first = createRandom(42);
  const second = createRandom(42);
  const other = createRandom(43);
  const a = Array.from({ length: 5 }, () => first.nextFloat());
  const b = Array.from({ length: 5 }, () => second.nextFloat());
  const c = Array.from({ length: 5 }, () => other.nextFloat());
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('nextFloat is uniform on [0, 1)', () => {
  const random = createRandom(1);
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 100_000; i++) {
    const value = random.nextFloat();
    assert.ok(value >= 0 && value < 1);
    const bucket = Math.floor(value * 10);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  for (const count of counts) assert.ok(Math.abs(count - 10_000) < 500, `bucket count ${count}`);
});

test('nextNormal has mean 0 and variance 1', () => {
  const random = createRandom(7);
  const n = 100_000;
  let total = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const value = random.nextNormal();
    total += value;
    squares += value * value;
  }
  assert.ok(Math.abs(total / n) < 0.02);
  assert.ok(Math.abs(squares / n - 1) < 0.02);
});

test('nextInt stays in [0, max) and hits every value', () => {
  const random = createRandom(3);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const value = random.nextInt(6);
    assert.ok(Number.isInteger(value) && value >= 0 && value < 6);
    seen.add(value);
  }
  assert.equal(seen.size, 6);
  assert.throws(() => random.nextInt(0), RangeError);
  assert.throws(() => random.nextInt(2.5), RangeError);
});

test('seeds must be safe integers; large and negative seeds work', () => {
  assert.throws(() => createRandom(Number.NaN), RangeError);
  assert.throws(() => createRandom(0.5), RangeError);
  assert.notEqual(createRandom(2 ** 40).nextFloat(), createRandom(0).nextFloat());
  assert.ok(createRandom(-5).nextFloat() < 1);
});

test('every bit generator keeps its recorded stream (weights, corpus, shuffles and schedules depend on it)', () => {
  const expected = {
    'xoshiro128**': [660444221, 3652823732, 77672526],
    mulberry32: [2581720956, 1925393290, 3661312704],
    xorshift32: [11355432, 2836018348, 476557059],
    lcg32: [656964321, 1517016780, 3312067515],
  } as const;
  for (const [algorithm, values] of Object.entries(expected)) {
    const random = createRandom(42, { algorithm: algorithm as keyof typeof expected });
    assert.deepEqual([random.nextUint32(), random.nextUint32(), random.nextUint32()], values, algorithm);
  }
});

test('32-bit floats take one draw; nextIntBetween is inclusive; pick refuses an empty list', () => {
  const floats = createRandom(42, { algorithm: 'mulberry32', floatBits: 32 });
  assert.equal(floats.nextFloat(), 2581720956 / 2 ** 32);
  const random = createRandom(8);
  const seen = new Set(Array.from({ length: 200 }, () => random.nextIntBetween(3, 5)));
  assert.deepEqual([...seen].sort(), [3, 4, 5]);
  assert.throws(() => random.pick([]), RangeError);
});
