/**
 * What duet mode measures on the base side. The workload (sweeps, corpus, processes, threads) is always the
 * head's, so both sides do identical work; what is measured (model, embedder, dtype, tokenizer, truncation)
 * is the base commit's own:
 * - when the head read a config file, from the base commit's copy of that file (missing → not runnable);
 * - otherwise the head's flags, with paths inside the repository mapped into the base worktree (the same
 *   file as of the base commit).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { readConfigFile } from '../config/read-config.js';
import { describeError } from '../errors.js';
import type { ProfileOptions } from '../run/profile-options.js';
import { toConfigLayer } from '../settings/config-layer.js';

/** `adoption`: the base has no embedprof config at all, so this change is the one that adds embedprof. */
export type BaseTarget =
  { kind: 'ready'; options: ProfileOptions } | { kind: 'unavailable'; reason: string; adoption?: boolean };

export interface BaseTargetRequest {
  head: ProfileOptions;
  headConfig: { path: string } | null;
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

async function readBaseConfig(request: BaseTargetRequest, config: { path: string }): Promise<BaseTarget> {
  const path = mapIntoWorktree(config.path, request.repoRoot, request.worktree);
  const shown = relative(request.worktree, path);
  if (path === config.path)
    return { kind: 'unavailable', reason: `${config.path} lies outside the repository` };
  if (!existsSync(path))
    return { kind: 'unavailable', reason: `${request.ref} has no ${shown}`, adoption: true };
  try {
    const label = `${shown} at ${request.ref}`;
    const base = await readConfigFile(path, label);
    const target = toConfigLayer(base.config, label, base.dir).values;
    const options: ProfileOptions = {
      ...request.head,
      model: target.model ?? null,
      embedder: target.embedder ?? null,
      dtype: target.dtype ?? 'auto',
      tokenizer: target.tokenizer ?? null,
      maxTokens: target.maxTokens ?? null,
    };
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
