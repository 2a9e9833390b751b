import { createUsageError } from '../errors.js';
import { locateJsonError, type JsonErrorLocation } from '../schema/json-error-location.js';

/** A text with where it was found, e.g. `line 7`, `index 3` or `"claims" index 3`, for error messages. */
export interface LocatedText {
  text: string;
  where: string;
}

const maxListedPlaces = 5;

/**
 * Rejects empty or whitespace-only texts all at once: the message names the first place, how many there are,
 * and lists up to five places, so one run tells the user everything to fix.
 */
export function requireNonEmptyTexts(entries: readonly LocatedText[], label: string): string[] {
  const empty = entries.filter((entry) => entry.text.trim() === '');
  const first = empty[0];
  if (first !== undefined) {
    const listed = empty.slice(0, maxListedPlaces).map((entry) => entry.where);
    const more = empty.length > maxListedPlaces ? `, and ${empty.length - maxListedPlaces} more` : '';
    const count = empty.length === 1 ? '1 such text' : `${empty.length} such texts`;
    throw createUsageError({
      input: `${label} ${first.where}`,
      expected: 'every text to contain non-whitespace characters',
      received: `an empty or whitespace-only text (${count}: ${listed.join(', ')}${more})`,
      fix: empty.length === 1 ? 'Fill in that text or remove it.' : 'Fill in those texts or remove them.',
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
