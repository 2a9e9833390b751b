import { createUsageError } from '../../ground/errors.js';
import { createRandom, type Random } from '../../ground/random/index.js';
import { corpusRandomOptions } from './corpus-types.js';

/**
 * Builds `count` texts of exactly `chars` characters each from real corpus words, for the text-length sweep.
 *
 * Length is JS string length (UTF-16 code units, `text.length`): that is what every other part of the
 * profiler measures and labels, so a "256-character" text really has length 256. An emoji therefore counts
 * as 2. Words are never split, so surrogate pairs stay intact.
 *
 * Each text walks the corpus's whitespace-separated tokens in corpus order from a seeded offset (wrapping
 * around), joined by single spaces, while the next word fits. The last gap is then filled exactly by a corpus
 * word of that length (words are indexed by length), else by two words whose lengths add up, and only when
 * nothing fits by cutting a longer word at a grapheme-cluster boundary. Same inputs and seed → same texts.
 */
export function buildTextsOfLength(
  sourceTexts: string[],
  chars: number,
  count: number,
  seed: number,
): string[] {
  requirePositiveInteger(
    chars,
    '--lengths',
    'positive whole numbers of characters',
    'Use values such as 10,256,1024.',
  );
  requirePositiveInteger(
    count,
    'the number of texts per length',
    'a positive whole number',
    'Pass at least 1.',
  );
  const words = indexWords(sourceTexts);
  const random = createRandom(seed, corpusRandomOptions);
  return Array.from({ length: count }, () => buildText(words, chars, random));
}

interface WordIndex {
  /** Every token in corpus order, repeats included. */
  tokens: string[];
  /** Distinct tokens by length, in first-occurrence order. */
  byLength: Map<number, string[]>;
}

function requirePositiveInteger(value: number, input: string, expected: string, fix: string): void {
  if (Number.isSafeInteger(value) && value > 0) return;
  throw createUsageError({ input, expected, received: String(value), fix });
}

function indexWords(sourceTexts: readonly string[]): WordIndex {
  const tokens = sourceTexts.flatMap((text) => text.split(/\s+/).filter((token) => token !== ''));
  if (tokens.length === 0) {
    throw createUsageError({
      input: '--corpus',
      expected: 'texts containing words to build length-sweep texts from',
      received: sourceTexts.length === 0 ? 'no texts' : 'only whitespace',
      fix: 'Pass a corpus with real text, or omit --corpus to use the built-in one.',
    });
  }
  const byLength = new Map<number, string[]>();
  for (const token of new Set(tokens)) {
    const sameLength = byLength.get(token.length) ?? [];
    sameLength.push(token);
    byLength.set(token.length, sameLength);
  }
  return { tokens, byLength };
}

function buildText(words: WordIndex, chars: number, random: Random): string {
  const parts: string[] = [];
  let length = 0;
  let position = random.nextIntBetween(0, words.tokens.length - 1);
  for (;;) {
    const word = words.tokens[position % words.tokens.length] ?? '';
    const remaining = chars - length - (parts.length === 0 ? 0 : 1) - word.length;
    // Stop before overflowing, and before leaving a 1-character gap that no " word" could fill.
    if (remaining < 0 || remaining === 1) break;
    length = chars - remaining;
    parts.push(word);
    position++;
    if (remaining === 0) return parts.join(' ');
  }
  const gap = chars - length - (parts.length === 0 ? 0 : 1);
  parts.push(fillGap(words, gap, random));
  return parts.join(' ');
}

/** Exactly `size` characters of corpus words: one word, else two words, else a cut word. */
function fillGap(words: WordIndex, size: number, random: Random): string {
  const exact = words.byLength.get(size);
  if (exact !== undefined) return random.pick(exact);
  const lengths = [...words.byLength.keys()];
  const start = random.nextIntBetween(0, lengths.length - 1);
  for (let i = 0; i < lengths.length; i++) {
    const first = words.byLength.get(lengths[(start + i) % lengths.length] ?? 0);
    const second = first === undefined ? undefined : words.byLength.get(size - 1 - (first[0]?.length ?? 0));
    if (first !== undefined && second !== undefined) return `${random.pick(first)} ${random.pick(second)}`;
  }
  return cutWord(words, size, random);
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function cutWord(words: WordIndex, size: number, random: Random): string {
  const longer = [...words.byLength.entries()]
    .filter(([length]) => length > size)
    .flatMap(([, list]) => list);
  const start = random.nextIntBetween(0, Math.max(0, longer.length - 1));
  for (let i = 0; i < longer.length; i++) {
    const word = longer[(start + i) % longer.length] ?? '';
    let prefix = '';
    for (const { segment } of graphemes.segment(word)) {
      if (prefix.length + segment.length > size) break;
      prefix += segment;
    }
    if (prefix.length === size) return prefix;
  }
  throw createUsageError({
    input: '--lengths',
    expected: `a corpus whose words can fill a ${size}-character gap`,
    received: 'only words whose characters cannot be cut to that length without splitting one',
    fix: 'Use a corpus with more varied words (e.g. some plain ASCII text), or omit --corpus.',
  });
}
