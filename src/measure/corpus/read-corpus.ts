import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { createUsageError } from '../../ground/errors.js';
import { assertNotSpecialFile } from '../../ground/files/check-path.js';
import { corpusFormats, type Corpus, type CorpusFormat } from './corpus-types.js';
import { parseCorpusText } from './parse-corpus-text.js';

/**
 * Reads a corpus file: `.txt` (one text per line), `.jsonl` (one {"text": ...} per line) or `.json` (see
 * parseJsonCorpus). The source records the file's SHA-256 so results name the exact bytes profiled.
 * Every problem with the file is a UsageError whose message starts with `<flag> <path>` and, where it
 * applies, the line or index.
 */
export async function readCorpus(path: string, flag = '--corpus'): Promise<Corpus> {
  const label = `${flag} ${path}`;
  const bytes = await readCorpusBytes(path, label);
  const format = detectCorpusFormat(path, label);
  const texts = parseCorpusText(decodeUtf8(bytes, label), format, label);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { source: { kind: 'file', path, format, sha256 }, texts };
}

/** The corpus format named by a path's extension (case-insensitive); a UsageError for anything else. */
export function detectCorpusFormat(path: string, label = `--corpus ${path}`): CorpusFormat {
  const extension = extname(path).toLowerCase().slice(1);
  const format = corpusFormats.find((candidate) => candidate === extension);
  if (format !== undefined) return format;
  throw createUsageError({
    input: label,
    expected: `a file ending in ${corpusFormats.map((f) => `.${f}`).join(', ')}`,
    received: extension === '' ? 'a file name without an extension' : `a ".${extension}" file`,
    fix: 'Convert it to one text per line (.txt), one {"text": ...} object per line (.jsonl), or a JSON array (.json).',
  });
}

async function readCorpusBytes(path: string, label: string): Promise<Buffer> {
  await assertNotSpecialFile(path, (problem) => createUsageError({ input: label, ...problem }));
  try {
    return await readFile(path);
  } catch (error) {
    throw createUsageError({
      input: label,
      expected: 'a readable corpus file',
      received: describeReadFailure(error, path),
      fix: 'Check the path and permissions, or omit --corpus to use the built-in corpus.',
    });
  }
}

function describeReadFailure(error: unknown, path: string): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  switch (code) {
    case 'ENOENT':
      return `nothing at ${resolve(path)}`;
    case 'EISDIR':
      return 'a directory';
    case 'EACCES':
    case 'EPERM':
      return 'a file this user may not read (permission denied)';
    default:
      return `a read error (${error instanceof Error ? error.message : String(error)})`;
  }
}

function decodeUtf8(bytes: Buffer, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw createUsageError({
      input: label,
      expected: 'UTF-8 text',
      received: 'bytes that are not valid UTF-8',
      fix: 'Re-save the file as UTF-8.',
    });
  }
}
