/**
 * What duet mode measures on the base side. The workload (sweeps, corpus, processes, threads) is always the
 * head's, so both sides do identical work; what is measured (model, embedder, dtype, tokenizer, truncation)
 * is the base commit's own:
 * - when the head read a config file, from the base commit's copy of that file (missing → not runnable), read
 *   by the face (`HeadConfig.readBaseSide`: the settings marked for the base side, defaults from the table);
 * - otherwise the head's flags, with paths inside the repository mapped into the base worktree (the same
 *   file as of the base commit).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { describeError } from '../../ground/errors.js';
import type { ProfileOptions } from '../../measure/sweep/profile-options.js';

/** `adoption`: the base has no embedprof config at all, so this change is the one that adds embedprof. */
export type BaseTarget =
  { kind: 'ready'; options: ProfileOptions } | { kind: 'unavailable'; reason: string; adoption?: boolean };

/** The config file the head read, and how the face reads the base commit's copy of it. */
export interface HeadConfig {
  /** The head's embedprof.config.json (absolute). */
  path: string;
  /**
   * The base's copy at `path`, named `label` in messages: what the base side measures (the base-side settings
   * as the file sets them, else their defaults). Throws when the file does not read or validate.
   */
  readBaseSide(path: string, label: string): Promise<Partial<ProfileOptions>>;
}

export interface BaseTargetRequest {
  head: ProfileOptions;
  headConfig: HeadConfig | null;
  repoRoot: string;
  worktree: string;
  ref: string;
}

/** `path` as the same repository path inside the worktree; unchanged when it lies outside the repository. */
export function mapIntoWorktree(path: string, repoRoot: string, worktree: string): string {
  const inside = relative(repoRoot, path);
  if (inside.startsWith('..') || isAbsolute(inside)) return path;
  return join(worktree, inside);
}

const isLocal = (model: string): boolean => model.startsWith('.') || isAbsolute(model);

function mapFlags(request: BaseTargetRequest): ProfileOptions {
  const { head, repoRoot, worktree } = request;
  const map = (path: string | null) => (path === null ? null : mapIntoWorktree(path, repoRoot, worktree));
  const model = head.model !== null && isLocal(head.model) ? map(head.model) : head.model;
  return { ...head, model, embedder: map(head.embedder), tokenizer: map(head.tokenizer) };
}

async function readBaseConfig(request: BaseTargetRequest, config: HeadConfig): Promise<BaseTarget> {
  const path = mapIntoWorktree(config.path, request.repoRoot, request.worktree);
  const shown = relative(request.worktree, path);
  if (path === config.path)
    return { kind: 'unavailable', reason: `${config.path} lies outside the repository` };
  if (!existsSync(path))
    return { kind: 'unavailable', reason: `${request.ref} has no ${shown}`, adoption: true };
  try {
    const label = `${shown} at ${request.ref}`;
    const options: ProfileOptions = { ...request.head, ...(await config.readBaseSide(path, label)) };
    return { kind: 'ready', options };
  } catch (error) {
    return { kind: 'unavailable', reason: describeError(error) };
  }
}

/** The base side's options, or why the base cannot be measured. */
export async function resolveBaseTarget(request: BaseTargetRequest): Promise<BaseTarget> {
  if (request.headConfig === null) return { kind: 'ready', options: mapFlags(request) };
  return readBaseConfig(request, request.headConfig);
}
