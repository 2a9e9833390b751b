import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hotspotsSchema } from '../../../src/ground/schema/analysis-schema.js';
import { aggregateOperatorTrace } from '../../../src/measure/analysis/index.js';
import { assertClose } from '../../ground/stats/assert-close.js';

/**
 * One session.run of the synthetic all-MiniLM-L6-v2 q8 model (batch 2 × 16 tokens), profiled by
 * onnxruntime-node 1.30 with enableProfiling; layers 4–5 and the memory args were trimmed to keep it small.
 * Its kernel events sum to 6,984 µs over 20 operator types.
 */
const fixtureUrl = new URL(
  '../../../../test/measure/analysis/fixtures/ort-trace-minilm-q8.json',
  import.meta.url,
);
const fixture = readFileSync(fixtureUrl, 'utf8');
const options = { cell: 'batch 2', runs: 1, top: 5 };

function kernelEvent(name: string, opType: string, dur: number) {
  return {
    cat: 'Node',
    ph: 'X',
    pid: 1,
    tid: 1,
    ts: 0,
    dur,
    name: `${name}_kernel_time`,
    args: { op_name: opType },
  };
}

test('real trace: top operators, counts, times and shares match the events', () => {
  const result = aggregateOperatorTrace(fixture, options);
  assert.equal(result.cell, 'batch 2');
  assert.equal(result.runs, 1);
  assertClose(result.totalMs, 6.984, 1e-12);
  assert.deepEqual(
    result.top.map((op) => [op.opType, op.count]),
    [
      ['DynamicQuantizeMatMul', 12],
      ['MatMulIntegerToFloat', 12],
      ['SkipLayerNormalization', 12],
      ['Gelu', 6],
      ['Transpose', 16],
    ],
  );
  const first = result.top[0];
  assert.ok(first !== undefined);
  assertClose(first.totalMs, 3.338, 1e-12);
  assertClose(first.share, 3338 / 6984, 1e-12);
  const topShare = result.top.reduce((sum, op) => sum + op.share, 0);
  assertClose(result.otherShare, 1 - (3338 + 1136 + 1001 + 497 + 254) / 6984, 1e-12);
  assertClose(topShare + result.otherShare, 1, 1e-12);
  assert.doesNotThrow(() => hotspotsSchema.shape.operators.parse(result));
});

test('real trace: session events are not operators, and top bounds the list', () => {
  const all = aggregateOperatorTrace(fixture, { ...options, top: 100 });
  assert.equal(all.top.length, 20);
  assert.equal(all.otherShare, 0);
  assert.ok(!all.top.some((op) => /model_run|Executor|session|loading/i.test(op.opType)));
  for (let i = 1; i < all.top.length; i++) {
    assert.ok((all.top[i - 1]?.totalMs ?? 0) >= (all.top[i]?.totalMs ?? 0), 'sorted by time, descending');
  }
  const none = aggregateOperatorTrace(fixture, { ...options, top: 0 });
  assert.deepEqual(none.top, []);
  assert.equal(none.otherShare, 1);
});

test('fence events are ignored and equal times sort by name; the traceEvents wrapper is accepted', () => {
  const events = [
    { cat: 'Session', name: 'model_run', dur: 5000, args: {} },
    { cat: 'Node', name: 'a_fence_before', dur: 900, args: { op_name: 'MatMul' } },
    kernelEvent('b', 'Softmax', 100),
    kernelEvent('a', 'MatMul', 100),
    kernelEvent('c', 'MatMul', 200),
    { cat: 'Node', name: 'a_fence_after', dur: 900, args: { op_name: 'MatMul' } },
  ];
  const result = aggregateOperatorTrace(JSON.stringify({ traceEvents: events }), {
    cell: 'x',
    runs: 2,
    top: 5,
  });
  assert.deepEqual(result.top, [
    { opType: 'MatMul', count: 2, totalMs: 0.3, share: 0.75 },
    { opType: 'Softmax', count: 1, totalMs: 0.1, share: 0.25 },
  ]);
  assert.equal(result.runs, 2);
});

test('malformed traces throw errors that say what is wrong', () => {
  const run = (text: string) => () => aggregateOperatorTrace(text, options);
  assert.throws(run(fixture.slice(0, fixture.length / 2)), /not valid JSON.*truncated/);
  assert.throws(run('{"events": []}'), /expected a JSON array of trace events/);
  assert.throws(run('[1]'), /event 0 is not an object/);
  const noOpName = [kernelEvent('a', 'MatMul', 1), { cat: 'Node', name: 'b_kernel_time', dur: 3, args: {} }];
  assert.throws(run(JSON.stringify(noOpName)), /kernel event 1 is malformed at args\.op_name/);
  const negative = [kernelEvent('a', 'MatMul', -1)];
  assert.throws(run(JSON.stringify(negative)), /kernel event 0 is malformed at dur/);
  assert.throws(run('[{"cat":"Session","name":"model_run","dur":5}]'), /no operator events.*enableProfiling/);
  assert.throws(run(JSON.stringify([kernelEvent('a', 'MatMul', 0)])), /zero duration/);
});

test('invalid options are range errors', () => {
  assert.throws(() => aggregateOperatorTrace(fixture, { ...options, runs: 0 }), RangeError);
  assert.throws(() => aggregateOperatorTrace(fixture, { ...options, top: -1 }), RangeError);
});
