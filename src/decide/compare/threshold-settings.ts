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
};
