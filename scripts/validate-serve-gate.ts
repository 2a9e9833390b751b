/**
 * `node build/scripts/validate-serve-gate.js`: the serve gate's error rates on this machine, as a pull request
 * would meet them. Each repetition builds a git repository whose two commits hold a `serve.sh` starting the
 * bundled reference server (synthetic MiniLM q8, one thread) — identical in both commits (A/A), or with the
 * head's every request stretched by --slowdown (default 15 %) — and runs `embedprof serve-gate --against HEAD~1
 * --serve-command "sh serve.sh"` in it. A/A and slowed runs alternate, so the machine's regimes fall on both.
 * Prints each run (verdict, both metrics' change and interval, wall time, load) and the rates of no-change on
 * A/A and of caught slowdowns, with Wilson 95 % intervals; appends every run as a JSON line to --log.
 *
 *   node build/scripts/validate-serve-gate.js [--runs 10] [--slowdown 15] [--log FILE] [-- serve-gate flags]
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serveDuetSchema, type ServeDuetDocument } from '../src/decide/duet/serve-duet-schema.js';
import { computeWilsonInterval, formatRate } from '../src/decide/gate/wilson-interval.js';
import { createReferenceCommand } from '../test/measure/serve/fake-servers.js';

const cliEntry = fileURLToPath(new URL('../src/faces/cli/main.js', import.meta.url));

/** The plan when no flag after `--` says otherwise: one that fits 240 s on 2 cores. */
const DEFAULT_FLAGS = ['--texts-per-request', '8', '--window-seconds', '2', '--time-budget', '200'];

type Variant = 'A/A' | 'slowed';

function git(cwd: string, args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=v', '-c', 'user.email=v@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A repository whose HEAD~1 serves at full speed and whose HEAD serves `slowPercent` % slower. */
function createRepository(slowPercent: number): string {
  const repo = mkdtempSync(join(tmpdir(), 'embedprof-serve-validate-'));
  git(repo, ['init', '-q']);
  const serve = (slow: number) =>
    `exec ${createReferenceCommand(['--threads', '1', '--slow-percent', String(slow)])} --port "$PORT"\n`;
  writeFileSync(join(repo, 'serve.sh'), serve(0));
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', 'base']);
  writeFileSync(join(repo, 'serve.sh'), serve(slowPercent));
  writeFileSync(join(repo, 'NOTES.md'), 'head\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', 'head']);
  return repo;
}

interface RunRecord {
  variant: Variant;
  exitCode: number | null;
  verdict: string;
  metrics: string[];
  /** Over the ladder's window pairs: the mean and SD of ln(p50 of the second window / p50 of the first). */
  order: { pairs: number; meanLogRatio: number; sdLogRatio: number } | null;
  wallSeconds: number;
  load: number;
}

function runOnce(variant: Variant, slowdown: number, flags: readonly string[]): RunRecord {
  const repo = createRepository(variant === 'slowed' ? slowdown : 0);
  const started = performance.now();
  const args = ['serve-gate', '--quiet', '--no-config', '--against', 'HEAD~1', '--out', 'out'];
  const result = spawnSync(
    process.execPath,
    [cliEntry, ...args, '--serve-command', 'sh serve.sh', ...flags],
    {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    },
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const load = loadavg()[0] ?? 0;
  try {
    const text = readFileSync(join(repo, 'out', 'serve-comparison.json'), 'utf8');
    const comparison = serveDuetSchema.parse(JSON.parse(text)).comparison;
    const metrics = (comparison?.sweeps ?? []).flatMap((sweep) =>
      sweep.metrics.map((metric) => `${metric.metric} ${metric.verdict}: ${metric.reason}`),
    );
    const verdict = comparison?.overall.verdict ?? 'not compared';
    const order = measureOrderEffect(serveDuetSchema.parse(JSON.parse(text)));
    return { variant, exitCode: result.status, verdict, metrics, order, wallSeconds, load };
  } catch (error) {
    const verdict = `no comparison (${result.stderr.trim().split('\n').at(-1) ?? String(error)})`;
    return { variant, exitCode: result.status, verdict, metrics: [], order: null, wallSeconds, load };
  }
}

/**
 * What the first window of a step leaves the second: over every ladder (rate, round), ln(p50 of the window
 * measured second / p50 of the one measured first), whichever side each was. Near 0 with a small SD when the
 * windows are independent; its SD is the pair noise a round's ratio carries.
 */
function measureOrderEffect(document: ServeDuetDocument): RunRecord['order'] {
  const ratios = document.base.sweeps.flatMap((sweep, index) => {
    const head = document.head.sweeps[index];
    return sweep.rates
      .filter((rate) => rate.phase === 'ladder')
      .flatMap((rate) => {
        const twin = head?.rates.find((other) => other.ratePerSecond === rate.ratePerSecond);
        return rate.windows.flatMap((window) => {
          const other = twin?.windows.find((candidate) => candidate.round === window.round);
          if (other?.latencyMs == null || window.latencyMs === null) return [];
          const [first, second] = window.startedAtMs < other.startedAtMs ? [window, other] : [other, window];
          return [Math.log((second.latencyMs?.p50 ?? NaN) / (first.latencyMs?.p50 ?? NaN))];
        });
      });
  });
  if (ratios.length < 2) return null;
  const mean = ratios.reduce((sum, value) => sum + value, 0) / ratios.length;
  const variance = ratios.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (ratios.length - 1);
  return { pairs: ratios.length, meanLogRatio: mean, sdLogRatio: Math.sqrt(variance) };
}

function summarize(records: readonly RunRecord[], variant: Variant, wanted: string): string {
  const runs = records.filter((record) => record.variant === variant);
  const hits = runs.filter((record) => record.verdict === wanted).length;
  const interval = computeWilsonInterval(hits, runs.length);
  const walls = runs.map((record) => record.wallSeconds).sort((a, b) => a - b);
  const worst = walls.at(-1)?.toFixed(0) ?? '–';
  return `${variant}: ${wanted} in ${formatRate(interval)}; longest run ${worst} s`;
}

function main(): void {
  const { values, positionals } = parseArgs({
    options: {
      runs: { type: 'string', default: '10' },
      slowdown: { type: 'string', default: '15' },
      log: { type: 'string', default: join(tmpdir(), 'embedprof-serve-validate.jsonl') },
    },
    allowPositionals: true,
  });
  const runs = Number(values.runs);
  const slowdown = Number(values.slowdown);
  const flags = positionals.length > 0 ? positionals : DEFAULT_FLAGS;
  console.log(
    `serve-gate validation: ${runs} A/A and ${runs} slowed by ${slowdown} %, flags ${flags.join(' ')}`,
  );
  const records: RunRecord[] = [];
  for (let i = 0; i < runs * 2; i++) {
    const variant: Variant = i % 2 === 0 ? 'A/A' : 'slowed';
    const record = runOnce(variant, slowdown, flags);
    records.push(record);
    appendFileSync(values.log, `${JSON.stringify(record)}\n`);
    console.log(
      `[${i + 1}/${runs * 2}] ${variant}: ${record.verdict} (exit ${record.exitCode}, ${record.wallSeconds.toFixed(0)} s, load ${record.load.toFixed(2)})`,
    );
    for (const metric of record.metrics) console.log(`    ${metric}`);
    if (record.order !== null) {
      const { pairs, meanLogRatio, sdLogRatio } = record.order;
      const percent = (value: number) => `${(100 * value).toFixed(1)} %`;
      console.log(
        `    window pairs: p50 second / first ${percent(Math.exp(meanLogRatio) - 1)} over ${pairs}, SD of the log ratio ${percent(sdLogRatio)}`,
      );
    }
  }
  console.log(summarize(records, 'A/A', 'no-change'));
  console.log(summarize(records, 'slowed', 'regression'));
}

main();
