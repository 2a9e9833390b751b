import { createUsageError } from '../../ground/errors.js';
import {
  describeJsonType,
  isRecord,
  parseJson,
  requireUsableTexts,
  type LocatedText,
} from './corpus-checks.js';

const itemExpectation = 'a string or an object with a string "text"';

/**
 * Reads a `.json` corpus. Accepted shapes:
 *  1. an array of strings: `["first text", "second text"]`;
 *  2. an array of objects carrying a string `text` (other properties ignored; strings and objects may mix);
 *  3. an object whose FIRST array-valued property, in file order, holds items as in 1 or 2. Other properties
 *     (metadata objects, later arrays) are ignored, so the seed fixtures' shape
 *     `{"metadata": {...}, "claims": [{"text": ...}], "evidence": [{"text": ...}]}` yields the claims.
 * The text must be in `text`: items that keep it elsewhere (e.g. `{"content": ...}` in sample_evidence.json)
 * are rejected with the index and the item's string properties rather than guessed at.
 */
export function parseJsonCorpus(content: string, label: string): string[] {
  const parsed = parseJson(content);
  if (!parsed.ok) {
    const location =
      parsed.location === undefined ? '' : ` line ${parsed.location.line} column ${parsed.location.column}`;
    throw createUsageError({
      input: `${label}${location}`,
      expected: 'valid JSON',
      received: parsed.problem,
      fix: 'Fix the JSON syntax at that position (a JSON validator or editor will highlight it).',
    });
  }
  const { items, name } = selectItems(parsed.value, label);
  const prefix = name === undefined ? '' : `"${name}" `;
  if (items.length === 0) {
    throw createUsageError({
      input: name === undefined ? label : `${label} "${name}"`,
      expected: 'at least one text',
      received: 'an empty array',
      fix: 'Add texts to the array, or pass a different --corpus.',
    });
  }
  const entries: LocatedText[] = items.map((item, index) => {
    const where = `${prefix}index ${index}`;
    return { text: readItem(item, `${label} ${where}`), where };
  });
  return requireUsableTexts(entries, label);
}

interface SelectedItems {
  items: unknown[];
  /** The property the items came from; undefined when the root is the array. */
  name: string | undefined;
}

function selectItems(root: unknown, label: string): SelectedItems {
  if (Array.isArray(root)) return { items: root, name: undefined };
  if (isRecord(root)) {
    const found = Object.entries(root).find((entry): entry is [string, unknown[]] => Array.isArray(entry[1]));
    if (found !== undefined) return { items: found[1], name: found[0] };
  }
  const keys = isRecord(root) ? Object.keys(root) : [];
  const received = isRecord(root)
    ? `an object with no array property (properties: ${keys.length === 0 ? 'none' : keys.join(', ')})`
    : describeJsonType(root);
  throw createUsageError({
    input: label,
    expected: 'an array of texts, or an object with an array property such as {"claims": [{"text": "..."}]}',
    received,
    fix: 'Wrap the texts in an array, e.g. ["first text", "second text"].',
  });
}

function readItem(item: unknown, input: string): string {
  if (typeof item === 'string') return item;
  if (isRecord(item) && typeof item.text === 'string') return item.text;
  if (isRecord(item) && 'text' in item) {
    throw createUsageError({
      input,
      expected: itemExpectation,
      received: `"text" as ${describeJsonType(item.text)}`,
      fix: 'Make "text" a string or remove the item.',
    });
  }
  if (isRecord(item)) {
    const stringKeys = Object.keys(item).filter((key) => typeof item[key] === 'string');
    const hint =
      stringKeys.length === 0
        ? ''
        : ` (it has string properties ${stringKeys.map((k) => `"${k}"`).join(', ')})`;
    throw createUsageError({
      input,
      expected: itemExpectation,
      received: `an object without "text" (properties: ${Object.keys(item).join(', ') || 'none'})`,
      fix: `Put each item's text in a "text" property${hint}, or use an array of strings.`,
    });
  }
  throw createUsageError({
    input,
    expected: itemExpectation,
    received: describeJsonType(item),
    fix: 'Fix or remove the item.',
  });
}
