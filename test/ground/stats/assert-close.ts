import assert from 'node:assert/strict';

/** Asserts |actual − expected| ≤ tolerance · max(1, |expected|) (relative for large values, absolute near 0). */
export function assertClose(actual: number, expected: number, tolerance = 1e-9, label = ''): void {
  const allowed = tolerance * Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= allowed,
    `${label} expected ${expected} ± ${allowed}, got ${actual} (off by ${actual - expected})`,
  );
}
