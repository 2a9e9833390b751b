import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { createUsageError } from '../../ground/errors.js';

/** What `--model` names. */
export type ModelSpec =
  { kind: 'synthetic'; preset: string } | { kind: 'local'; dir: string } | { kind: 'hub'; spec: string };

const HUB_ID = /^[\w.-]+\/[\w.-]+(@[\w./-]+)?$/;

/** A model written as a path ("./folder", "../folder" or absolute), which must then be an existing folder. */
export const isLocalModel = (value: string): boolean => value.startsWith('.') || isAbsolute(value);

/**
 * `synthetic:NAME` is a generated copy of a known architecture; an existing path is a local folder in the
 * hub layout; `org/name[@revision]` is a hub id. A path that looks local but does not exist is an error
 * rather than a surprise download.
 */
export function parseModelSpec(value: string): ModelSpec {
  if (value.startsWith('synthetic:')) return { kind: 'synthetic', preset: value.slice('synthetic:'.length) };
  if (existsSync(value)) return { kind: 'local', dir: value };
  const looksLocal = /^(\.{1,2}\/|\/|~)/.test(value) || value.includes('\\');
  if (!looksLocal && HUB_ID.test(value)) return { kind: 'hub', spec: value };
  throw createUsageError({
    input: `--model ${value}`,
    expected: 'synthetic:NAME, an existing model folder, or a hub id org/name[@revision]',
    received: looksLocal ? 'a path that does not exist' : 'none of these',
    fix: 'Check the path, or use e.g. --model synthetic:all-MiniLM-L6-v2 or --model Xenova/all-MiniLM-L6-v2.',
  });
}
