/**
 * Path inputs are checked once the working directory is entered, so a typo names the input (`corpus`) rather
 * than the CLI flag the core would name (`--corpus`).
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ActionInputs } from './action-inputs.js';
import type { InputName } from './input-names.js';
import { createInputError } from './input-values.js';

type PathKind = 'file' | 'folder';

function isKind(path: string, kind: PathKind): boolean {
  if (!existsSync(path)) return false;
  const info = statSync(path);
  return kind === 'file' ? info.isFile() : info.isDirectory();
}

function assertPath(name: InputName, value: string | null, kind: PathKind, example: string): void {
  if (value === null || isKind(resolve(value), kind)) return;
  const where = isAbsolute(value) ? '' : ` (relative to ${process.cwd()})`;
  throw createInputError(name, `an existing ${kind}${where}`, value, example);
}

/** A model spec naming a local folder ("./x", "../x" or absolute) rather than a hub id or synthetic:NAME. */
function isLocalModel(model: string): boolean {
  return model.startsWith('.') || isAbsolute(model);
}

export function assertInputPathsExist(inputs: ActionInputs): void {
  const { target } = inputs;
  assertPath('config', target.config, 'file', 'embedprof.config.json');
  assertPath('embedder', target.embedder, 'file', './bench/embedder.mjs');
  assertPath('corpus', target.corpus, 'file', './bench/corpus.jsonl');
  assertPath('tokenizer', target.tokenizer, 'folder', './models/my-model');
  if (target.model !== null && isLocalModel(target.model))
    assertPath('model', target.model, 'folder', './models/my-model');
  if (inputs.mode === 'comment' || inputs.mode === 'merge') {
    assertPath('report-dir', inputs.reportDir, 'folder', 'embedprof-report');
  }
}

export function isDirectory(path: string): boolean {
  return isKind(resolve(path), 'folder');
}
