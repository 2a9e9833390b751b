import type { RandomOptions } from '../../ground/random/index.js';

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

/**
 * The longest text a corpus may hold, and the longest length the length sweep builds, in characters: about
 * 25,000 tokens, past the context of the embedding models embedprof measures (they cut a text at a few hundred
 * to a few thousand tokens). Every text is tokenized whole, and the sweep and the analysis embed it hundreds of
 * times: one 10 MB line ran for hours.
 */
export const MAX_TEXT_CHARACTERS = 100_000;
