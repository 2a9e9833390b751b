/**
 * Confirmation before a red check, on seeded paired duets (paired-duet.ts): a regression stands only when a
 * fresh comparison of the regressed cells regresses too; otherwise it is inconclusive and says what the fresh
 * run read. On a noisy machine model, confirmation cuts false alarms to about α times the first pass's rate and
 * keeps nearly all the power at 10 %.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompareOptions, Comparison } from '../../../src/decide/compare/index.js';
import {
  applyConfirmation,
  CONFIRM_MAX_CELLS,
  findCellsToConfirm,
  needsConfirmation,
} from '../../../src/decide/compare/confirm-verdicts.js';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { describeComparisonVerdict } from '../../../src/report/facts/format-verdict.js';
import { compareDuet, DUET_CELLS, type DuetNoise } from './paired-duet.js';

const PAIRED: CompareOptions = { design: 'paired' };
const NOISY: DuetNoise = { noise: 0.05, slowChance: 0.2 };

/** The first comparison of the duet `seed`, and a fresh one of the cells it asks to confirm. */
function confirmDuet(seed: number, factor: number, againFactor = factor, noise?: DuetNoise) {
  const first = compareDuet(seed, 3, factor, PAIRED, DUET_CELLS, noise);
  if (!needsConfirmation(first)) return { first, final: first };
  const keys = findCellsToConfirm(first).map((key) => JSON.stringify(key));
  const cells = DUET_CELLS.filter((truth) => keys.includes(JSON.stringify(truth.key)));
  const again = compareDuet(seed + 7919, 3, againFactor, PAIRED, cells, noise);
  const run = { comparison: again, pairsPerCell: 3, extraRounds: 0, seed: seed + 7919, seconds: 42 };
  return { first, final: applyConfirmation(first, run) };
}

const gated = (comparison: Comparison, verdict: string) =>
  comparison.cells.flatMap((cell) =>
    cell.metrics.filter((m) => m.gated && m.verdict === verdict).map((m) => `${cell.label} ${m.metric}`),
  );

test('a regression the fresh run sees too fails, confirmed, with both readings and the α² bound', () => {
  const { first, final } = confirmDuet(21, 0.8);
  assert.equal(first.overall.gate, 'fail');
  assert.equal(final.overall.gate, 'fail');
  assert.equal(final.overall.verdict, 'regression');
  const confirmation = final.confirmation;
  assert.ok(confirmation !== null);
  assert.equal(confirmation.outcome, 'confirmed');
  assert.deepEqual(confirmation.metrics, [{ metric: 'throughput', confirmed: true }]);
  assert.ok(confirmation.changes.every((change) => change.first.verdict === 'regression'));
  assert.ok(confirmation.changes.some((change) => change.confirmation?.verdict === 'regression'));
  const alpha = first.settings.familywiseAlpha;
  assert.ok(Math.abs(confirmation.falseAlarmBound - alpha * alpha) < 1e-12);
  assert.deepEqual(gated(final, 'regression'), gated(first, 'regression'), 'verdicts kept');
  assert.ok(final.overall.reasons.some((reason) => /confirmed by a fresh run −/.test(reason)));
  assert.match(
    final.overall.notes.at(-1) ?? '',
    /^confirmation: throughput confirmed \(.*3 fresh pair\(s\) a cell/,
  );
  comparisonSchema.parse(JSON.parse(JSON.stringify(final)));
  assert.equal(describeComparisonVerdict(final).title, 'Regression, confirmed');
});

test('a regression the fresh run does not see is inconclusive, passes, and says what the fresh run read', () => {
  const { first, final } = confirmDuet(21, 0.8, 1);
  assert.equal(first.overall.gate, 'fail');
  assert.equal(final.overall.gate, 'pass');
  assert.equal(final.overall.verdict, 'inconclusive');
  assert.equal(final.confirmation?.outcome, 'not-confirmed');
  assert.deepEqual(gated(final, 'regression'), []);
  const expected = [...gated(first, 'inconclusive'), ...gated(first, 'regression')].sort();
  assert.deepEqual(
    gated(final, 'inconclusive').sort(),
    expected,
    'the regressions, and nothing else, demoted',
  );
  const reasons = final.cells.flatMap((cell) => cell.metrics.map((m) => m.reason));
  assert.ok(
    reasons.some((reason) => /not confirmed: a fresh run read [+−]\d/.test(reason)),
    reasons.join('\n'),
  );
  const regressed = final.aggregates.filter((item) => item.verdict === 'regression');
  assert.ok(
    regressed.every((item) => !final.settings.gated.includes(item.metric)),
    'no gated one',
  );
});

test('the worst three cells are measured again: of every cell when an aggregate regressed, else of the regressed', () => {
  const { first } = confirmDuet(21, 0.8);
  assert.ok(first.aggregates.some((item) => item.metric === 'throughput' && item.verdict === 'regression'));
  const drop = (cell: Comparison['cells'][number]) =>
    -(cell.metrics.find((m) => m.metric === 'throughput')?.estimate ?? 0);
  const worst = [...first.cells].sort((a, b) => drop(b) - drop(a)).slice(0, CONFIRM_MAX_CELLS);
  assert.deepEqual(
    findCellsToConfirm(first),
    worst.map((cell) => cell.key),
  );
  const flagged = first.cells.filter((cell) =>
    cell.metrics.some((m) => m.gated && m.verdict === 'regression'),
  );
  const inOneCell: Comparison = {
    ...first,
    cells: first.cells.map((cell) =>
      cell === flagged[0]
        ? cell
        : {
            ...cell,
            metrics: cell.metrics.map((m) =>
              m.verdict === 'regression' ? { ...m, verdict: 'inconclusive' } : m,
            ),
          },
    ),
    aggregates: first.aggregates.map((item) => ({
      ...item,
      verdict: item.verdict === 'regression' ? 'inconclusive' : item.verdict,
    })),
  };
  assert.deepEqual(findCellsToConfirm(inOneCell), [flagged[0]?.key], 'only the one regressed cell');
  assert.equal(needsConfirmation(compareDuet(3, 3, 1, PAIRED)), false, 'an A/A pass needs none');
});

test('on a noisy machine model confirmation cuts A/A false alarms to a few per mille and keeps ≥ 85 % of 10 % drops caught', (t) => {
  const trials = 400;
  let firstAlarms = 0;
  let confirmedAlarms = 0;
  let caught = 0;
  let caughtFirst = 0;
  for (let trial = 0; trial < trials; trial++) {
    const aa = confirmDuet(9000 + trial, 1, 1, NOISY);
    if (aa.first.overall.gate === 'fail') firstAlarms++;
    if (aa.final.overall.gate === 'fail') confirmedAlarms++;
    const slower = confirmDuet(19000 + trial, 0.9);
    if (slower.first.overall.gate === 'fail') caughtFirst++;
    if (slower.final.overall.gate === 'fail') caught++;
  }
  t.diagnostic(
    `A/A false alarms: first pass ${firstAlarms}/${trials}, confirmed ${confirmedAlarms}/${trials}; 10 % slower caught ${caughtFirst}/${trials} by the first pass, ${caught}/${trials} confirmed`,
  );
  assert.ok(firstAlarms >= 8, `the noisy model should alarm the first pass now and then: ${firstAlarms}`);
  assert.ok(confirmedAlarms <= Math.max(1, firstAlarms / 5), `${confirmedAlarms} of ${firstAlarms}`);
  assert.ok(caught / trials >= 0.85, `10 %: ${caught}/${trials}`);
});
