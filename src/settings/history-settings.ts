/** The settings of the commands that read finished profiles: `export`, and the history store's commands. */
import type { ExportFormat } from '../export/exporters.js';
import { defineOptionalSetting, defineSetting } from './setting-entry.js';
import { choiceKind, textKind } from './setting-kinds.js';

/** Every export format (a test checks this against the exporters). */
export const EXPORT_FORMAT_CHOICES = ['bmf', 'gab-bigger', 'gab-smaller'] as const satisfies readonly [
  ExportFormat,
  ...ExportFormat[],
];

export const EXPORT_SETTINGS = {
  exportFormat: defineSetting({
    kind: choiceKind(EXPORT_FORMAT_CHOICES),
    fallback: 'bmf' as ExportFormat,
    ...{ flag: 'format', flagArg: 'F', input: null, config: null, commands: ['export'] },
    group: 'Files',
    help: "bmf | gab-bigger | gab-smaller: Bencher Metric Format, or github-action-benchmark's customBiggerIsBetter (throughput) / customSmallerIsBetter (latency, memory) JSON (default bmf)",
  }),
  exportOut: defineOptionalSetting({
    kind: textKind('path', 'bmf.json'),
    ...{ flag: 'out', flagArg: 'FILE', input: null, config: null, commands: ['export'] },
    group: 'Output',
    help: 'the file to write (default: bmf.json, gab-bigger.json or gab-smaller.json beside the profile)',
  }),
  exportName: defineOptionalSetting({
    kind: textKind('none', 'embedprof/minilm'),
    ...{ flag: 'name', flagArg: 'PREFIX', input: null, config: null, commands: ['export'] },
    group: 'Output',
    help: 'the prefix of every benchmark name (default embedprof/<model spec>)',
  }),
};
