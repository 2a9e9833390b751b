/**
 * ORT's spin-waiting: 'auto' leaves ORT's default in a process measured alone and switches it off in one that
 * takes turns with another (duet mode), where the waiting side's spinning threads took the active side's CPU.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createSpinningEntries,
  decideSpinning,
  type OrtSpinning,
} from '../../../src/measure/engine/onnx-session.js';

test('auto spins alone and not in turns; on and off are what they say', () => {
  const table = (['auto', 'on', 'off'] as OrtSpinning[]).map((setting) => [
    setting,
    decideSpinning(setting, false),
    decideSpinning(setting, true),
  ]);
  assert.deepEqual(table, [
    ['auto', true, false],
    ['on', true, true],
    ['off', false, false],
  ]);
});

test('spinning off sets allow_spinning 0 for the intra-op and inter-op pools; on adds nothing', () => {
  assert.deepEqual(createSpinningEntries(true), {});
  assert.deepEqual(createSpinningEntries(false), {
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  });
});
