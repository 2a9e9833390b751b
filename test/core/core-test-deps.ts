/**
 * What the core-level tests inject: settings resolved from one flag layer (no command line, no config file),
 * a clock that ticks a fixed step a call from a fixed date, progress that records its notes, and a temporary
 * working folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CoreDeps } from '../../src/core/index.js';
import { resolveSettings, type ResolvedSettings } from '../../src/faces/settings/resolve-settings.js';
import type { SettingValues } from '../../src/faces/settings/setting-table.js';

export const START = new Date('2026-12-06T12:00:00.000Z');

/** The toy embedder: one small cell measures in well under a second a process. */
export const TOY_EMBEDDER = resolve('test/fixtures/embedders/toy-embedder.mjs');

/** One cell of the toy embedder (batch 8: shard 1 of 2 leaves out the length 10 cell), no analysis. */
export const TOY_SWEEP: Partial<SettingValues> = {
  preset: 'smoke',
  embedder: TOY_EMBEDDER,
  batchSizes: [8],
  lengths: [10],
  shard: { index: 1, count: 2 },
  processes: 2,
  analysis: false,
  quiet: true,
};

export interface TestDeps extends CoreDeps {
  notes: string[];
}

/** Deps whose clock advances `stepMs` a call from START. */
export function createTestDeps(cwd: string, stepMs = 1): TestDeps {
  let ticks = 0;
  const notes: string[] = [];
  return {
    cwd,
    now: () => new Date(START.getTime() + stepMs * ticks++),
    progress: { update: () => {}, note: (message) => void notes.push(message), finish: () => {} },
    notes,
  };
}

/** Settings as the CLI would resolve them had every value been given as a flag. */
export function resolveTestSettings(values: Partial<SettingValues>, home: string): ResolvedSettings {
  return resolveSettings([{ source: { kind: 'flag' }, values }], 'cli', { env: {}, cores: 2, home });
}

/** Runs `body` in a fresh temporary folder, removed afterwards. */
export async function withTempFolder(prefix: string, body: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), `embedprof-${prefix}-`));
  try {
    await body(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
