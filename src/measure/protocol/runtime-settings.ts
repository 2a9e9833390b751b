/**
 * The runtime part of the measure table: threads, ONNX Runtime's session options and the memory cap. Spread
 * into MEASURE_SETTINGS (measure-settings.ts) where they stand in --help and in profile.json.
 */
import { z } from 'zod';
import type { OrtSpinning } from '../engine/onnx-session.js';
import { defineSetting, LOADING, MEASURING, recordSetting } from './setting-kit/setting-entry.js';
import { choiceKind, intKind, numberKind } from './setting-kit/setting-kinds.js';

export const RUNTIME_SETTINGS = {
  threads: recordSetting(
    defineSetting({
      kind: intKind(1, Number.MAX_SAFE_INTEGER, '2'),
      fallback: (context) => context.cores,
      ...{ flag: 'threads', flagArg: 'N', input: 'threads', config: 'threads', commands: LOADING },
      group: 'Runtime',
      help: 'ONNX Runtime intra-op threads (default: all logical cores)',
      inputHelp: 'ONNX Runtime intra-op threads (default all logical cores).',
    }),
    { order: 70, schema: z.number().int().positive() },
  ),
  graphOptimization: recordSetting(
    defineSetting({
      kind: choiceKind(['all', 'extended', 'basic', 'disabled']),
      fallback: 'all' as 'all' | 'extended' | 'basic' | 'disabled',
      ...{ flag: 'graph-optimization', flagArg: 'L', input: null, config: null, commands: MEASURING },
      group: 'Runtime',
      help: 'disabled|basic|extended|all (default all)',
    }),
    {
      order: 80,
      ortOption: true,
      schema: z.enum(['disabled', 'basic', 'extended', 'all']),
      method: { label: 'graph optimization', show: (value) => value },
    },
  ),
  ortSpinning: recordSetting(
    defineSetting({
      kind: choiceKind(['auto', 'on', 'off']),
      fallback: 'auto' as OrtSpinning,
      ...{
        flag: 'ort-spinning',
        flagArg: 'auto|on|off',
        input: null,
        config: 'ortSpinning',
        commands: MEASURING,
      },
      group: 'Runtime',
      help: "ONNX Runtime's spin-waiting pool threads: auto (default) turns them off in duet mode, where two processes take turns, and leaves them on in a process measured alone",
    }),
    {
      order: 90,
      ortOption: true,
      optional: true,
      describe: "ONNX Runtime's spin-waiting threads (absent in files written before the setting)",
      method: { label: 'ORT spin-waiting', show: (value) => value, absent: 'on (ORT default)' },
    },
  ),
  ortMemArena: recordSetting(
    defineSetting({
      kind: choiceKind(['auto', 'on', 'off']),
      fallback: 'auto' as 'auto' | 'on' | 'off',
      ...{ flag: 'ort-mem-arena', flagArg: 'auto|on|off', input: null, config: 'ortMemArena' },
      commands: MEASURING,
      group: 'Runtime',
      help: "ONNX Runtime's CPU memory arena: off returns freed tensor memory instead of keeping it for reuse, so large batches peak lower and run slower; auto (default) keeps ORT's default (on)",
    }),
    {
      order: 95,
      ortOption: true,
      optional: true,
      describe: "ONNX Runtime's CPU memory arena (absent in files written before the setting)",
      method: { label: 'ORT memory arena', show: (value) => value },
    },
  ),
  maxMemoryMB: recordSetting(
    defineSetting({
      kind: numberKind('4096'),
      fallback: 4096,
      ...{ flag: 'max-memory-mb', flagArg: 'N', input: null, config: 'maxMemoryMB', commands: MEASURING },
      group: 'Runtime',
      help: 'the most RSS a worker may reach, watched every 100 ms during batches (default 4096): a cell over it is skipped, and larger batch sizes with it',
    }),
    { order: 100, method: { label: 'memory cap', show: (value, { megabytes }) => megabytes(value) } },
  ),
};
