/**
 * `npm run validate-gate -- --duet`: duet mode's error rates on this machine. Each repetition builds three
 * git repositories whose last commit is (a) a documentation change (A/A), (b) a custom embedder made 5 %
 * slower, (c) one made 10 % slower, and runs `embedprof gate --against HEAD~1` in each, as a pull request's
 * check would. Prints the false-alarm and detection rates with Wilson 95 % intervals, the wall time of a gate
 * and the minimum detectable effect implied by the A/A intervals.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeWilsonInterval, formatRate } from '../src/decide/gate/wilson-interval.js';

const cliEntry = fileURLToPath(new URL('../src/faces/cli/main.js', import.meta.url));
const slowEmbedder = fileURLToPath(
  new URL('../../test/fixtures/embedders/slow-embedder.mjs', import.meta.url),
);

export interface DuetSettings {
  runs: number;
  processes: number;
  timeBudgetSeconds: number;
  batchSizes: string;
  lengths: string;
  threshold: number;
  work: string;
  /** Which variants to run (names as printed: "A/A", "slower 5 %", "slower 10 %"); all when empty. */
  variants: string[];
}

interface DuetVariant {
  name: string;
  /** True throughput drop of the head (0 = documentation only). */
  drop: number;
}

const VARIANTS: readonly DuetVariant[] = [
  { name: 'A/A', drop: 0 },
  { name: 'slower 5 %', drop: 0.05 },
  { name: 'slower 10 %', drop: 0.1 },
];

interface DuetOutcome {
  variant: string;
  gate: string;
  verdict: string;
  logHalfWidth: number | null;
  seconds: number;
}

function git(cwd: string, args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=validate', '-c', 'user.email=v@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
}

function writeEmbedder(dir: string, drop: number): void {
  const slowdown = drop / (1 - drop);
  const source = `import { createEmbedder as createSlow } from ${JSON.stringify(slowEmbedder)};\nexport const createEmbedder = (options = {}) => createSlow({ ...options, slowdown: ${slowdown} });\n`;
  writeFileSync(join(dir, 'embedder.mjs'), source);
}

function createRepository(dir: string, settings: DuetSettings, variant: DuetVariant): void {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q']);
  const config = {
    schemaVersion: 1,
    embedder: './embedder.mjs',
    batchSizes: settings.batchSizes.split(',').map(Number),
    lengths: settings.lengths.split(',').map(Number),
    processes: settings.processes,
    analysis: false,
    gate: { maxThroughputDrop: settings.threshold, timeBudgetSeconds: settings.timeBudgetSeconds },
  };
  writeFileSync(join(dir, 'embedprof.config.json'), JSON.stringify(config, null, 2));
  writeEmbedder(dir, 0);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-qm', 'base']);
  if (variant.drop === 0) writeFileSync(join(dir, 'README.md'), '# documentation only\n');
  else writeEmbedder(dir, variant.drop);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-qm', variant.name]);
}

function readOutcome(out: string): Pick<DuetOutcome, 'gate' | 'verdict' | 'logHalfWidth'> {
  const comparison: unknown = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
  const overall = Reflect.get(comparison as object, 'overall') as Record<string, unknown>;
  const aggregates = Reflect.get(comparison as object, 'aggregates') as Record<string, unknown>[];
  const throughput = aggregates.find((item) => item.metric === 'throughput');
  const interval = throughput?.interval as { kind: string; low?: number; high?: number } | undefined;
  const logHalfWidth =
    interval?.kind === 'determined' && interval.low !== undefined && interval.high !== undefined
      ? (Math.log1p(interval.high) - Math.log1p(interval.low)) / 2
      : null;
  return { gate: String(overall.gate), verdict: String(overall.verdict), logHalfWidth };
}

function gateVariant(settings: DuetSettings, run: number, variant: DuetVariant): DuetOutcome {
  const dir = join(settings.work, `run-${run + 1}`, variant.name.replace(/[^a-z0-9]+/gi, '-'));
  createRepository(dir, settings, variant);
  const started = Date.now();
  const out = join(dir, 'out');
  const result = spawnSync(
    process.execPath,
    [cliEntry, 'gate', '--against', 'HEAD~1', '--quiet', '--out', out],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    },
  );
  if (result.status !== 0 && result.status !== 1) throw new Error(`gate failed: ${result.stderr}`);
  return { variant: variant.name, ...readOutcome(out), seconds: (Date.now() - started) / 1000 };
}

function summarize(settings: DuetSettings, outcomes: readonly DuetOutcome[]): string {
  const rate = (name: string) => {
    const own = outcomes.filter((outcome) => outcome.variant === name);
    return formatRate(computeWilsonInterval(own.filter((o) => o.gate === 'fail').length, own.length));
  };
  const widths = outcomes.flatMap((o) =>
    o.variant === 'A/A' && o.logHalfWidth !== null ? [o.logHalfWidth] : [],
  );
  const medianWidth = [...widths].sort((a, b) => a - b)[Math.floor(widths.length / 2)] ?? NaN;
  // detect with 90 % power: the lower CI bound must clear the horizon T/2; SE ≈ half-width / 1.96
  const mde = Math.expm1(Math.log1p(settings.threshold / 2) + medianWidth * (1 + 1.2816 / 1.96));
  const seconds = outcomes.map((o) => o.seconds).sort((a, b) => a - b);
  return [
    `validate-gate --duet: ${settings.runs} run(s); --max-throughput-drop ${settings.threshold}, --processes ${settings.processes}, --batch-sizes ${settings.batchSizes} --lengths ${settings.lengths}, --time-budget ${settings.timeBudgetSeconds}`,
    `  A/A false alarms:       ${rate('A/A')}`,
    `  5 % slowdown caught:    ${rate('slower 5 %')}`,
    `  10 % slowdown caught:   ${rate('slower 10 %')}`,
    `  gate wall time: median ${seconds[Math.floor(seconds.length / 2)]?.toFixed(0)} s, max ${seconds.at(-1)?.toFixed(0)} s`,
    `  A/A throughput CI half-width (median): ±${(Math.expm1(medianWidth) * 100).toFixed(1)} %; minimum detectable effect (90 % power): ${(mde * 100).toFixed(1)} %`,
  ].join('\n');
}

/** Runs the repetitions (variants in rotating order) and prints the rates. */
export function validateDuet(settings: DuetSettings): void {
  const outcomes: DuetOutcome[] = [];
  const chosen = VARIANTS.filter((v) => settings.variants.length === 0 || settings.variants.includes(v.name));
  for (let run = 0; run < settings.runs; run++) {
    const order = chosen.map((_, i) => chosen[(i + run) % chosen.length] as DuetVariant);
    const done = order.map((variant) => gateVariant(settings, run, variant));
    outcomes.push(...done);
    const line = done.map((o) => `${o.variant} ${o.gate} (${o.verdict}, ${o.seconds.toFixed(0)} s)`);
    process.stderr.write(`run ${run + 1}/${settings.runs}: ${line.join('; ')}\n`);
    writeFileSync(
      join(settings.work, 'validate-duet.json'),
      `${JSON.stringify({ settings, outcomes }, null, 2)}\n`,
    );
  }
  process.stdout.write(`${summarize(settings, outcomes)}\n`);
}
