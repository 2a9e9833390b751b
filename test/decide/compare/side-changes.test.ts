import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareSides,
  describeSideChanges,
  type SideFacts,
} from '../../../src/decide/compare/side-changes.js';

const model = (sha256: string, operatorCounts: Record<string, number>, weightTypes = ['int8']) => ({
  sha256,
  bytes: 23_000_000,
  initializerBytes: 22_900_000,
  parameters: 22_700_000,
  nodes: Object.values(operatorCounts).reduce((sum, n) => sum + n, 0),
  opset: 17,
  weightTypes,
  operatorCounts,
});

const packages = { 'onnxruntime-node': '1.30.0', '@huggingface/tokenizers': '0.1.0' };

test('the same packages and model bytes: nothing differs, no note', () => {
  const side: SideFacts = { packages, model: model('a', { MatMul: 36 }) };
  assert.equal(compareSides(side, side), null);
  assert.deepEqual(describeSideChanges(null), []);
});

test('a package upgraded, one removed, and a model with more MatMul nodes and other weight types', () => {
  const base: SideFacts = { packages, model: model('a', { MatMul: 36, Add: 50 }) };
  const head: SideFacts = {
    packages: { 'onnxruntime-node': '1.31.0', '@huggingface/tokenizers': null },
    model: {
      ...model('b', { MatMul: 44, Add: 50, Gelu: 6 }, ['float32', 'int8']),
      initializerBytes: 32_300_000,
    },
  };
  const changes = compareSides(base, head);
  assert.ok(changes);
  assert.deepEqual(changes.packages, [
    { name: '@huggingface/tokenizers', base: '0.1.0', head: null },
    { name: 'onnxruntime-node', base: '1.30.0', head: '1.31.0' },
  ]);
  assert.deepEqual(changes.model?.operators, [
    { opType: 'MatMul', base: 36, head: 44 },
    { opType: 'Gelu', base: 0, head: 6 },
  ]);
  assert.equal('operatorCounts' in (changes.model?.head ?? {}), false, 'counts are kept only as differences');
  assert.deepEqual(describeSideChanges(changes), [
    'runtime packages differ between the sides: @huggingface/tokenizers 0.1.0 → not installed; onnxruntime-node 1.30.0 → 1.31.0',
    'the model differs between the sides: nodes MatMul 36 → 44, Gelu 0 → 6; weights 22.9 MB → 32.3 MB, weight types int8 → float32+int8',
  ]);
});

test('a custom embedder on either side: no model facts, only the packages are compared', () => {
  const base: SideFacts = { packages, model: null };
  const head: SideFacts = { packages, model: model('b', { MatMul: 36 }) };
  assert.equal(compareSides(base, head), null);
});
