/**
 * The gate's two thresholds as settings-table entries: the table (settings/gate-settings.ts) lists them, and
 * the comparison takes its range check and its default from the same entry, so neither is declared twice.
 */
import { defineSetting, type CommandName } from '../../measure/protocol/setting-kit/setting-entry.js';
import { numberKind } from '../../measure/protocol/setting-kit/setting-kinds.js';

/** The nightly's chained duet is a gate against the previous recorded commit. */
const COMPARING: readonly CommandName[] = ['gate', 'compare', 'merge', 'nightly'];

export const THRESHOLD_SETTINGS = {
  maxThroughputDrop: defineSetting({
    kind: numberKind('0.10', 1),
    fallback: 0.1,
    ...{ flag: 'max-throughput-drop', flagArg: 'F', input: 'max-throughput-drop' },
    ...{ config: 'gate.maxThroughputDrop', commands: COMPARING },
    group: 'Comparison',
    help: 'throughput drop the gate must catch (default 0.10 = 10 %)',
    inputHelp: 'Throughput drop the gate must catch, a fraction (default 0.10).',
  }),
  maxMemoryGrowth: defineSetting({
    kind: numberKind('0.10'),
    fallback: 0.1,
    ...{ flag: 'max-memory-growth', flagArg: 'F', input: 'max-memory-growth' },
    ...{ config: 'gate.maxMemoryGrowth', commands: COMPARING },
    group: 'Comparison',
    help: 'peak-memory growth the gate must catch (default 0.10)',
    inputHelp: 'Peak-memory growth the gate must catch, a fraction (default 0.10).',
  }),
  maxColdStartGrowth: defineSetting({
    kind: numberKind('0.20'),
    fallback: 0.2,
    ...{ flag: 'max-cold-start-growth', flagArg: 'F', input: 'max-cold-start-growth' },
    ...{ config: 'gate.maxColdStartGrowth', commands: COMPARING },
    group: 'Comparison',
    help: 'growth of the time to first embedding and of RSS after load the gate must catch when --fail-on includes cold-start (default 0.20)',
    inputHelp:
      'Growth of the time to first embedding and of RSS after load the gate must catch when fail-on includes cold-start, a fraction (default 0.20).',
  }),
};

/** What a threshold's fallback reads of the machine: nothing (they are fixed numbers). */
export const NO_CONTEXT = { env: {}, cores: 1, home: '' };

/** The cold-start threshold's default, also what files from before the cold-start metrics are read with. */
export const COLD_START_GROWTH_DEFAULT = THRESHOLD_SETTINGS.maxColdStartGrowth.fallback(NO_CONTEXT);

/** The serve gate's thresholds (compare-serve.ts takes their defaults and ranges from these entries). */
const SERVE_GATE: readonly CommandName[] = ['serve-gate'];

export const SERVE_THRESHOLD_SETTINGS = {
  maxKneeDrop: defineSetting({
    kind: numberKind('0.10', 1),
    fallback: 0.1,
    ...{ flag: 'max-knee-drop', flagArg: 'F', input: 'max-knee-drop' },
    ...{ config: 'serve.maxKneeDrop', commands: SERVE_GATE },
    group: 'Comparison',
    help: 'drop of the knee (the highest rate within the objective) the serve gate must catch (default 0.10 = 10 %)',
    inputHelp: 'Drop of the knee rate the serve gate must catch, a fraction (default 0.10).',
  }),
  maxP95Growth: defineSetting({
    kind: numberKind('0.30'),
    fallback: 0.3,
    ...{ flag: 'max-p95-growth', flagArg: 'F', input: 'max-p95-growth' },
    ...{ config: 'serve.maxP95Growth', commands: SERVE_GATE },
    group: 'Comparison',
    help: 'growth of p95 latency at --reference-rate the serve gate must catch (default 0.30: a window’s p95 scatters too much for 0.10, docs/serve-gate.md)',
    inputHelp:
      'Growth of p95 latency at the reference rate the serve gate must catch, a fraction (default 0.10).',
  }),
};
