import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pickOnnxEngines, profileOperatorPairs } from '../../../src/decide/gate/profile-operator-pairs.js';
import { createOnnxEngine } from './gate-fixtures.js';
import type { EngineSpec } from '../../../src/measure/engine/embedder.js';

const onnx = createOnnxEngine;

test('a side that cannot profile ends the rounds with its own message', async () => {
  const missing = join(tmpdir(), 'embedprof-no-such-model.onnx');
  const rounds = await profileOperatorPairs(
    { base: onnx(missing), head: onnx(missing) },
    ['a text'],
    'batch 1',
  );
  assert.equal(rounds.kind, 'failed');
  assert.equal(rounds.kind === 'failed' ? rounds.side : null, 'base', 'the base goes first in round 1');
  assert.match(rounds.kind === 'failed' ? rounds.message : '', /embedprof-no-such-model\.onnx/);
});

test('operators are profiled only when both sides run the ONNX engine', () => {
  const custom: EngineSpec = {
    kind: 'custom',
    modulePath: '/x.mjs',
    tokenizerDir: null,
    maxTokens: 128,
    userOptions: {},
  };
  assert.equal(pickOnnxEngines({ base: custom, head: onnx('/m.onnx') }), null);
  assert.equal(pickOnnxEngines({ base: onnx('/m.onnx'), head: custom }), null);
  assert.deepEqual(pickOnnxEngines({ base: onnx('/a.onnx'), head: onnx('/b.onnx') }), {
    base: onnx('/a.onnx'),
    head: onnx('/b.onnx'),
  });
});
