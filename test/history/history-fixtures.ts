/**
 * Records for the history tests: profiles of a few cells whose per-process values are drawn from a seeded
 * generator around a level, turned into records of distinct commits one night apart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Random } from '../../src/ground/random/index.js';
import type { CellKey } from '../../src/ground/schema/cell-key.js';
import type { HistoryRecord } from '../../src/ground/schema/history-record-schema.js';
import type { Environment } from '../../src/ground/schema/profile-sections-schema.js';
import { createHistoryRecord } from '../../src/history/to-history-record.js';
import { buildTestProfile, createTestProcess, type TestCell } from '../decide/compare/test-profile.js';
import { runGit } from '../decide/duet/git-fixture.js';

export const TEST_CELLS: CellKey[] = [
  { sweep: 'batch', batchSize: 8 },
  { sweep: 'batch', batchSize: 32 },
  { sweep: 'length', chars: 64, batchSize: 32 },
];

/** A 40-digit commit id made from `n`: distinct per night, valid hex. */
export function createCommitId(n: number): string {
  return (n + 1).toString(16).padStart(8, '0').repeat(5);
}

export interface NightOptions {
  random: Random;
  /** Throughput level in texts/s (default 1000); processes vary by about 2 %. */
  level?: number;
  processes?: number;
  environment?: Partial<Environment>;
}

/** The cells of one night: every test cell measured by `processes` processes around `level`. */
export function createNightCells(options: NightOptions): TestCell[] {
  const level = options.level ?? 1000;
  return TEST_CELLS.map((key) => ({
    key,
    processes: Array.from({ length: options.processes ?? 3 }, () => {
      const throughput = level * (1 + 0.02 * options.random.nextNormal());
      const peak = 300 + 2 * options.random.nextNormal();
      return createTestProcess(throughput, key.batchSize, peak, 690);
    }),
  }));
}

/** The record of night `n` (2026-11-01 plus n days, commit createCommitId(n), parent the night before). */
export function createNightRecord(n: number, options: NightOptions): HistoryRecord {
  const date = new Date(Date.UTC(2026, 10, 1 + n, 2, 30, 0)).toISOString();
  const profile = buildTestProfile(createNightCells(options), {
    createdAt: date,
    ...(options.environment === undefined ? {} : { environment: options.environment }),
  });
  const meta = {
    commit: createCommitId(n),
    parent: n === 0 ? null : createCommitId(n - 1),
    branch: 'main',
    date,
  };
  return createHistoryRecord(profile, meta);
}

export function createTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `embedprof-${prefix}-`));
}

/** A bare repository (the "remote") and `count` clones of it, each with one commit on main. */
export function createRemoteWithClones(count: number): { remote: string; clones: string[] } {
  const root = createTempDir('remote');
  const remote = join(root, 'remote.git');
  runGit(root, ['init', '-q', '--bare', '-b', 'main', remote]);
  const seed = join(root, 'seed');
  runGit(root, ['clone', '-q', remote, seed]);
  runGit(seed, ['commit', '-q', '--allow-empty', '-m', 'start']);
  runGit(seed, ['push', '-q', 'origin', 'HEAD:main']);
  const clones = Array.from({ length: count }, (_, index) => {
    const clone = join(root, `clone-${index}`);
    runGit(root, ['clone', '-q', remote, clone]);
    return clone;
  });
  return { remote, clones };
}

/** The record files on `branch` of the bare repository `remote`. */
export function listBranchFiles(remote: string, branch = 'embedprof-data'): string[] {
  const output = runGit(remote, ['ls-tree', '-r', '--name-only', branch]);
  return output === '' ? [] : output.split('\n');
}
