/**
 * Throwaway git repositories for duet-mode tests: a base commit with a custom embedder and a config, then a
 * head commit that changes what a test needs (the embedder's speed, only documentation, the config).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const SLOW_EMBEDDER = resolve('test/fixtures/embedders/slow-embedder.mjs');

export function runGit(cwd: string, args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * embedder.mjs: the toy embedder with `slowdown` × its own time of extra work per batch, and `createDelayMs` of
 * waiting in createEmbedder (a slower cold start).
 */
export function writeEmbedder(dir: string, slowdown: number, createDelayMs = 0): void {
  const wait = createDelayMs > 0 ? `await new Promise((done) => setTimeout(done, ${createDelayMs})); ` : '';
  const source = `import { createEmbedder as createSlow } from ${JSON.stringify(SLOW_EMBEDDER)};\nexport const createEmbedder = async (options = {}) => { ${wait}return createSlow({ ...options, slowdown: ${slowdown} }); };\n`;
  writeFileSync(join(dir, 'embedder.mjs'), source);
}

/** The smoke preset's windows: these repositories test wiring, and each verdict they assert is far from noise. */
export const TINY_CONFIG = {
  schemaVersion: 1,
  preset: 'smoke',
  embedder: './embedder.mjs',
  batchSizes: [32],
  lengths: [64],
  processes: 3,
  analysis: false,
};

export function writeConfig(dir: string, config: object = TINY_CONFIG): void {
  writeFileSync(join(dir, 'embedprof.config.json'), JSON.stringify(config));
}

export function commitAll(dir: string, message: string): void {
  runGit(dir, ['add', '-A']);
  runGit(dir, ['commit', '-qm', message]);
}

/** A repository whose base commit holds the unchanged embedder (and the config unless `withConfig` is false). */
export function createBaseRepository(withConfig = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-duet-'));
  runGit(dir, ['init', '-q']);
  writeEmbedder(dir, 0);
  if (withConfig) writeConfig(dir);
  commitAll(dir, 'base');
  return dir;
}

/** Gives `repo` an `origin`: a bare clone of it in a temporary folder, whose path is returned. */
export function addOrigin(repo: string): string {
  const bare = join(mkdtempSync(join(tmpdir(), 'embedprof-origin-')), 'origin.git');
  runGit(repo, ['clone', '-q', '--bare', repo, bare]);
  runGit(repo, ['remote', 'add', 'origin', bare]);
  return bare;
}

const CLI = resolve('build/src/faces/cli/main.js');

/** `embedprof gate --quiet --time-budget SECONDS ARGS` in `cwd`, as a user runs it in CI. */
export function runGateCommand(cwd: string, args: string[], budgetSeconds = 40) {
  const flags = ['gate', '--quiet', '--time-budget', String(budgetSeconds), ...args];
  const result = spawnSync(process.execPath, [CLI, ...flags], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
