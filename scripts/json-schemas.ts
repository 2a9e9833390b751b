import { z } from 'zod';
import { baselineSchema } from '../src/decide/baseline/baseline-schema.js';
import { comparisonSchema } from '../src/decide/compare/comparison-schema.js';
import { historyRecordSchema } from '../src/ground/schema/history-record-schema.js';
import { configSchema } from '../src/faces/settings/config-layer.js';
import { profileSchema } from '../src/measure/protocol/profile-schema.js';
import { serveProfileSchema } from '../src/measure/serve/serve-profile-schema.js';
import { serveDuetSchema } from '../src/decide/duet/serve-duet-schema.js';

/** Every file format embedprof writes or reads, with the committed JSON Schema file generated from its zod schema. */
export const DOCUMENT_SCHEMAS = [
  { file: 'profile.schema.json', schema: profileSchema, title: 'embedprof profile' },
  { file: 'baseline.schema.json', schema: baselineSchema, title: 'embedprof baseline' },
  { file: 'comparison.schema.json', schema: comparisonSchema, title: 'embedprof comparison' },
  { file: 'config.schema.json', schema: configSchema, title: 'embedprof.config.json' },
  { file: 'history-record.schema.json', schema: historyRecordSchema, title: 'embedprof history record' },
  { file: 'serve-profile.schema.json', schema: serveProfileSchema, title: 'embedprof serve profile' },
  { file: 'serve-comparison.schema.json', schema: serveDuetSchema, title: 'embedprof serve comparison' },
];

export function renderJsonSchema(entry: (typeof DOCUMENT_SCHEMAS)[number]): string {
  const json = z.toJSONSchema(entry.schema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ title: entry.title, ...json }, null, 2)}\n`;
}
