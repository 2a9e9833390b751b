import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { UsageError } from '../../../src/ground/errors.js';
import type { ServeTarget } from '../../../src/measure/serve/serve-types.js';
import { startServeCommand } from '../../../src/measure/serve/serve-target.js';
import { startRssSampler } from '../../../src/measure/serve/server-memory.js';
import { createProcessMarker, waitFor } from '../../helpers/process-marker.js';
import { closeServer, createReferenceCommand, holdPort } from './fake-servers.js';

const marker = createProcessMarker();
let target: ServeTarget;

before(async () => {
  target = await startServeCommand({
    command: createReferenceCommand(),
    cwd: process.cwd(),
    readyPath: '/health',
    readyTimeoutMs: 60_000,
    env: marker.env,
  });
});
after(async () => {
  await target.stop();
  marker.killAll();
});

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${target.baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
}

function assertUnitVectors(vectors: number[][], count: number): void {
  assert.equal(vectors.length, count);
  for (const vector of vectors) {
    assert.equal(vector.length, 384);
    const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
    assert.ok(Math.abs(norm - 1) < 1e-4, `norm ${norm}`);
  }
}

test('the reference server is ready through startServeCommand and answers GET /health', async () => {
  assert.ok(target.readyMs !== null && target.readyMs > 0);
  const response = await fetch(`${target.baseUrl}/health`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { status: 'ok', queued: 0 });
});

test('POST /v1/embeddings: OpenAI shape, one unit vector of 384 per input, in order', async () => {
  const response = await post('/v1/embeddings', { input: ['a first text', 'the second one'], model: 'any' });
  assert.equal(response.status, 200);
  const body = (await response.json()) as {
    data: { embedding: number[]; index: number }[];
    model: string;
    usage: { prompt_tokens: number; total_tokens: number };
  };
  assert.deepEqual(
    body.data.map((item) => item.index),
    [0, 1],
  );
  assertUnitVectors(
    body.data.map((item) => item.embedding),
    2,
  );
  assert.notDeepEqual(body.data[0]?.embedding, body.data[1]?.embedding);
  assert.equal(body.model, 'synthetic:all-MiniLM-L6-v2');
  assert.ok(body.usage.prompt_tokens > 4);
  const single = (await (await post('/v1/embeddings', { input: 'a first text' })).json()) as typeof body;
  // alone the text is padded less than beside a longer one: the same vector up to float noise
  const [alone, batched] = [single.data[0]?.embedding ?? [], body.data[0]?.embedding ?? []];
  const cosine = alone.reduce((sum, x, index) => sum + x * (batched[index] ?? 0), 0);
  assert.ok(cosine > 0.9999, `cosine ${cosine}`);
});

test('POST /embed: TEI shape (number[][]) with its timing headers', async () => {
  const response = await post('/embed', { inputs: ['one', 'two', 'three'] });
  assert.equal(response.status, 200);
  assertUnitVectors((await response.json()) as number[][], 3);
  const compute = Number(response.headers.get('x-compute-time'));
  const parts = ['x-tokenization-time', 'x-inference-time'].map((name) => Number(response.headers.get(name)));
  assert.ok(compute > 0);
  assert.ok(Math.abs((parts[0] ?? 0) + (parts[1] ?? 0) - compute) < 0.01);
  assert.ok(Number(response.headers.get('x-queue-time')) >= 0);
});

test('bad requests get a 4xx with a JSON error, and the server keeps serving', async () => {
  const cases: [string, unknown, number][] = [
    ['/embed', { inputs: [] }, 400],
    ['/embed', { input: 'wrong field' }, 400],
    ['/v1/embeddings', { input: [1, 2] }, 400],
    ['/nowhere', {}, 404],
  ];
  for (const [path, body, status] of cases) {
    const response = await post(path, body);
    assert.equal(response.status, status, path);
    const error = (await response.json()) as { error: { message: string } };
    assert.ok(error.error.message.length > 0);
  }
  const notJson = await fetch(`${target.baseUrl}/embed`, { method: 'POST', body: '{not json' });
  assert.equal(notJson.status, 400);
  assert.equal((await post('/embed', { inputs: 'still here' })).status, 200);
});

test("the server's RSS over time: a non-empty series of positive readings of its group", async () => {
  assert.ok(target.pid !== null);
  const sampler = startRssSampler(target.pid, 20);
  await Promise.all(Array.from({ length: 8 }, () => post('/embed', { inputs: ['load while sampling'] })));
  await new Promise((done) => setTimeout(done, 100));
  const series = sampler.stop();
  assert.ok(series.length >= 3, `${series.length} samples`);
  for (const sample of series) {
    assert.ok(sample.rssMB > 10, `${sample.rssMB} MB`);
    assert.ok(sample.processes >= 1);
  }
  assert.ok(series.every((sample, index) => index === 0 || sample.atMs >= (series[index - 1]?.atMs ?? 0)));
});

test('the reference server on a taken port: the port-in-use error, nothing left running', async () => {
  const held = await holdPort();
  try {
    const command = createReferenceCommand(['--port', String(held.port)]);
    const start = startServeCommand({
      command,
      cwd: process.cwd(),
      readyPath: '/health',
      readyTimeoutMs: 30_000,
    });
    await assert.rejects(start, (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /its port was already in use \(EADDRINUSE\)/);
      assert.match(error.message, /reference server: listen EADDRINUSE/);
      return true;
    });
  } finally {
    await closeServer(held.server);
  }
});

test('stop() leaves no process of the group', async () => {
  assert.ok(marker.list().length >= 1);
  await target.stop();
  assert.equal(target.isAlive(), false);
  assert.ok(await waitFor(() => marker.list().length === 0, 3_000), marker.listCommands().join('; '));
});
