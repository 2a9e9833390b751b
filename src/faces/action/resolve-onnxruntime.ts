/**
 * Where the action's bundle finds onnxruntime-node. ncc cannot bundle its native binaries, so dist/ imports it
 * as an external package, and before the bundle loads this makes `dist/node_modules/onnxruntime-node` a link
 * to, in order of preference:
 *   1. the user's workspace copy (node_modules of GITHUB_WORKSPACE / working-directory): the gate profiles
 *      the runtime they ship, and an onnxruntime upgrade in a pull request is measured as such;
 *   2. a copy already resolvable beside dist/ (a development checkout of embedprof);
 *   3. the pinned version installed once into the runner's tool cache (npm, with the CUDA download skipped).
 * Node builtins (and the builtin-free secret-variables.ts) only: this runs before anything else is loaded.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { splitSecretVariables } from '../../ground/platform/secret-variables.js';

export const PINNED_ONNXRUNTIME_VERSION = '1.30.0';
/** npm's install of the pinned version (about 60 MB from the registry) is stopped after this long. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const PACKAGE = 'onnxruntime-node';

export type RuntimeSource = 'workspace' | 'beside-dist' | 'tool-cache';

export interface ResolvedRuntime {
  source: RuntimeSource;
  dir: string;
  version: string;
}

function findPackageDir(fromFile: string): string | null {
  try {
    return dirname(createRequire(fromFile).resolve(`${PACKAGE}/package.json`));
  } catch {
    return null;
  }
}

function readVersion(dir: string): string {
  const parsed: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const version = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'version') : null;
  return typeof version === 'string' ? version : 'unknown';
}

/** Installs the pinned version under `cacheRoot` unless it is there already; returns the package folder. */
export function installIntoToolCache(cacheRoot: string, version = PINNED_ONNXRUNTIME_VERSION): string {
  const prefix = join(cacheRoot, 'embedprof-onnxruntime-node', version);
  const dir = join(prefix, 'node_modules', PACKAGE);
  if (existsSync(join(dir, 'package.json'))) return dir;
  mkdirSync(prefix, { recursive: true });
  const args = [
    'install',
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--prefix',
    prefix,
    `${PACKAGE}@${version}`,
  ];
  // npm runs the package's install script: third-party code, so no credential in its environment.
  const env = {
    ...splitSecretVariables(process.env).kept,
    ONNXRUNTIME_NODE_INSTALL: 'skip',
    npm_config_onnxruntime_node_install: 'skip',
  };
  execFileSync('npm', args, { env, stdio: ['ignore', 'inherit', 'inherit'], timeout: INSTALL_TIMEOUT_MS });
  return dir;
}

/** Finds (or installs) onnxruntime-node for a bundle living in `distDir`, preferring the workspace's. */
export function resolveOnnxRuntime(
  distDir: string,
  workspaces: readonly string[],
  cacheRoot: string,
): ResolvedRuntime {
  for (const workspace of workspaces) {
    const dir = findPackageDir(join(workspace, 'package.json'));
    if (dir !== null) return { source: 'workspace', dir, version: readVersion(dir) };
  }
  const beside = findPackageDir(join(distDir, 'index.js'));
  if (beside !== null) return { source: 'beside-dist', dir: beside, version: readVersion(beside) };
  const dir = installIntoToolCache(cacheRoot);
  return { source: 'tool-cache', dir, version: readVersion(dir) };
}

/** Makes `distDir/node_modules/onnxruntime-node` point at `runtime.dir` (nothing to do when already beside). */
export function linkOnnxRuntime(distDir: string, runtime: ResolvedRuntime): void {
  if (runtime.source === 'beside-dist') return;
  const link = join(distDir, 'node_modules', PACKAGE);
  mkdirSync(dirname(link), { recursive: true });
  rmSync(link, { recursive: true, force: true });
  symlinkSync(runtime.dir, link, 'dir');
}

/** The tool-cache root of a runner, or the temp folder elsewhere. */
export function findCacheRoot(env: NodeJS.ProcessEnv): string {
  return env.RUNNER_TOOL_CACHE ?? join(tmpdir(), 'embedprof-tool-cache');
}
