import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { createUsageError, describeError } from '../../ground/errors.js';
import type { TextTokenizer } from './embedder.js';
import { createHashTokenizer } from './hash-tokenizer.js';

/**
 * Loads `tokenizer.json` (+ `tokenizer_config.json` when present) from a folder with the pure-JS
 * @huggingface/tokenizers. Without a folder, the documented offline fallback is used.
 */
export async function loadTokenizer(dir: string | null): Promise<TextTokenizer> {
  if (dir === null) return createHashTokenizer();
  const json = await readJsonFile(join(dir, 'tokenizer.json'), true);
  const config = (await readJsonFile(join(dir, 'tokenizer_config.json'), false)) ?? {};
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(json ?? {}, config);
  } catch (error) {
    throw createUsageError({
      input: join(dir, 'tokenizer.json'),
      expected: 'a Hugging Face tokenizer.json that @huggingface/tokenizers can load',
      received: `a file it rejected (${describeError(error)})`,
      fix: 'Export the tokenizer with `tokenizer.save_pretrained()` or point --tokenizer at another folder.',
    });
  }
  return { name: dir, encode: (text) => tokenizer.encode(text).ids };
}

async function readJsonFile(path: string, required: boolean): Promise<object | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    if (!required) return null;
    throw createUsageError({
      input: path,
      expected: 'a tokenizer.json file',
      received: 'no such file',
      fix: 'Pass --tokenizer DIR with a folder holding tokenizer.json, or omit it to use the offline fallback.',
    });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) return value;
    throw new Error('not a JSON object');
  } catch (error) {
    throw createUsageError({
      input: path,
      expected: 'a JSON object',
      received: `unparseable content (${describeError(error)})`,
      fix: 'Restore the tokenizer files from the model repository.',
    });
  }
}
