export { readCorpus, detectCorpusFormat } from './read-corpus.js';
export { parseCorpusText } from './parse-corpus-text.js';
export { createDefaultCorpus, defaultCorpusBands, defaultCorpusName } from './default-corpus.js';
export { buildTextsOfLength } from './length-builder.js';
export { corpusFormats, MAX_TEXT_CHARACTERS } from './corpus-types.js';
export type { Corpus, CorpusFormat, CorpusSource } from './corpus-types.js';
