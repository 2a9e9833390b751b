/**
 * The serve profiles the report tests render (see serve-fixtures.ts for the latency model): a knee found on a
 * log-scale latency axis with everything recorded, a knee below the lowest rate, one above the highest (linear
 * axes), and two sweeps on a log-scale rate axis. Each golden file is named after its case.
 */
import type { ServeProfile } from '../../../src/measure/serve/serve-profile-schema.js';
import { buildServeFixture } from './serve-fixtures.js';

/** Text a server or a user could have put in a warning: Markdown, HTML and a mention. */
export const HOSTILE_WARNING =
  'server stderr: <img src=x onerror=alert(1)> | **boom** @octocat [link](http://x)';

export const SERVE_CASES = {
  found: buildServeFixture({
    sweeps: [
      {
        textsPerRequest: 8,
        capacity: 340,
        rates: [25, 50, 100, 150, 200, 250, 300, 400],
        knee: {
          kind: 'found',
          ratePerSecond: 262,
          low: 251,
          high: 281,
          bracket: { within: 250, beyond: 300 },
        },
      },
    ],
    serverMemory: true,
    serverTiming: true,
    target: 'command',
    referenceRate: 50,
    warnings: [HOSTILE_WARNING],
  }),
  'below-lowest': buildServeFixture({
    sweeps: [
      {
        textsPerRequest: 32,
        capacity: 60,
        rates: [50, 100],
        knee: { kind: 'below-lowest', lowestRatePerSecond: 50 },
      },
    ],
  }),
  'above-highest': buildServeFixture({
    sweeps: [
      {
        textsPerRequest: 1,
        capacity: 2000,
        rates: [10, 20, 40, 80],
        knee: { kind: 'above-highest', highestRatePerSecond: 80 },
      },
    ],
    serverTiming: true,
  }),
  'two-sweeps': buildServeFixture({
    sweeps: [
      {
        textsPerRequest: 1,
        capacity: 900,
        rates: [100, 200, 400, 600, 800],
        knee: {
          kind: 'found',
          ratePerSecond: 690,
          low: 640,
          high: 760,
          bracket: { within: 600, beyond: 800 },
        },
      },
      {
        textsPerRequest: 8,
        capacity: 340,
        rates: [25, 50, 100, 200, 250, 300],
        knee: {
          kind: 'found',
          ratePerSecond: 262,
          low: 251,
          high: 281,
          bracket: { within: 250, beyond: 300 },
        },
      },
    ],
    serverMemory: true,
    target: 'command',
    referenceRate: 50,
  }),
} satisfies Record<string, ServeProfile>;

export type ServeCaseName = keyof typeof SERVE_CASES;
export const SERVE_CASE_NAMES = Object.keys(SERVE_CASES) as ServeCaseName[];
