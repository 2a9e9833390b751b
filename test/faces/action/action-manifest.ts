/**
 * Reads action.yml as the runner uses it: the inputs with their defaults, the outputs, and `runs`. A reader for
 * the subset of YAML the file is written in (two-space nesting, scalar values, folded `>-` descriptions), so
 * that the tests need no YAML dependency; anything else in the file fails loudly.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ActionManifest {
  /** Input name → its declared default (undefined when it has none). */
  inputs: Map<string, string | undefined>;
  outputs: string[];
  runs: Record<string, string>;
  top: Record<string, string>;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^'(.*)'$/.exec(trimmed) ?? /^"(.*)"$/.exec(trimmed);
  return quoted?.[1] ?? trimmed;
}

type Section = 'inputs' | 'outputs' | 'runs' | 'other';

function toSection(key: string): Section {
  return key === 'inputs' || key === 'outputs' || key === 'runs' ? key : 'other';
}

/** A folded or literal block scalar's lines: indented deeper than the key that opened it. */
function isBlockScalar(value: string): boolean {
  return /^\s*[>|][-+]?\s*$/.test(value);
}

export function readActionManifest(path = resolve('action.yml')): ActionManifest {
  const manifest: ActionManifest = { inputs: new Map(), outputs: [], runs: {}, top: {} };
  let section: Section = 'other';
  let entry: string | null = null;
  let blockIndent: number | null = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const lineIndent = line.length - line.trimStart().length;
    if (blockIndent !== null && lineIndent > blockIndent) continue;
    blockIndent = null;
    const match = /^( *)([A-Za-z0-9_-]+):(.*)$/.exec(line);
    if (match === null) throw new Error(`action.yml: cannot read the line ${JSON.stringify(line)}`);
    const [, spaces = '', key = '', value = ''] = match;
    const indent = spaces.length;
    if (isBlockScalar(value)) blockIndent = indent;
    if (indent === 0) {
      section = toSection(key);
      if (section === 'other') manifest.top[key] = unquote(value);
    } else if (indent === 2 && section === 'inputs') {
      entry = key;
      manifest.inputs.set(key, undefined);
    } else if (indent === 2 && section === 'outputs') manifest.outputs.push(key);
    else if (indent === 2 && section === 'runs') manifest.runs[key] = unquote(value);
    else if (indent === 4 && section === 'inputs' && key === 'default' && entry !== null) {
      manifest.inputs.set(entry, unquote(value));
    }
  }
  return manifest;
}
