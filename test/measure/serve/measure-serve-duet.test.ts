// Runs beside other files: it measures two real servers (the bundled reference server, the head deliberately slower). It
// asserts the duet's wiring only — the sweeps pair, the sides alternate, a (rate, round) replays the same
// schedule on both sides, a dead side is named — never a verdict from these noisy measurements.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { compareServeSweeps } from '../../../src/decide/compare/compare-serve.js';
import { measureServeDuet, type DuetServer } from '../../../src/measure/serve/measure-serve-duet.js';
import { prepareServeApi } from '../../../src/measure/serve/serve-api.js';
import {
  serveSweepSchema,
  type ServePlan,
  type ServeRate,
} from '../../../src/measure/serve/serve-profile-schema.js';
import { startServeCommand } from '../../../src/measure/serve/serve-target.js';
import { createFakeServerCommand, createReferenceCommand } from './fake-servers.js';

const CORPUS = Array.from({ length: 40 }, (_, i) => `text ${i} ${'word '.repeat(i % 9)}`);

const PLAN: ServePlan = {
  arrivals: 'poisson',
  seed: 7,
  windowSeconds: 1,
  rounds: 2,
  latencySloMs: 250,
  sloQuantile: 'p95',
  maxErrorRate: 0.01,
  maxInFlight: 64,
  requestTimeoutMs: 5000,
  rates: [8, 16],
  referenceRatePerSecond: 8,
};

async function startServer(t: TestContext, command: string, env: Record<string, string> = {}) {
  const target = await startServeCommand({
    command,
    cwd: process.cwd(),
    readyPath: '/health',
    readyTimeoutMs: 120_000,
    env,
  });
  t.after(() => target.stop());
  return { target, command: { text: command, label: '--serve-command' } } satisfies DuetServer;
}

function duetRequest(base: DuetServer, head: DuetServer, plan: Partial<ServePlan> = {}) {
  const notes: string[] = [];
  const request = {
    base,
    head,
    api: prepareServeApi({ kind: 'openai', path: '/v1/embeddings', model: 'fixture' }),
    texts: CORPUS,
    countTokens: null,
    plan: { ...PLAN, ...plan },
    textsPerRequest: [1],
    budgetMs: 120_000,
    progress: { update: () => {}, note: (line: string) => void notes.push(line), finish: () => {} },
  };
  return { request, notes };
}

/** Each ladder window in the order measured, from the progress lines: its rate, round and side. */
const listWindows = (notes: readonly string[]) =>
  notes.flatMap((line) => {
    const match = /^1 texts\/request: \[\d+\/\d+\] ([\d.]+) req\/s, round (\d), (base|head) \(/.exec(line);
    return match === null ? [] : [{ rate: match[1], round: Number(match[2]), side: match[3] }];
  });

test('two reference servers: the sweeps pair, the sides alternate, each (rate, round) replays one schedule', async (t) => {
  const base = await startServer(t, createReferenceCommand(['--threads', '1']));
  const head = await startServer(t, createReferenceCommand(['--threads', '1', '--slow-percent', '15']));
  const { request, notes } = duetRequest(base, head);
  const duet = await measureServeDuet(request);
  assert.equal(duet.failure, null);
  const baseSweep = serveSweepSchema.parse(duet.base.sweeps[0]);
  const headSweep = serveSweepSchema.parse(duet.head.sweeps[0]);
  const windows = listWindows(notes);
  assert.equal(windows.length, 2 * 2 * 2, notes.join('\n'));
  // a step's two windows back to back; at each rate the side that goes first differs between the rounds
  for (let i = 0; i < windows.length; i += 2) {
    const [first, second] = [windows[i], windows[i + 1]];
    assert.deepEqual([first?.rate, first?.round], [second?.rate, second?.round], notes.join('\n'));
    assert.notEqual(first?.side, second?.side);
  }
  for (const rate of new Set(windows.map((window) => window.rate))) {
    const firsts = windows.filter((window, i) => i % 2 === 0 && window.rate === rate).map((w) => w.side);
    assert.deepEqual([...firsts].sort(), ['base', 'head'], `${rate} req/s: ${firsts.join(', ')}`);
  }
  for (const [i, rate] of baseSweep.rates.entries()) {
    const other: ServeRate | undefined = headSweep.rates[i];
    assert.equal(rate.ratePerSecond, other?.ratePerSecond);
    assert.deepEqual(
      rate.windows.map((w) => w.round),
      [0, 1],
    );
    for (const window of rate.windows) {
      const twin = other?.windows.find((w) => w.round === window.round);
      assert.equal(
        twin?.planned,
        window.planned,
        `the same schedule at ${rate.ratePerSecond}/s, round ${window.round}`,
      );
    }
  }
  const comparison = compareServeSweeps(duet.base.sweeps, duet.head.sweeps, {
    latencySloMs: PLAN.latencySloMs,
    sloQuantile: 'p95',
  });
  assert.equal(comparison.design, 'paired-windows');
  assert.deepEqual(comparison.sweeps[0]?.rounds, [0, 1]);
  assert.equal(comparison.sweeps[0]?.referenceRatePerSecond, 8);
});

test('a head that dies mid-run: the failure names the head and quotes its stderr; what was measured still pairs', async (t) => {
  const command = createFakeServerCommand('diesAfter');
  const base = await startServer(t, command, { ANSWERS: '100000' });
  const head = await startServer(t, command, { ANSWERS: '60' });
  const { request } = duetRequest(base, head, { rates: [20, 40], rounds: 3 });
  const duet = await measureServeDuet({ ...request, textsPerRequest: [1, 2] });
  assert.equal(duet.failure?.side, 'head');
  assert.match(
    duet.failure?.message ?? '',
    /^the head server: --serve-command .*: the server stopped during the run; its last stderr lines: «out of memory: giving up»/,
  );
  assert.equal(duet.base.sweeps.length, 1, 'the run ended with the sweep the head died in');
  assert.equal(duet.head.sweeps.length, 1);
  const windows = (sweep: (typeof duet.base.sweeps)[number] | undefined) =>
    (sweep?.rates ?? []).map((rate) => [rate.ratePerSecond, rate.windows.map((w) => w.round)]);
  assert.deepEqual(windows(duet.base.sweeps[0]), windows(duet.head.sweeps[0]), 'a step is measured whole');
  assert.ok(
    (duet.head.sweeps[0]?.rates ?? []).every((rate) => rate.windows.length < 3),
    'the sweep stopped before its last round',
  );
});
