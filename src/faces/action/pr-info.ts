/**
 * pr.json, written into the output folder before it is uploaded: which pull request the artifact is about, so
 * that a workflow_run workflow (the fork recipe) can comment on it. Its content is untrusted when read back —
 * the number is checked against the API before use (see comment-mode.ts).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { createUsageError } from '../../ground/errors.js';
import { parseDocument } from '../../ground/schema/parse-document.js';
import type { PullRequestInfo } from './event-context.js';
import { readOptionalText } from './run-results.js';

export const PR_INFO_FILE = 'pr.json';
export const PR_INFO_SCHEMA_VERSION = 1;

const shaSchema = z.string().regex(/^[0-9a-f]{40,64}$/);

export const prInfoSchema = z
  .object({
    schemaVersion: z.literal(PR_INFO_SCHEMA_VERSION),
    number: z.number().int().positive(),
    headSha: shaSchema,
    baseSha: shaSchema,
  })
  .strict();
export type PrInfo = z.infer<typeof prInfoSchema>;

export async function writePrInfo(outDir: string, pull: PullRequestInfo): Promise<string> {
  const info: PrInfo = {
    schemaVersion: PR_INFO_SCHEMA_VERSION,
    number: pull.number,
    headSha: pull.headSha,
    baseSha: pull.baseSha,
  };
  const path = join(outDir, PR_INFO_FILE);
  await writeFile(path, `${JSON.stringify(info, null, 2)}\n`);
  return path;
}

export async function readPrInfo(dir: string): Promise<PrInfo> {
  const path = join(dir, PR_INFO_FILE);
  const text = await readOptionalText(path);
  if (text === null) {
    throw createUsageError({
      input: path,
      expected: 'the pr.json the gate run writes into its artifact',
      received: 'no such file',
      fix: 'Point report-dir at the folder actions/download-artifact filled with the pull request run’s artifact.',
    });
  }
  return parseDocument(text, prInfoSchema, { name: 'pr.json', currentVersion: PR_INFO_SCHEMA_VERSION }, path);
}
