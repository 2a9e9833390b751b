import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { findPreset } from '../../../src/measure/protocol/presets.js';
import { buildProbeModels } from '../../../src/measure/protocol/probe-calibration.js';
import { chooseTurn, runLockstepPair } from '../../../src/measure/protocol/schedule/run-lockstep-pair.js';
import { createTurnGate } from '../../../src/measure/protocol/ipc/turn-gate.js';
import type { CellJob } from '../../../src/measure/protocol/ipc/cell-job.js';

test('turns go A B B A A B B A …', () => {
  const order = Array.from({ length: 8 }, (_, turn) => chooseTurn(turn, 'base'));
  assert.deepEqual(order, ['base', 'head', 'head', 'base', 'base', 'head', 'head', 'base']);
  assert.equal(chooseTurn(0, 'head'), 'head');
});

test('a turn granted before the worker waits is kept; turn-done goes to the parent', async () => {
  const sent: string[] = [];
  const gate = createTurnGate((message) => sent.push(message.kind));
  assert.equal(gate.accept({ kind: 'job' }), false);
  assert.equal(gate.accept({ kind: 'turn' }), true);
  await gate.waitForTurn();
  let granted = false;
  const waiting = gate.waitForTurn().then(() => (granted = true));
  await new Promise((done) => setTimeout(done, 10));
  assert.equal(granted, false, 'no turn, no batch');
  gate.accept({ kind: 'turn' });
  await waiting;
  gate.endTurn();
  assert.deepEqual(sent, ['turn-done']);
});

const probeShape = { dtype: 'fp32', m: 64, k: 64, n: 64 } as const;

function createJob(embedderPath: string): CellJob {
  return {
    kind: 'cell',
    batchTimeoutMs: null,
    engine: {
      kind: 'custom',
      modulePath: resolve(embedderPath),
      tokenizerDir: null,
      maxTokens: 256,
      userOptions: {},
    },
    probe: { ...probeShape, threads: 1, spinning: 'auto', models: buildProbeModels(probeShape) },
    batches: [Array.from({ length: 8 }, (_, i) => `text number ${i} with a few words`)],
    policy: findPreset('quick').policy,
    maxMemoryMB: 4096,
  };
}

test('a lockstep pair measures both sides; a side that fails leaves the other to finish alone', async () => {
  const ok = createJob('test/fixtures/embedders/toy-embedder.mjs');
  const replies = await runLockstepPair({ base: ok, head: ok }, 'head', 60_000);
  for (const reply of [replies.base, replies.head]) {
    assert.equal(reply.kind, 'ok', JSON.stringify(reply).slice(0, 300));
    if (reply.kind === 'ok') assert.ok(reply.result.timings.length >= 3);
  }
  const broken = createJob('test/fixtures/embedders/no-such-embedder.mjs');
  const mixed = await runLockstepPair({ base: broken, head: ok }, 'base', 60_000);
  assert.equal(mixed.base.kind, 'failed');
  assert.equal(mixed.head.kind, 'ok');
});
