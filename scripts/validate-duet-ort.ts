/**
 * `npm run validate-gate -- --duet --workload ort`: the pull-request gate's error rates and wall time on real
 * ONNX Runtime work (ort-workload.ts), with the default PR plan (no sweep keys in the config). Each gate is a
 * fresh git repository whose last commit is a documentation change (A/A), the slower workload, or the one
 * holding more memory; "A/A beside busy loops" runs the A/A gate with two niced busy loops on the machine.
 * After every gate one line is appended to the log (the commit measured, the machine's load); the summary
 * at the end gives the rates with Wilson 95 % intervals and each variant's measured effect.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSyntheticModel } from '../src/measure/onnx/synthetic-model.js';
import { writeWorkloadSource, type WorkloadVariant } from './ort-workload.js';
import { readGateOutcome, summarizeOrtOutcomes, type OrtOutcome } from './validate-duet-ort-summary.js';

const cliEntry = fileURLToPath(new URL('../src/faces/cli/main.js', import.meta.url));

export interface OrtSettings {
  /** Gates per variant, e.g. { 'A/A': 20, slower: 10, memory: 10, busy: 5 }. */
  counts: Record<OrtVariantName, number>;
  work: string;
  log: string;
  tokenizerDir: string;
  /** The gate's --fail-on; null for its default. */
  failOn: string | null;
}

export type OrtVariantName = 'A/A' | 'slower' | 'slower10' | 'memory' | 'busy' | 'cold';

const HEAD_WORKLOAD: Record<OrtVariantName, WorkloadVariant | null> = {
  'A/A': null,
  slower: 'slower',
  slower10: 'slower10',
  memory: 'memory',
  busy: null,
  cold: 'cold',
};

function git(cwd: string, args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=validate', '-c', 'user.email=v@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
}

function createRepository(dir: string, onnxPath: string, settings: OrtSettings, name: OrtVariantName): void {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q']);
  const config = { schemaVersion: 1, embedder: './embedder.mjs', tokenizer: settings.tokenizerDir };
  writeFileSync(join(dir, 'embedprof.config.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(join(dir, 'embedder.mjs'), writeWorkloadSource('same', onnxPath, settings.tokenizerDir));
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-qm', 'base']);
  const head = HEAD_WORKLOAD[name];
  if (head === null) writeFileSync(join(dir, 'README.md'), '# documentation only\n');
  else writeFileSync(join(dir, 'embedder.mjs'), writeWorkloadSource(head, onnxPath, settings.tokenizerDir));
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-qm', name]);
}

function startBusyLoops(): ChildProcess[] {
  return [0, 1].map(() =>
    spawn('nice', ['-n', '19', process.execPath, '-e', 'for (;;) Math.sqrt(Math.random())'], {
      stdio: 'ignore',
    }),
  );
}

function runGate(dir: string, name: OrtVariantName, failOn: string | null): number {
  const loops = name === 'busy' ? startBusyLoops() : [];
  const started = Date.now();
  const flags = [
    'gate',
    '--against',
    'HEAD~1',
    '--out',
    'out',
    ...(failOn === null ? [] : ['--fail-on', failOn]),
  ];
  try {
    const result = spawnSync(process.execPath, [cliEntry, ...flags], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    writeFileSync(join(dir, 'gate.log'), `${result.stdout}\n${result.stderr}`);
    if (result.status !== 0 && result.status !== 1)
      throw new Error(`gate in ${dir} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  } finally {
    for (const loop of loops) loop.kill('SIGKILL');
  }
  return (Date.now() - started) / 1000;
}

function readCommit(): string {
  const result = spawnSync('git', ['rev-parse', 'HEAD'], {
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  return result.stdout.trim() || 'unknown';
}

/** The variants in rotating order until each has had its count. */
function planGates(counts: OrtSettings['counts']): OrtVariantName[] {
  const left = { ...counts };
  const plan: OrtVariantName[] = [];
  const names = Object.keys(counts) as OrtVariantName[];
  while (names.some((name) => left[name] > 0)) {
    for (const name of names) {
      if (left[name] <= 0) continue;
      left[name]--;
      plan.push(name);
    }
  }
  return plan;
}

export async function validateDuetOrt(settings: OrtSettings): Promise<void> {
  const cacheDir = join(homedir(), '.cache', 'embedprof');
  const model = await ensureSyntheticModel({ preset: 'all-MiniLM-L6-v2', dtype: 'q8', cacheDir });
  const commit = readCommit();
  const outcomes: OrtOutcome[] = [];
  const plan = planGates(settings.counts);
  for (const [index, name] of plan.entries()) {
    const dir = join(settings.work, `gate-${String(index + 1).padStart(2, '0')}-${name.replace(/\W+/g, '')}`);
    createRepository(dir, model.onnxPath, settings, name);
    const load = loadavg()[0] ?? 0;
    const seconds = runGate(dir, name, settings.failOn);
    const outcome: OrtOutcome = { variant: name, seconds, load, ...readGateOutcome(join(dir, 'out')) };
    outcomes.push(outcome);
    const line = `| ${new Date().toISOString()} | ${commit.slice(0, 12)} | ${name} | ${outcome.gate} | ${outcome.headline} | ${outcome.confirmation} | ${seconds.toFixed(0)} | ${load.toFixed(2)} |`;
    appendFileSync(settings.log, `${line}\n`);
    process.stderr.write(`[${index + 1}/${plan.length}] ${line}\n`);
    writeFileSync(join(settings.work, 'outcomes.json'), `${JSON.stringify(outcomes, null, 2)}\n`);
  }
  process.stdout.write(`${summarizeOrtOutcomes(outcomes, commit)}\n`);
}

/** --counts "A/A=20,slower=10,memory=10,busy=5" (the default; "cold=N" adds heads with a 300 ms slower start, "slower10=N" heads about 10 % slower). */
export function readCounts(text: string | undefined): OrtSettings['counts'] {
  const counts: OrtSettings['counts'] = { 'A/A': 20, slower: 10, slower10: 0, memory: 10, busy: 5, cold: 0 };
  if (text === undefined) return counts;
  const given: Partial<OrtSettings['counts']> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    if (name === undefined || !(name in counts) || !/^\d+$/.test(value ?? ''))
      throw new Error(
        `--counts: expected NAME=N,… with NAME one of ${Object.keys(counts).join(', ')}, got ${part}`,
      );
    given[name as OrtVariantName] = Number(value);
  }
  return { 'A/A': 0, slower: 0, slower10: 0, memory: 0, busy: 0, cold: 0, ...given };
}

export const resolveLog = (path: string | undefined): string =>
  resolve(path ?? 'docs/validation/pr-gate-runs.md');

export const readSummaryFile = (work: string): OrtOutcome[] =>
  JSON.parse(readFileSync(join(work, 'outcomes.json'), 'utf8')) as OrtOutcome[];
