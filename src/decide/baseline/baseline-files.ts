/**
 * The only I/O of the baseline module: reading baseline files (or folders of them) and writing one
 * atomically. Parsing and selection are pure and live beside it.
 */
import { assertNotSpecialFile, createFolders } from '../../ground/files/check-path.js';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createUsageError, describeError, UsageError } from '../../ground/errors.js';
import { writeJsonAtomically } from '../../ground/files/atomic-write.js';
import type { Baseline } from './baseline-schema.js';
import { baselineSchema } from './baseline-schema.js';
import { compareFingerprints, isSameSetup } from './fingerprint.js';
import { parseBaselineText } from './parse-baseline.js';

export { selectBaseline, type BaselineSelection } from './select-baseline.js';

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/** A baseline as read from its file: which file, and the sha256 of its bytes (recorded in comparison.json). */
export interface LoadedBaseline {
  baseline: Baseline;
  file: { path: string; sha256: string };
}

async function readBaselineFile(path: string): Promise<Baseline> {
  return (await loadBaselineFile(path)).baseline;
}

async function loadBaselineFile(path: string): Promise<LoadedBaseline> {
  await assertNotSpecialFile(path, (problem) => createUsageError({ input: path, ...problem }));
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw createUsageError({
      input: path,
      expected: 'a readable baseline file',
      received: `a read error (${describeError(error)})`,
      fix: 'Check the path and its permissions.',
    });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { baseline: parseBaselineText(bytes.toString('utf8'), path), file: { path, sha256 } };
}

/**
 * Loads one baseline file, or every `*.json` in a folder (sorted by name; an empty folder gives []).
 * Each file is an embedprof baseline (migrated to the current schemaVersion) or a predecessor file read as a
 * legacy baseline. Any unreadable file is a UsageError naming it.
 */
export async function loadBaselines(fileOrDir: string): Promise<LoadedBaseline[]> {
  const info = await statOrNull(fileOrDir);
  if (info === null) {
    throw createUsageError({
      input: fileOrDir,
      expected: 'a baseline file or a folder of baseline *.json files',
      received: 'nothing at that path',
      fix: 'Record a baseline first (`embedprof baseline`), or check the path.',
    });
  }
  if (!info.isDirectory()) return [await loadBaselineFile(fileOrDir)];
  const names = (await readdir(fileOrDir)).filter((name) => name.endsWith('.json')).sort();
  const loaded: LoadedBaseline[] = [];
  const fileOfName = new Map<string, string>();
  for (const name of names) {
    const path = join(fileOrDir, name);
    const file = await loadBaselineFile(path);
    assertUniqueName(fileOfName, file.baseline.name, path, fileOrDir);
    loaded.push(file);
  }
  return loaded;
}

/** Two files of one name would be chosen between by file-name order: an input error naming both. */
function assertUniqueName(fileOfName: Map<string, string>, name: string, path: string, dir: string): void {
  const other = fileOfName.get(name);
  if (other === undefined) {
    fileOfName.set(name, path);
    return;
  }
  throw createUsageError({
    input: `${other} and ${path}`,
    expected: `one baseline per name in ${dir}`,
    received: `two baselines named ${JSON.stringify(name)}`,
    fix: 'Delete the stale one, or record it again under another name (`embedprof baseline update --name NAME`).',
  });
}

export interface WriteBaselineOptions {
  /** Replace an existing baseline even when it was recorded on another machine or for another model. */
  force: boolean;
}

export interface WrittenBaseline {
  path: string;
  replaced: boolean;
}

/** Refuses (unless forced) to replace a baseline of another setup, or a file that is not a baseline. */
async function checkReplacement(path: string, baseline: Baseline, force: boolean): Promise<boolean> {
  if ((await statOrNull(path)) === null) return false;
  if (force) return true;
  let existing: Baseline;
  try {
    existing = await readBaselineFile(path);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw createUsageError({
      input: path,
      expected: 'an existing baseline that can be read before it is replaced',
      received: `a file that is not a readable baseline (${error.message})`,
      fix: 'Pass --force to overwrite it anyway, or choose another --name.',
    });
  }
  const differences = compareFingerprints(existing.fingerprint, baseline.fingerprint);
  if (isSameSetup(differences)) return true;
  throw createUsageError({
    input: path,
    expected: 'a baseline of the same machine and model to replace',
    received: `one recorded with ${[...differences.configuration, ...differences.machine].join('; ')}`,
    fix: 'Replacing it would discard the baseline of another setup: pass --force to replace it anyway, or choose another --name.',
  });
}

/**
 * Writes `dir/NAME.json` through a temporary file and a rename, so a reader never sees half a file. Creates
 * `dir` when needed. Returns the path and whether an existing baseline was replaced.
 */
export async function writeBaselineAtomically(
  dir: string,
  baseline: Baseline,
  options: WriteBaselineOptions,
): Promise<WrittenBaseline> {
  const valid = baselineSchema.parse(baseline);
  const path = join(dir, `${valid.name}.json`);
  try {
    await createFolders(dir);
  } catch (error) {
    throw createUsageError({
      input: dir,
      expected: 'a folder embedprof can create and write',
      received: `an error (${describeError(error)})`,
      fix: 'Choose another folder or fix its permissions.',
    });
  }
  const replaced = await checkReplacement(path, valid, options.force);
  try {
    await writeJsonAtomically(path, valid);
  } catch (error) {
    throw createUsageError({
      input: path,
      expected: 'a writable baseline file',
      received: `a write error (${describeError(error)})`,
      fix: 'Check the folder permissions and free space.',
    });
  }
  return { path, replaced };
}
