import type { TextTokenizer } from './embedder.js';

const CLS_ID = 101;
const SEP_ID = 102;
const FIRST_ORDINARY_ID = 1000;
const VOCAB_SIZE = 30522;
/** WordPiece splits rare words; cutting words into pieces of at most this many characters approximates it. */
const PIECE_CHARS = 6;

/**
 * The offline fallback used when no tokenizer.json is given: lower-cases, splits words and punctuation like
 * BERT's basic tokenizer, cuts long words into pieces and hashes each piece into the BERT vocabulary range.
 * Token counts track WordPiece on English closely enough for cost (the test suite measures the ratio);
 * the ids are not meaningful, so embeddings from it are not semantically useful.
 */
export function createHashTokenizer(): TextTokenizer {
  return {
    name: 'builtin-hash',
    encode(text: string): number[] {
      const ids = [CLS_ID];
      for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []) {
        for (let start = 0; start < word.length; start += PIECE_CHARS) {
          ids.push(hashPiece(word.slice(start, start + PIECE_CHARS), start > 0));
        }
      }
      ids.push(SEP_ID);
      return ids;
    },
  };
}

function hashPiece(piece: string, continuation: boolean): number {
  let hash = continuation ? 0x811c9dc5 ^ 0x2323 : 0x811c9dc5;
  for (let i = 0; i < piece.length; i++) {
    hash = Math.imul(hash ^ piece.charCodeAt(i), 0x01000193);
  }
  return FIRST_ORDINARY_ID + ((hash >>> 0) % (VOCAB_SIZE - FIRST_ORDINARY_ID));
}
