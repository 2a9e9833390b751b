import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../../src/ground/errors.js';
import {
  checkEmbeddingsBody,
  parseServerTiming,
  prepareServeApi,
} from '../../../src/measure/serve/serve-api.js';
import type { ServeApi } from '../../../src/measure/serve/serve-types.js';

const TEXTS = ['plain', 'a "quoted" word', 'ünïcödé \n line'];
const OPENAI: ServeApi = { kind: 'openai', path: '/v1/embeddings', model: 'm1' };
const TEI: ServeApi = { kind: 'tei', path: '/embed' };
const TEMPLATE: ServeApi = { kind: 'template', path: '/x', body: '{"texts": "{{texts}}", "n": 1}' };

test('bodies: OpenAI {input, model}, no model when null; TEI {inputs}', () => {
  assert.deepEqual(JSON.parse(prepareServeApi(OPENAI).buildBody(TEXTS)), { input: TEXTS, model: 'm1' });
  const noModel = prepareServeApi({ ...OPENAI, model: null }).buildBody(TEXTS);
  assert.deepEqual(JSON.parse(noModel), { input: TEXTS });
  assert.deepEqual(JSON.parse(prepareServeApi(TEI).buildBody(TEXTS)), { inputs: TEXTS });
});

test('a template takes the texts as a JSON array at "{{texts}}", quoted or bare', () => {
  assert.deepEqual(JSON.parse(prepareServeApi(TEMPLATE).buildBody(TEXTS)), { texts: TEXTS, n: 1 });
  const bare: ServeApi = { kind: 'template', path: '/x', body: '{"a": {"inputs": {{texts}}}}' };
  assert.deepEqual(JSON.parse(prepareServeApi(bare).buildBody(['x'])), { a: { inputs: ['x'] } });
});

test('a template without the placeholder, or not JSON once filled, is a usage error naming the input', () => {
  const none: ServeApi = { kind: 'template', path: '/x', body: '{"inputs": []}' };
  assert.throws(
    () => prepareServeApi(none, '--body-template'),
    (error: unknown) =>
      error instanceof UsageError &&
      error.message.startsWith('--body-template: expected') &&
      error.message.includes('"{{texts}}"') &&
      error.message.includes('{\\"inputs\\": []}'),
  );
  const broken: ServeApi = { kind: 'template', path: '/x', body: '{"inputs": {{texts}}' };
  assert.throws(
    () => prepareServeApi(broken),
    (error: unknown) =>
      error instanceof UsageError &&
      error.message.includes('--request-template') &&
      /not JSON/.test(error.message),
  );
});

test('answers: one embedding per text in the API shape, else malformed', () => {
  const tei = JSON.stringify([
    [1, 2],
    [3, 4],
  ]);
  const openai = JSON.stringify({ data: [{ embedding: [1, 2] }, { embedding: [3, 4] }] });
  assert.equal(checkEmbeddingsBody(TEI, tei, 2), true);
  assert.equal(checkEmbeddingsBody(OPENAI, openai, 2), true);
  assert.equal(checkEmbeddingsBody(TEMPLATE, tei, 2), true);
  assert.equal(checkEmbeddingsBody(TEMPLATE, openai, 2), true);
  // the wrong number, the other API's shape, not JSON, not numbers, ragged or empty embeddings
  assert.equal(checkEmbeddingsBody(TEI, tei, 3), false);
  assert.equal(checkEmbeddingsBody(TEI, openai, 2), false);
  assert.equal(checkEmbeddingsBody(OPENAI, tei, 2), false);
  assert.equal(checkEmbeddingsBody(TEI, 'Internal error', 2), false);
  assert.equal(checkEmbeddingsBody(TEI, '[[1, "2"], [3, 4]]', 2), false);
  assert.equal(checkEmbeddingsBody(TEI, '[[1, 2], [3]]', 2), false);
  assert.equal(checkEmbeddingsBody(TEI, '[[], []]', 2), false);
  assert.equal(checkEmbeddingsBody(OPENAI, '{"data": [{"embedding": [1]}, {"vector": [2]}]}', 2), false);
  assert.equal(checkEmbeddingsBody(TEMPLATE, '{"embeddings": [[1], [2]]}', 2), false);
});

test("TEI's timing headers in ms, null unless all four are numbers", () => {
  const headers = {
    'x-queue-time': '3',
    'x-tokenization-time': '1',
    'x-inference-time': '12',
    'x-compute-time': '17',
  };
  assert.deepEqual(parseServerTiming(headers), {
    queueMs: 3,
    tokenizationMs: 1,
    inferenceMs: 12,
    computeMs: 17,
  });
  assert.equal(parseServerTiming({ ...headers, 'x-queue-time': undefined }), null);
  assert.equal(parseServerTiming({ ...headers, 'x-inference-time': 'soon' }), null);
  assert.equal(parseServerTiming({}), null);
});
