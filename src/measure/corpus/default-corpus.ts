import { corpusRandomOptions, type Corpus } from './corpus-types.js';
import { createRandom, type Random } from '../../ground/random/index.js';
import { createQuery, createSentence } from './sentence-templates.js';

/**
 * The built-in corpus: deterministic English-like texts generated from an embedded vocabulary and templates,
 * needing no data files. Its length distribution imitates sentence-level embedding workloads (claims, queries,
 * titles, facts — the predecessor's data and the 10–21-token sentences of the machine notes), so the batch
 * sweep measures batching rather than one long passage padding every batch:
 *   query    ~10%  10–40 characters (terse search queries)
 *   snippet  ~87%  40–160 characters (one or two sentences)
 *   passage  ~3%   160–300 characters (short paragraphs; lengths skewed towards the short end)
 * Long texts are the length sweep's job. Pass --corpus for your own distribution.
 * Same seed and count → identical texts, on every platform.
 */
export const defaultCorpusName = 'default';

export const defaultCorpusBands = {
  query: { min: 10, max: 40, share: 0.1 },
  snippet: { min: 40, max: 160, share: 0.87 },
  passage: { min: 160, max: 300, share: 0.03 },
} as const;

type TextKind = keyof typeof defaultCorpusBands;

export function createDefaultCorpus(seed = 1, count = 2000): Corpus {
  if (!Number.isSafeInteger(seed))
    throw new RangeError(`createDefaultCorpus: seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`createDefaultCorpus: count must be a positive integer, got ${count}`);
  }
  const random = createRandom(seed, corpusRandomOptions);
  const texts = Array.from({ length: count }, () => createText(chooseKind(random), random));
  return { source: { kind: 'builtin', name: defaultCorpusName, seed }, texts };
}

function chooseKind(random: Random): TextKind {
  const roll = random.nextFloat();
  if (roll < defaultCorpusBands.query.share) return 'query';
  if (roll < defaultCorpusBands.query.share + defaultCorpusBands.snippet.share) return 'snippet';
  return 'passage';
}

function createText(kind: TextKind, random: Random): string {
  switch (kind) {
    case 'query':
      return createBandedQuery(random);
    case 'snippet':
      return createSnippet(random);
    case 'passage':
      return createPassage(random);
    default:
      return assertNever(kind);
  }
}

const maxAttempts = 50;

function createBandedQuery(random: Random): string {
  const { min, max } = defaultCorpusBands.query;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const query = createQuery(random);
    if (query.length >= min && query.length <= max) return query;
  }
  return 'how to measure a river';
}

/** One sentence, sometimes two: keeps adding while under a target drawn from the band. */
function createSnippet(random: Random): string {
  const { min, max } = defaultCorpusBands.snippet;
  const target = random.nextIntBetween(min, max);
  let text = createSentenceAtMost(random, max);
  for (let attempt = 0; attempt < maxAttempts && (text.length < min || text.length < target); attempt++) {
    const next = createSentence(random);
    if (text.length + 1 + next.length <= max) text = `${text} ${next}`;
    else if (text.length >= min) break;
  }
  return text;
}

/** A paragraph of sentences up to a target length skewed towards the band's short end (a long tail). */
function createPassage(random: Random): string {
  const { min, max } = defaultCorpusBands.passage;
  const target = Math.round(min + (max - min) * random.nextFloat() ** 2.5);
  let text = createSentenceAtMost(random, max);
  for (let attempt = 0; attempt < maxAttempts && (text.length < min || text.length < target); attempt++) {
    const next = createSentence(random);
    const joined = `${text} ${next}`;
    if (joined.length <= target || (text.length < min && joined.length <= max)) text = joined;
  }
  return text;
}

function createSentenceAtMost(random: Random, max: number): string {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const sentence = createSentence(random);
    if (sentence.length <= max) return sentence;
  }
  return 'The river model measured the rainfall near the harbor.';
}

function assertNever(value: never): never {
  throw new Error(`Unhandled text kind: ${String(value)}`);
}
