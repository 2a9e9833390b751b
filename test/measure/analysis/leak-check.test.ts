import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leakCheckSchema } from '../../../src/ground/schema/analysis-schema.js';
import type { LeakCheck } from '../../../src/ground/schema/analysis-schema.js';
import type { LeakReading } from '../../../src/measure/analysis/index.js';
import {
  DEFAULT_LEAK_THRESHOLD_MB_PER_1000_TEXTS,
  assessLeak,
  chooseLeakThreshold,
  skipLeakCheck,
} from '../../../src/measure/analysis/index.js';
import { createRandom } from '../../../src/ground/random/index.js';
import { assertClose } from '../../ground/stats/assert-close.js';

interface Scenario {
  rounds: number;
  textsPerRound: number;
  mbPer1000: number;
  noiseMB: number;
  seed: number;
}

/** A reading before the first round and after each round: RSS = 300 + slope · texts/1000 + noise. */
function simulateReadings(scenario: Scenario): LeakReading[] {
  const random = createRandom(scenario.seed);
  return Array.from({ length: scenario.rounds + 1 }, (_, round) => {
    const texts = round * scenario.textsPerRound;
    const rssMB = 300 + (scenario.mbPer1000 * texts) / 1000 + scenario.noiseMB * random.nextNormal();
    return { texts, rssMB, heapUsedMB: 20 + 0.2 * random.nextNormal() };
  });
}

function check(scenario: Scenario, threshold = DEFAULT_LEAK_THRESHOLD_MB_PER_1000_TEXTS): LeakCheck {
  const options = {
    thresholdMBPer1000Texts: threshold,
    rounds: scenario.rounds,
    textsPerRound: scenario.textsPerRound,
  };
  const result = assessLeak(simulateReadings(scenario), options);
  assert.doesNotThrow(() => leakCheckSchema.parse(result));
  return result;
}

test('an exact line of +10 MB per 1,000 texts: slope 10, zero-width CI, leak', () => {
  const readings = [0, 1000, 2000, 3000].map((texts) => ({
    texts,
    rssMB: 200 + texts / 100,
    heapUsedMB: 20,
  }));
  const result = assessLeak(readings, { thresholdMBPer1000Texts: 1, rounds: 3, textsPerRound: 1000 });
  assert.equal(result.verdict, 'leak');
  assert.equal(result.slopeMBPer1000Texts.kind, 'determined');
  if (result.slopeMBPer1000Texts.kind !== 'determined') throw new Error('unreachable');
  assertClose(result.slopeMBPer1000Texts.slope, 10, 1e-12);
  assertClose(result.slopeMBPer1000Texts.intercept, 200, 1e-9);
  assert.equal(result.readings.length, 4);
  assert.match(result.reason, /\+10\.00 MB per 1,000 texts/);
  assert.match(result.reason, /above the threshold of 1 MB/);
  assert.match(result.reason, /native memory/, 'the JS heap is flat, so the growth is native');
});

test('a steady +10 MB per 1,000 texts with small noise is a leak', () => {
  const result = check({ rounds: 20, textsPerRound: 500, mbPer1000: 10, noiseMB: 0.5, seed: 1 });
  assert.equal(result.verdict, 'leak', result.reason);
});

test('flat RSS with noise is no leak', () => {
  const result = check({ rounds: 20, textsPerRound: 500, mbPer1000: 0, noiseMB: 0.5, seed: 2 });
  assert.equal(result.verdict, 'no-leak', result.reason);
  assert.match(result.reason, /below the threshold/);
});

test('too noisy and too short is inconclusive', () => {
  const result = check({ rounds: 4, textsPerRound: 100, mbPer1000: 0, noiseMB: 3, seed: 3 });
  assert.equal(result.verdict, 'inconclusive', result.reason);
  assert.match(result.reason, /contains the threshold.*more rounds/);
});

test('fewer than 3 readings or no readings: inconclusive with an undetermined slope', () => {
  const options = { thresholdMBPer1000Texts: 1, rounds: 1, textsPerRound: 100 };
  for (const readings of [[], [{ texts: 0, rssMB: 1, heapUsedMB: 1 }]]) {
    const result = assessLeak(readings, options);
    assert.equal(result.verdict, 'inconclusive');
    assert.equal(result.slopeMBPer1000Texts.kind, 'undetermined');
    assert.match(result.reason, /No RSS slope could be fitted/);
  }
});

test('default threshold: 1 MB per 1,000 texts, raised so a short check needs 5 MB of total growth', () => {
  assert.equal(chooseLeakThreshold({ rounds: 10, textsPerRound: 500 }), 1);
  assert.equal(chooseLeakThreshold({ rounds: 20, textsPerRound: 1000 }), 1);
  assert.equal(chooseLeakThreshold({ rounds: 4, textsPerRound: 500 }), 2.5);
  assert.throws(() => chooseLeakThreshold({ rounds: 0, textsPerRound: 500 }), RangeError);
});

test('not-run and invalid inputs', () => {
  assert.deepEqual(skipLeakCheck('disabled by --no-leak-check'), {
    verdict: 'not-run',
    reason: 'disabled by --no-leak-check',
  });
  const options = { thresholdMBPer1000Texts: 0, rounds: 1, textsPerRound: 1 };
  assert.throws(() => assessLeak([], options), /thresholdMBPer1000Texts is 0/);
  const bad = [{ texts: 1.5, rssMB: 1, heapUsedMB: 1 }];
  assert.throws(() => assessLeak(bad, { ...options, thresholdMBPer1000Texts: 1 }), /readings\[0\]\.texts/);
});
