import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createUsageError, describeThrown, quoteUserText, RuntimeFailure } from '../../ground/errors.js';
import { encodeBatch } from './batch-encoding.js';
import type { BatchOutcome, Clock, ProfiledEmbedder, TextTokenizer } from './embedder.js';
import { checkEmbeddings } from './pooling.js';

/** The contract a user's module fulfils: `export async function createEmbedder(options)`. */
interface UserEmbedder {
  embed(texts: string[]): Promise<ArrayLike<number>[]>;
  close?(): Promise<void>;
}

export interface CustomEmbedderOptions {
  modulePath: string;
  /** Passed to the user's createEmbedder as is. */
  userOptions: Record<string, unknown>;
  /** Used only to count tokens (outside the timed call) so tokens/s and padding can be reported. */
  tokenizer: TextTokenizer | null;
  maxTokens: number;
  clock?: Clock;
}

/**
 * Profiles the user's own service code. Its internal stages are not visible, so the whole call counts as
 * "other"; `--cpu-profile` is the tool for looking inside it.
 */
export async function createCustomEmbedder(options: CustomEmbedderOptions): Promise<ProfiledEmbedder> {
  const user = await loadUserEmbedder(options.modulePath, options.userOptions);
  const clock = options.clock ?? (() => performance.now());
  let dimension: number | null = null;

  async function embedBatch(texts: string[]): Promise<BatchOutcome> {
    const start = clock();
    const embeddings = await callUserCode('embed()', () => user.embed(texts));
    const end = clock();
    if (!Array.isArray(embeddings)) {
      throw new RuntimeFailure(
        `${options.modulePath}: embed() must resolve to an array of vectors, received ${describeReceived(embeddings)}.`,
      );
    }
    dimension = checkEmbeddings(embeddings, texts.length, {
      expectedDimension: dimension,
      requireUnitNorm: false,
    });
    const totalMs = end - start;
    const batch = options.tokenizer ? encodeBatch(options.tokenizer, texts, options.maxTokens) : null;
    return {
      embeddings,
      timing: { tokenizeMs: 0, inferenceMs: 0, poolingMs: 0, otherMs: totalMs, totalMs },
      tokens: batch && {
        real: batch.realTokens,
        padded: batch.rows * batch.sequenceLength,
        truncated: batch.truncatedTexts,
        sequenceLength: batch.sequenceLength,
      },
    };
  }

  const close = user.close;
  return {
    kind: 'custom',
    embedBatch,
    close: async () => (close === undefined ? undefined : callUserCode('close()', close)),
  };
}

/**
 * Calls into the user's module. What it throws becomes a RuntimeFailure that says which call threw and quotes
 * the thrown value on one line (quoteUserText): a message's own lines never reach a log line's start.
 */
async function callUserCode<T>(call: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new RuntimeFailure(describeThrown(error, call));
  }
}

/** "null", "undefined", "an array", "a string", "an object without an embed method (keys: a, b)". */
function describeReceived(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const keys = Object.keys(value).slice(0, 8);
  return quoteUserText(`an object without an embed method (keys: ${keys.join(', ') || 'none'})`);
}

async function loadUserEmbedder(
  modulePath: string,
  userOptions: Record<string, unknown>,
): Promise<UserEmbedder> {
  const absolute = resolve(modulePath);
  let module: Record<string, unknown>;
  try {
    module = await import(/* webpackIgnore: true */ pathToFileURL(absolute).href);
  } catch (error) {
    throw createUsageError({
      input: `--embedder ${modulePath}`,
      expected: 'an ES module that can be imported',
      received: `an import failure (${describeThrown(error, 'the import')})`,
      fix: 'Check the path and that the module and its dependencies load with `node FILE`.',
    });
  }
  const factory = module.createEmbedder;
  if (typeof factory !== 'function') {
    throw createUsageError({
      input: `--embedder ${modulePath}`,
      expected: 'a module exporting `createEmbedder(options)`',
      received: quoteUserText(`exports [${Object.keys(module).join(', ')}]`),
      fix: 'Export `async function createEmbedder(options) { return { embed(texts) {…}, close() {…} } }`.',
    });
  }
  const embedder: unknown = await callUserCode('createEmbedder()', async () =>
    Reflect.apply(factory, module, [userOptions]),
  );
  if (
    typeof embedder !== 'object' ||
    embedder === null ||
    typeof Reflect.get(embedder, 'embed') !== 'function'
  ) {
    throw createUsageError({
      input: `--embedder ${modulePath}`,
      expected: 'createEmbedder() to resolve to an object with an embed(texts) method',
      received: describeReceived(embedder),
      fix: 'Return `{ embed: async (texts) => vectors }` from createEmbedder.',
    });
  }
  return wrapUserEmbedder(embedder);
}

function wrapUserEmbedder(embedder: object): UserEmbedder {
  const embed: unknown = Reflect.get(embedder, 'embed');
  const close: unknown = Reflect.get(embedder, 'close');
  return {
    embed: (texts) =>
      Reflect.apply(embed as (texts: string[]) => Promise<ArrayLike<number>[]>, embedder, [texts]),
    close: typeof close === 'function' ? async () => Reflect.apply(close, embedder, []) : undefined,
  };
}
