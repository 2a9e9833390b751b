/**
 * The bundled reference server's HTTP handler: the project's engine behind the two APIs embedprof profiles.
 *   POST /v1/embeddings  {input: string | string[], model?}  →  {object, data: [{object, embedding, index}], model, usage}
 *   POST /embed          {inputs: string | string[]}         →  number[][] with TEI's timing headers
 *   GET  /health                                             →  {status: "ok"}
 * Requests are embedded one at a time in arrival order (embed-queue.ts). Bad requests get a 4xx with a JSON
 * {error: {message}} body; an engine failure a 500.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { describeError } from '../../ground/errors.js';
import type { ProfiledEmbedder } from '../engine/embedder.js';
import { createEmbedQueue, type QueuedOutcome } from './embed-queue.js';

export interface ReferenceServerOptions {
  embedder: ProfiledEmbedder;
  /** The model name the OpenAI API reports. */
  modelName: string;
  /** Stretch each batch's compute by this percentage (0: none). */
  slowPercent: number;
  maxBodyBytes?: number;
  maxTexts?: number;
}

class RequestProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Route = 'openai' | 'tei' | 'health';

export function createReferenceServer(options: ReferenceServerOptions): Server {
  const queue = createEmbedQueue(options.embedder, options.slowPercent);
  const limits = {
    maxBodyBytes: options.maxBodyBytes ?? 8 * 1024 * 1024,
    maxTexts: options.maxTexts ?? 1024,
  };
  return createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      const status = error instanceof RequestProblem ? error.status : 500;
      sendJson(response, status, { error: { message: describeError(error) } });
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const route = findRoute(request);
    switch (route) {
      case 'health':
        sendJson(response, 200, { status: 'ok', queued: queue.pending });
        return;
      case 'openai': {
        const body = await readJsonBody(request, limits.maxBodyBytes);
        const texts = readTexts(body, 'input', limits.maxTexts);
        const done = await queue.submit(texts);
        sendJson(response, 200, formatOpenAi(done, options.modelName));
        return;
      }
      case 'tei': {
        const body = await readJsonBody(request, limits.maxBodyBytes);
        const texts = readTexts(body, 'inputs', limits.maxTexts);
        const done = await queue.submit(texts);
        sendJson(response, 200, done.outcome.embeddings.map(toArray), createTeiHeaders(done));
        return;
      }
    }
  }
}

function findRoute(request: IncomingMessage): Route {
  const path = (request.url ?? '/').split('?')[0];
  const routes: Record<string, { method: string; route: Route }> = {
    '/v1/embeddings': { method: 'POST', route: 'openai' },
    '/embed': { method: 'POST', route: 'tei' },
    '/health': { method: 'GET', route: 'health' },
  };
  const found = path === undefined ? undefined : routes[path];
  if (found === undefined)
    throw new RequestProblem(
      404,
      `no route ${path ?? ''}: use POST /v1/embeddings, POST /embed or GET /health`,
    );
  if (request.method !== found.method) throw new RequestProblem(405, `${path ?? ''} takes ${found.method}`);
  return found.route;
}

async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new RequestProblem(413, `the body exceeds ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new RequestProblem(400, 'the body is not JSON');
  }
}

/** The texts of `body[field]`: a string or a non-empty array of strings. */
export function readTexts(body: unknown, field: string, maxTexts: number): string[] {
  const value: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, field) : undefined;
  const texts = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === 'string')) {
    throw new RequestProblem(400, `"${field}" must be a string or a non-empty array of strings`);
  }
  if (texts.length > maxTexts)
    throw new RequestProblem(413, `"${field}" holds ${texts.length} texts, more than ${maxTexts}`);
  return texts as string[];
}

const toArray = (embedding: ArrayLike<number>): number[] => Array.from(embedding);

function formatOpenAi(done: QueuedOutcome, model: string): object {
  const tokens = done.outcome.tokens?.real ?? 0;
  return {
    object: 'list',
    data: done.outcome.embeddings.map((embedding, index) => ({
      object: 'embedding',
      embedding: toArray(embedding),
      index,
    })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** TEI's timing headers, in ms (TEI sends whole ms; these keep three decimals). */
function createTeiHeaders(done: QueuedOutcome): Record<string, string> {
  const timing = done.outcome.timing;
  const ms = (value: number): string => value.toFixed(3);
  return {
    'x-queue-time': ms(done.queueMs),
    'x-tokenization-time': ms(timing.tokenizeMs),
    'x-inference-time': ms(done.computeMs - timing.tokenizeMs),
    'x-compute-time': ms(done.computeMs),
    'x-total-time': ms(done.queueMs + done.computeMs),
  };
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
