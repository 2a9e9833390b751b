import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderServeDuetMermaid } from '../../../src/report/markdown/serve-mermaid.js';
import type { ServeSweep } from '../../../src/measure/serve/serve-profile-schema.js';
import { buildServeFixture, FIXTURE_SLO_MS } from './serve-fixtures.js';

const KNEE = { kind: 'above-highest', highestRatePerSecond: 80 } as const;

function buildSweep(capacity: number, rates: number[]): ServeSweep {
  const profile = buildServeFixture({ sweeps: [{ textsPerRequest: 8, capacity, rates, knee: KNEE }] });
  const sweep = profile.sweeps[0];
  assert.ok(sweep !== undefined);
  return sweep;
}

const PLAN = { latencySloMs: FIXTURE_SLO_MS, sloQuantile: 'p95' } as const;

/** The numbers of the chart's `line [...]` rows, in order. */
function readLines(block: string): number[][] {
  return [...block.matchAll(/^ {2}line \[(.*)\]$/gm)].map((match) =>
    (match[1] ?? '').split(', ').map(Number),
  );
}

test('the duet curve: base and head p95 at the shared rates, the objective flat, a legend saying which is which', () => {
  const base = buildSweep(100, [20, 40, 80]);
  const head = buildSweep(80, [20, 40, 60]);
  const block = renderServeDuetMermaid({ plan: PLAN, base, head });
  assert.ok(block !== null);
  assert.match(block, /^```mermaid\nxychart-beta\n/);
  // 60 and 80 req/s were measured by one side only: only 20 and 40 are shared
  assert.match(block, /x-axis "offered rate \(req\/s\)" \["20", "40"\]/);
  const [baseLine, headLine, objective] = readLines(block);
  // the fixture's model: p95 = 20 ms / (1 − rate / capacity)
  assert.deepEqual(baseLine, [25, 33.3]);
  assert.deepEqual(headLine, [26.7, 40]);
  assert.deepEqual(objective, [FIXTURE_SLO_MS, FIXTURE_SLO_MS]);
  assert.match(block, /First line: base; second line: head; third line: the objective \(100 ms\)/);
  assert.match(block, /y-axis "p95 latency \(ms\)" 0 --> 120/);
});

test('a rate where a side answered nothing is left out; fewer than two shared rates draw no chart', () => {
  const base = buildSweep(100, [20, 40, 120]);
  const head = buildSweep(100, [20, 40, 120]);
  const block = renderServeDuetMermaid({ plan: PLAN, base, head });
  assert.ok(block !== null);
  assert.match(block, /\["20", "40"\]/);
  assert.equal(renderServeDuetMermaid({ plan: PLAN, base: buildSweep(100, [20, 120]), head }), null);
});
