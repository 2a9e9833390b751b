import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  detectSpeedRegimes,
  findRegimeIndex,
  selectCommonRegime,
} from '../../../src/decide/compare/speed-regimes.js';

const fast = [690, 695, 688, 700];
const slow = [470, 468, 472];

test('probe scores split into regimes where neighbours are more than 15 % apart', () => {
  assert.deepEqual(detectSpeedRegimes([...fast, ...slow], 0.15), [
    { lowGflops: 468, highGflops: 472 },
    { lowGflops: 688, highGflops: 700 },
  ]);
  assert.equal(detectSpeedRegimes([100, 105, 110, 116], 0.15).length, 1, 'a gradual drift is one regime');
  assert.deepEqual(detectSpeedRegimes([], 0.15), []);
});

test('a score between regimes goes to the nearest', () => {
  const regimes = detectSpeedRegimes([...fast, ...slow], 0.15);
  assert.equal(findRegimeIndex(regimes, 500), 0);
  assert.equal(findRegimeIndex(regimes, 650), 1);
});

test('a cell is compared on the regime both sides share, with at least 2 processes each', () => {
  const regimes = detectSpeedRegimes([...fast, ...slow], 0.15);
  assert.deepEqual(selectCommonRegime(regimes, [690, 695, 700], [688, 692, 699]), { kind: 'single-regime' });
  assert.deepEqual(selectCommonRegime(regimes, [690, 695, 700], [688, 470, 692]), {
    kind: 'common-regime',
    regime: 1,
    baselineIndices: [0, 1, 2],
    currentIndices: [0, 2],
  });
  assert.deepEqual(selectCommonRegime(regimes, [690, 695, 700], [688, 470, 468]), {
    kind: 'no-common-regime',
  });
  assert.deepEqual(
    selectCommonRegime(regimes, [690, 470, 700, 468], [688, 470, 692, 472]),
    {
      kind: 'common-regime',
      regime: 1,
      baselineIndices: [0, 2],
      currentIndices: [0, 2],
    },
    'a tie goes to the faster regime',
  );
});
