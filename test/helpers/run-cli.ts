import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const testCacheDir = resolve('.cache/embedprof-test');
const cliEntry = resolve('build/src/faces/cli/main.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI as a user would, with the shared test cache and no progress noise. */
export function runCli(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): CliResult {
  const result = spawnSync(process.execPath, [cliEntry, ...args], {
    cwd: options.cwd ?? process.cwd(),
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
    env: { ...process.env, EMBEDPROF_CACHE_DIR: testCacheDir, CI: 'true', ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
