/**
 * The API adapters: how a request body is built from texts for each ServeApi kind, whether a response body
 * holds one embedding per text, and TEI's timing headers.
 *
 * - openai: `{"input": [...texts], "model": model}` (no `model` when null); answer `{"data": [{"embedding": [...]}]}`.
 * - tei: `{"inputs": [...texts]}`; answer `[[...], ...]`.
 * - template: the user's JSON body with "{{texts}}" (quoted or bare) replaced by the texts as a JSON array;
 *   answer either shape above.
 *
 * An embedding is a non-empty array of finite numbers, all of one length. Anything else, or a number of
 * embeddings other than the number of texts sent, is `malformed`: data for the window, never a crash.
 */
import { createUsageError } from '../../ground/errors.js';
import type { RequestRecord, ServeApi } from './serve-types.js';

/** A ServeApi checked once and ready to build bodies many times. */
export interface PreparedApi {
  api: ServeApi;
  /** The request body (JSON text) that carries `texts`. */
  buildBody(texts: readonly string[]): string;
}

const PLACEHOLDER = '{{texts}}';
const QUOTED_PLACEHOLDER = `"${PLACEHOLDER}"`;

/**
 * Checks the API once (a template must hold "{{texts}}" and be JSON once filled: a usage error naming
 * `templateInput`, the flag or setting the template came from, otherwise) and returns its body builder.
 */
export function prepareServeApi(api: ServeApi, templateInput = '--request-template'): PreparedApi {
  switch (api.kind) {
    case 'openai': {
      const model = api.model;
      const buildBody =
        model === null
          ? (texts: readonly string[]) => JSON.stringify({ input: texts })
          : (texts: readonly string[]) => JSON.stringify({ input: texts, model });
      return { api, buildBody };
    }
    case 'tei':
      return { api, buildBody: (texts) => JSON.stringify({ inputs: texts }) };
    case 'template':
      return { api, buildBody: compileTemplate(api.body, templateInput) };
    default: {
      const unknown: never = api;
      throw new RangeError(`unknown serve API ${JSON.stringify(unknown)}`);
    }
  }
}

/** Splits the template around its placeholders once; fails early when it has none or is not JSON once filled. */
function compileTemplate(template: string, input: string): (texts: readonly string[]) => string {
  const marker = template.includes(QUOTED_PLACEHOLDER) ? QUOTED_PLACEHOLDER : PLACEHOLDER;
  const parts = template.split(marker);
  if (parts.length < 2) {
    throw createUsageError({
      input,
      expected: `a JSON request body with the placeholder ${QUOTED_PLACEHOLDER} where the texts go`,
      received: `a body without it (${quoteTemplate(template)})`,
      fix: `Write the body as the server expects it with ${QUOTED_PLACEHOLDER} for the array of texts, e.g. {"inputs": ${QUOTED_PLACEHOLDER}}.`,
    });
  }
  const build = (texts: readonly string[]): string => parts.join(JSON.stringify(texts));
  const sample = build(['a text']);
  try {
    JSON.parse(sample);
  } catch (error) {
    throw createUsageError({
      input,
      expected: `a body that is JSON once ${marker} is replaced by an array of texts`,
      received: `${quoteTemplate(sample)}, which is not JSON (${error instanceof Error ? error.message : 'parse error'})`,
      fix: 'Fix the JSON around the placeholder (quotes, commas, braces); the placeholder becomes a JSON array.',
    });
  }
  return build;
}

function quoteTemplate(text: string): string {
  const oneLine = JSON.stringify(text);
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}

/** Whether `bodyText` is the API's answer with exactly `expected` embeddings of one length. */
export function checkEmbeddingsBody(api: ServeApi, bodyText: string, expected: number): boolean {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return false;
  }
  const embeddings = extractEmbeddings(api, body);
  return embeddings !== null && embeddings.length === expected && haveOneDimension(embeddings);
}

/** The embeddings in the body by the API's shape, or null when the body has another shape. */
function extractEmbeddings(api: ServeApi, body: unknown): unknown[] | null {
  switch (api.kind) {
    case 'openai':
      return extractOpenAiEmbeddings(body);
    case 'tei':
      return Array.isArray(body) ? body : null;
    case 'template':
      return Array.isArray(body) ? body : extractOpenAiEmbeddings(body);
    default: {
      const unknown: never = api;
      throw new RangeError(`unknown serve API ${JSON.stringify(unknown)}`);
    }
  }
}

function extractOpenAiEmbeddings(body: unknown): unknown[] | null {
  if (typeof body !== 'object' || body === null || !('data' in body) || !Array.isArray(body.data))
    return null;
  const items: unknown[] = body.data;
  return items.map((item) =>
    typeof item === 'object' && item !== null && 'embedding' in item ? item.embedding : null,
  );
}

/** Every item a non-empty array of finite numbers, all of the first one's length. */
function haveOneDimension(embeddings: readonly unknown[]): boolean {
  const first = embeddings[0];
  const dimension = Array.isArray(first) ? first.length : 0;
  if (dimension === 0) return embeddings.length === 0;
  return embeddings.every(
    (item) =>
      Array.isArray(item) &&
      item.length === dimension &&
      item.every((value) => typeof value === 'number' && Number.isFinite(value)),
  );
}

/** Header values as undici returns them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/**
 * TEI's timing headers: whole milliseconds (the router writes Duration::as_millis()) for the time in its queue,
 * in tokenization, in inference, and in all (`x-compute-time`, from the request's arrival to the response).
 * Null unless all four are present and numeric (another server, or a TEI that sent none).
 */
export function parseServerTiming(headers: ResponseHeaders): RequestRecord['serverTiming'] {
  const queueMs = readMilliseconds(headers['x-queue-time']);
  const tokenizationMs = readMilliseconds(headers['x-tokenization-time']);
  const inferenceMs = readMilliseconds(headers['x-inference-time']);
  const computeMs = readMilliseconds(headers['x-compute-time']);
  if (queueMs === null || tokenizationMs === null || inferenceMs === null || computeMs === null) return null;
  return { queueMs, tokenizationMs, inferenceMs, computeMs };
}

function readMilliseconds(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return null;
  const number = Number(text);
  return Number.isFinite(number) && number >= 0 ? number : null;
}
