import type { RandomOptions } from '../random/index.js';

/** The on-disk corpus formats, chosen by file extension. */
export type CorpusFormat = 'txt' | 'jsonl' | 'json';

export const corpusFormats: readonly CorpusFormat[] = ['txt', 'jsonl', 'json'];

/** Where a corpus came from: a user's file (hashed, so results can name the exact input) or the built-in one. */
export type CorpusSource =
  | { kind: 'file'; path: string; format: CorpusFormat; sha256: string }
  | { kind: 'builtin'; name: string; seed: number };

/**
 * The stream the built-in corpus and the length builder draw from (mulberry32, 32-bit floats): fixed, so
 * the same seed yields the same texts as every earlier version.
 */
export const corpusRandomOptions: RandomOptions = { algorithm: 'mulberry32', floatBits: 32 };

export interface Corpus {
  source: CorpusSource;
  texts: string[];
}
