import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { createUsageError, describeError } from '../errors.js';
import { assertNotSpecialFile } from './check-path.js';
import { parseDocument, type DocumentKind } from '../schema/parse-document.js';

export interface DocumentFileRequest<S extends z.ZodType> {
  path: string;
  /** What names the file in a read error, e.g. "--profile out/profile.json". */
  input: string;
  /** What names the file in a parse error (default: the path). */
  label?: string;
  schema: S;
  kind: DocumentKind;
  /** For a read error: what was expected there, and how to fix it. */
  expected: string;
  fix: string;
}

/**
 * Reads and parses a JSON document of a known kind. An unreadable file, and every problem parseDocument finds,
 * is one UsageError naming the file.
 */
export async function readDocumentFile<S extends z.ZodType>(
  request: DocumentFileRequest<S>,
): Promise<z.infer<S>> {
  const text = await readDocumentText(request);
  return parseDocument(text, request.schema, request.kind, request.label ?? request.path);
}

/** The file's text, for a caller that picks the kind from it; a special or unreadable file is a UsageError. */
export async function readDocumentText(
  request: Pick<DocumentFileRequest<z.ZodType>, 'path' | 'input' | 'expected' | 'fix'>,
): Promise<string> {
  await assertNotSpecialFile(request.path, (problem) =>
    createUsageError({ input: request.input, ...problem, fix: request.fix }),
  );
  let text: string;
  try {
    text = await readFile(request.path, 'utf8');
  } catch (error) {
    throw createUsageError({
      input: request.input,
      expected: request.expected,
      received: `a read error (${describeError(error)})`,
      fix: request.fix,
    });
  }
  return text;
}
