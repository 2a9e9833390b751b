import { createUsageError } from '../../ground/errors.js';
import {
  describeJsonType,
  isRecord,
  parseJson,
  requireUsableTexts,
  type LocatedText,
} from './corpus-checks.js';
import type { CorpusFormat } from './corpus-types.js';
import { parseJsonCorpus } from './parse-json-corpus.js';

/**
 * Parses corpus file content into texts. Pure: `label` names the input in error messages, e.g.
 * `--corpus data.jsonl`, and every error is a UsageError naming the line (txt, jsonl) or index (json).
 *
 * - txt: one text per line; blank (empty or whitespace-only) lines are skipped; lines are kept verbatim.
 * - jsonl: one `{"text": "..."}` object per line; blank lines are skipped; other properties are ignored.
 * - json: see parseJsonCorpus.
 * A leading byte-order mark is ignored and both LF and CRLF line endings are accepted.
 */
export function parseCorpusText(content: string, format: CorpusFormat, label: string): string[] {
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  switch (format) {
    case 'txt':
      return parseTxt(text, label);
    case 'jsonl':
      return parseJsonl(text, label);
    case 'json':
      return parseJsonCorpus(text, label);
    default:
      return assertNever(format);
  }
}

function splitLines(content: string): string[] {
  const lines = content.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function describeBlankContent(content: string, lineCount: number): string {
  if (content === '') return 'an empty file';
  return `only blank lines (${lineCount === 1 ? '1 line' : `${lineCount} lines`})`;
}

function parseTxt(content: string, label: string): string[] {
  const lines = splitLines(content);
  const entries: LocatedText[] = [];
  lines.forEach((line, index) => {
    if (line.trim() !== '') entries.push({ text: line, where: `line ${index + 1}` });
  });
  if (entries.length === 0) {
    throw createUsageError({
      input: label,
      expected: 'at least one non-blank line (one text per line)',
      received: describeBlankContent(content, lines.length),
      fix: 'Add texts to the file, one per line, or pass a different --corpus.',
    });
  }
  return requireUsableTexts(entries, label);
}

function parseJsonl(content: string, label: string): string[] {
  const lines = splitLines(content);
  const entries: LocatedText[] = [];
  lines.forEach((line, index) => {
    if (line.trim() !== '')
      entries.push({ text: readJsonlLine(line, index + 1, label), where: `line ${index + 1}` });
  });
  if (entries.length === 0) {
    throw createUsageError({
      input: label,
      expected: 'at least one line holding a JSON object such as {"text": "..."}',
      received: describeBlankContent(content, lines.length),
      fix: 'Add one JSON object per line, or pass a different --corpus.',
    });
  }
  return requireUsableTexts(entries, label);
}

const jsonlExpectation = 'a JSON object with a string "text"';

function readJsonlLine(line: string, lineNumber: number, label: string): string {
  const parsed = parseJson(line);
  if (!parsed.ok) {
    const column = parsed.location === undefined ? '' : ` column ${parsed.location.column}`;
    throw createUsageError({
      input: `${label} line ${lineNumber}${column}`,
      expected: jsonlExpectation,
      received: parsed.problem,
      fix: 'Fix the line or remove it.',
    });
  }
  const value = parsed.value;
  if (isRecord(value) && typeof value.text === 'string') return value.text;
  const received =
    isRecord(value) && 'text' in value
      ? `"text" as ${describeJsonType(value.text)}`
      : describeJsonType(value);
  throw createUsageError({
    input: `${label} line ${lineNumber}`,
    expected: jsonlExpectation,
    received,
    fix: 'Fix the line or remove it.',
  });
}

function assertNever(value: never): never {
  throw new Error(`Unhandled corpus format: ${String(value)}`);
}
