import * as vocabulary from './corpus-vocabulary.js';
import type { Random } from '../../ground/random/index.js';

/**
 * Sentence and query templates for the built-in corpus. A `{slot}` is filled from the vocabulary:
 *   n noun · ns plural noun · an "a/an" + noun · aj adjective · aaj "a/an" + adjective · v past verb ·
 *   vb base verb · vs third-person verb · av adverb · p preposition · pl place · nm full name · fn first name ·
 *   org organisation · u unit · num number · yr year · pct percentage · tp topic · qw question word ·
 *   rk ranking word
 * Every sentence renders to at most ~160 characters, so two of them can still form a 40–200 character text.
 */
const sentenceTemplates: readonly string[] = [
  'The {aj} {n} in {pl} {v} {an} {p} the {n}.',
  '{nm} {v} that the {n} {vs} {av} when the {n} is {aj}.',
  'In {yr}, researchers in {pl} {v} {aaj} {n} with {num} {u}.',
  'According to {org}, {aj} {ns} {p} {pl} {v} by {pct} percent between {yr} and {yr}.',
  'Most {ns} {vb} the {n} {av}, but {aaj} {n} can {vb} it in {num} hours.',
  '"The {n} is {aj}," said {nm}, who {v} the {aj} {n} in {pl}.',
  'A {aj} {n} ({num} {u}) was {v} {p} the {n} last {n}.',
  'Why do {ns} {vb} {ns}? The answer depends on the {n} and the {aj} {n}.',
  '{fn} and {fn} {v} {an} for the {n}; the {n} {v} it {av}.',
  'The {tp} {n} {vs} {aj} {ns}: {num} in {pl}, {num} in {pl} and {num} elsewhere.',
  'After the {n} {v} the {n}, {num} {u} {p} {pl} were {v} again.',
  'Critics {v} the {aj} {n}, arguing that it {vs} {tp} and {vs} the {n}.',
  'The {n} of {pl} is {aj}, {aj} and {av} {aj}.',
  '{org} {v} {aaj} {tp} report in {yr}; it {v} {pct} percent more {ns} than before.',
  'Each {n} {vs} {an}, and every {n} {vs} {num} {ns} {p} the {n}.',
  'Between {yr} and {yr}, the {n} {p} {pl} {v} from {num} to {num} {u}.',
  'If the {n} {vs} the {n}, {ns} in {pl} will {vb} {av}.',
  'Local {ns} {v} the {aj} {n} near the {n}, although the {n} {v} it.',
  '{nm}, {aaj} {n} from {pl}, {v} the {n} in {yr}.',
  'The {n} was not {aj}: it {v} {num} {u} and {v} the {n} {av}.',
  'Is the {aj} {n} in {pl} really {aj}? {nm} {v} the question in {yr}.',
  'Visitors to {pl} often {vb} the {aj} {n} and the {aj} {n} {p} the {n}.',
  'The {tp} team {v} {num} {ns}, {v} {num} more, and {v} the rest.',
  'Since {yr}, {ns} have {v} the {n} with {aj} {ns} and {aj} {ns}.',
];

const queryTemplates: readonly string[] = [
  '{qw} does the {n} {vb}?',
  '{aj} {n} {pl}',
  'what is {an}?',
  '{tp} {ns} {pl}',
  '{nm} {n}',
  '{rk} {n} in {pl}',
  '{n} {pct} percent {yr}',
  'how to {vb} {an}',
  '{pl} {tp} {yr}',
];

export function createSentence(random: Random): string {
  return capitalize(renderTemplate(random.pick(sentenceTemplates), random));
}

export function createQuery(random: Random): string {
  return renderTemplate(random.pick(queryTemplates), random);
}

function renderTemplate(template: string, random: Random): string {
  return template.replace(/\{(\w+)\}/g, (_match, slot: string) => fillSlot(slot, random));
}

type SlotFiller = (random: Random) => string;

const pickVerbForm = (random: Random, form: 0 | 1): string =>
  random.pick(vocabulary.verbs).split('/')[form] ?? '';

const slotFillers: Readonly<Record<string, SlotFiller>> = {
  n: (random) => random.pick(vocabulary.nouns),
  ns: (random) => pluralize(random.pick(vocabulary.nouns)),
  an: (random) => withArticle(random.pick(vocabulary.nouns)),
  aj: (random) => random.pick(vocabulary.adjectives),
  aaj: (random) => withArticle(random.pick(vocabulary.adjectives)),
  v: (random) => pickVerbForm(random, 1),
  vb: (random) => pickVerbForm(random, 0),
  vs: (random) => pluralize(pickVerbForm(random, 0)),
  av: (random) => random.pick(vocabulary.adverbs),
  p: (random) => random.pick(vocabulary.prepositions),
  pl: (random) => random.pick(vocabulary.places),
  nm: (random) => `${random.pick(vocabulary.firstNames)} ${random.pick(vocabulary.surnames)}`,
  fn: (random) => random.pick(vocabulary.firstNames),
  org: (random) => random.pick(vocabulary.organizations),
  u: (random) => random.pick(vocabulary.units),
  num: (random) => createNumber(random),
  yr: (random) => String(random.nextIntBetween(1950, 2024)),
  pct: (random) =>
    random.nextFloat() < 0.5
      ? String(random.nextIntBetween(2, 95))
      : `${random.nextIntBetween(1, 60)}.${random.nextIntBetween(1, 9)}`,
  tp: (random) => random.pick(vocabulary.topics),
  qw: (random) => random.pick(vocabulary.questionWords),
  rk: (random) => random.pick(vocabulary.rankingWords),
};

function fillSlot(slot: string, random: Random): string {
  const filler = slotFillers[slot];
  if (filler === undefined) throw new Error(`Unknown template slot {${slot}}`);
  return filler(random);
}

function createNumber(random: Random): string {
  const roll = random.nextFloat();
  if (roll < 0.6) return String(random.nextIntBetween(2, 99));
  if (roll < 0.85) return String(random.nextIntBetween(100, 999));
  return String(random.nextIntBetween(1000, 250000)).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Regular English -s forms, used both for noun plurals and third-person verbs. */
function pluralize(word: string): string {
  if (/(s|x|z|ch|sh|o)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
