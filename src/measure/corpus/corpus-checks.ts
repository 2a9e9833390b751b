import { createUsageError } from '../../ground/errors.js';
import { MAX_TEXT_CHARACTERS } from './corpus-types.js';
import { locateJsonError, type JsonErrorLocation } from '../../ground/schema/json-error-location.js';

/** A text with where it was found, e.g. `line 7`, `index 3` or `"claims" index 3`, for error messages. */
export interface LocatedText {
  text: string;
  where: string;
}

const maxListedPlaces = 5;

/** "1 such text: line 7" or "3 such texts: line 1, line 4, line 9", at most five places and a count of the rest. */
function listPlaces(found: readonly LocatedText[]): string {
  const listed = found.slice(0, maxListedPlaces).map((entry) => entry.where);
  const more = found.length > maxListedPlaces ? `, and ${found.length - maxListedPlaces} more` : '';
  const count = found.length === 1 ? '1 such text' : `${found.length} such texts`;
  return `${count}: ${listed.join(', ')}${more}`;
}

/**
 * Rejects empty or whitespace-only texts, then texts longer than MAX_TEXT_CHARACTERS, each problem all at once:
 * the message names the first place, how many there are, and lists up to five places, so one run tells the
 * user everything to fix.
 */
export function requireUsableTexts(entries: readonly LocatedText[], label: string): string[] {
  const empty = entries.filter((entry) => entry.text.trim() === '');
  const [first] = empty;
  if (first !== undefined) {
    throw createUsageError({
      input: `${label} ${first.where}`,
      expected: 'every text to contain non-whitespace characters',
      received: `an empty or whitespace-only text (${listPlaces(empty)})`,
      fix: empty.length === 1 ? 'Fill in that text or remove it.' : 'Fill in those texts or remove them.',
    });
  }
  const long = entries.filter((entry) => entry.text.length > MAX_TEXT_CHARACTERS);
  const [firstLong] = long;
  if (firstLong !== undefined) {
    throw createUsageError({
      input: `${label} ${firstLong.where}`,
      expected: `texts of at most ${MAX_TEXT_CHARACTERS} characters (an embedding model reads a few thousand at most)`,
      received: `a text of ${firstLong.text.length} characters (${listPlaces(long)})`,
      fix: 'Split long documents into passages (paragraphs or sections), one text each, as the embedding pipeline would.',
    });
  }
  return entries.map((entry) => entry.text);
}

/** A short, single-line rendering of any JSON value for "received …" (long values end in an ellipsis). */
export function summarizeValue(value: unknown, maxLength = 60): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length <= maxLength ? json : `${json.slice(0, maxLength - 1)}…`;
}

/** Names a JSON value's type the way users think of it: `an array`, `null`, `a number (42)`. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${summarizeValue(value)})`;
  if (typeof value === 'object') return `an object (${summarizeValue(value)})`;
  return `a ${typeof value} (${summarizeValue(value)})`;
}

export type JsonParseResult =
  { ok: true; value: unknown } | { ok: false; location: JsonErrorLocation | undefined; problem: string };

/** Parses JSON; on failure says where (line and column within `content`) and what was found there. */
export function parseJson(content: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(content) };
  } catch (error) {
    const location = locateJsonError(content);
    if (location !== undefined)
      return { ok: false, location, problem: `invalid JSON (unexpected ${location.found})` };
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, location, problem: `invalid JSON (${reason})` };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
