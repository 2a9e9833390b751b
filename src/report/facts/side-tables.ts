/**
 * Duet mode's tables beside the speed comparison: how closely the head's embeddings agree with the base's
 * (comparison.json `quality`), and what differs between the sides besides the code (`sideChanges`). Decided in
 * src/decide/compare; this only lays them out.
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import { formatMegabytes } from '../text/format-numbers.js';
import { createFieldTable, createTable, type TableData } from './table-data.js';

const cosine = (value: number): string => value.toFixed(5);

/** The embeddings' agreement; null outside duet mode. */
export function buildQualityTable(comparison: Comparison): TableData | null {
  const quality = comparison.quality;
  if (quality === null) return null;
  const gate =
    quality.maxDrop === null
      ? 'not gated (max-quality-drop)'
      : `fails below a mean cosine of ${cosine(1 - quality.maxDrop)}${quality.drifted ? ': drifted' : ''}`;
  const agreement = quality.agreement;
  const figures: [string, string][] =
    agreement === null
      ? [['compared', `no: ${quality.failure ?? 'unknown'}`]]
      : [
          ['texts', String(agreement.texts)],
          ['mean cosine', cosine(agreement.meanCosine)],
          ['min cosine', cosine(agreement.minCosine)],
          ['1st percentile', cosine(agreement.p01Cosine)],
        ];
  return createFieldTable("Embeddings: the head's against the base's", [...figures, ['gate', gate]]);
}

/** Runtime packages and model facts that differ between the sides; null when none do. */
export function buildSideChangesTable(comparison: Comparison): TableData | null {
  const changes = comparison.sideChanges;
  if (changes === null) return null;
  const rows = changes.packages.map((entry) => [
    entry.name,
    entry.base ?? 'not installed',
    entry.head ?? 'not installed',
  ]);
  const model = changes.model;
  if (model !== null) {
    const megabytes = (bytes: number) => formatMegabytes(bytes / 1e6);
    rows.push(
      ['model SHA-256', model.base.sha256.slice(0, 12), model.head.sha256.slice(0, 12)],
      ['model file', megabytes(model.base.bytes), megabytes(model.head.bytes)],
      ['weights', megabytes(model.base.initializerBytes), megabytes(model.head.initializerBytes)],
      ['weight types', model.base.weightTypes.join(', '), model.head.weightTypes.join(', ')],
      ['nodes', String(model.base.nodes), String(model.head.nodes)],
      ...model.operators.map((entry) => [`${entry.opType} nodes`, String(entry.base), String(entry.head)]),
    );
  }
  return createTable(
    'What differs between the sides besides the code',
    [
      ['', 'l'],
      ['base', 'l'],
      ['head', 'l'],
    ],
    rows,
  );
}
