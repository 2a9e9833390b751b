/**
 * The steps of one validate-gate repetition, each a run of the compiled CLI as CI would run it: profile the
 * unchanged embedder and record it as a baseline, then gate three "pull requests" against it — unchanged
 * (A/A), slower by the injected share, and holding ballast memory.
 *
 * Every run loads the embedder from the same path (WORK/embedder.mjs, rewritten to re-export the variant
 * under test), so the fingerprint's model spec stays the same, as it does when a pull request edits a
 * service's code.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliEntry = fileURLToPath(new URL('../src/faces/cli/main.js', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export type Variant = 'unchanged' | 'slower' | 'ballast';

export interface StepSettings {
  work: string;
  batchSizes: string;
  lengths: string;
  processes: number;
  timeBudgetSeconds: number;
  /** Extra work per batch of the slower variant (0.111 makes throughput 10 % lower). */
  slowdown: number;
}

export interface GateOutcome {
  variant: Variant;
  exitCode: number;
  gate: string;
  verdict: string;
  failingMetrics: string[];
  seconds: number;
}

function fixture(name: string): string {
  return join(repositoryRoot, 'test', 'fixtures', 'embedders', name);
}

const VARIANT_MODULES: Record<Variant, string> = {
  unchanged: 'toy-embedder.mjs',
  slower: 'slow-embedder.mjs',
  ballast: 'ballast-embedder.mjs',
};

function runEmbedprof(args: string[], env: Record<string, string> = {}): { status: number; stderr: string } {
  const result = spawnSync(process.execPath, [cliEntry, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ...env },
    timeout: 30 * 60 * 1000,
  });
  return { status: result.status ?? 1, stderr: result.stderr };
}

function fail(step: string, stderr: string): never {
  throw new Error(`validate-gate: ${step} failed: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
}

/** Points WORK/embedder.mjs at a variant and returns that path. */
function selectVariant(work: string, variant: Variant): string {
  const path = join(work, 'embedder.mjs');
  const target = JSON.stringify(fixture(VARIANT_MODULES[variant]));
  writeFileSync(path, `export { createEmbedder } from ${target};\n`);
  return path;
}

function sweepArgs(settings: StepSettings, embedder: string, out: string): string[] {
  return [
    '--embedder',
    embedder,
    '--batch-sizes',
    settings.batchSizes,
    '--lengths',
    settings.lengths,
    '--processes',
    String(settings.processes),
    '--no-analysis',
    '--quiet',
    '--out',
    out,
  ];
}

/** Profiles the unchanged embedder and records baselines/main.json; returns the baseline's peak MB. */
export function recordBaseline(settings: StepSettings, dir: string): number {
  const embedder = selectVariant(settings.work, 'unchanged');
  const profiled = runEmbedprof(['profile', ...sweepArgs(settings, embedder, dir)]);
  if (profiled.status !== 0) fail('profiling the baseline', profiled.stderr);
  const profile = join(dir, 'profile.json');
  const recorded = runEmbedprof([
    'baseline',
    'update',
    '--from',
    profile,
    '--name',
    'main',
    '--dir',
    join(dir, 'baselines'),
    '--force',
  ]);
  if (recorded.status !== 0) fail('recording the baseline', recorded.stderr);
  const parsed: unknown = JSON.parse(readFileSync(profile, 'utf8'));
  const memory = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'memory') : null;
  const peak = typeof memory === 'object' && memory !== null ? Reflect.get(memory, 'peakMB') : null;
  if (typeof peak !== 'number' || peak <= 0) fail('reading the baseline peak', 'no memory.peakMB');
  return peak;
}

function readComparison(path: string): { gate: string; verdict: string; failingMetrics: string[] } {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const overall = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'overall') : null;
  if (typeof overall !== 'object' || overall === null) fail('reading comparison.json', path);
  const failing: unknown = Reflect.get(overall, 'failingMetrics');
  return {
    gate: String(Reflect.get(overall, 'gate')),
    verdict: String(Reflect.get(overall, 'verdict')),
    failingMetrics: Array.isArray(failing) ? failing.map(String) : [],
  };
}

/** Gates one variant against the baseline in `baselineDir`; `ballastMB` sizes the ballast variant. */
export function gateVariant(
  settings: StepSettings,
  variant: Variant,
  baselineDir: string,
  out: string,
  ballastMB: number,
): GateOutcome {
  const embedder = selectVariant(settings.work, variant);
  const env = {
    EMBEDPROF_SLOWDOWN: variant === 'slower' ? String(settings.slowdown) : '0',
    EMBEDPROF_BALLAST_MB: variant === 'ballast' ? String(ballastMB) : '0',
  };
  const started = Date.now();
  const args = [
    'gate',
    ...sweepArgs(settings, embedder, out),
    '--baseline',
    join(baselineDir, 'baselines'),
    '--time-budget',
    String(settings.timeBudgetSeconds),
  ];
  const result = runEmbedprof(args, env);
  if (result.status !== 0 && result.status !== 1) fail(`gating the ${variant} variant`, result.stderr);
  const comparison = readComparison(join(out, 'comparison.json'));
  return { variant, exitCode: result.status, ...comparison, seconds: (Date.now() - started) / 1000 };
}
