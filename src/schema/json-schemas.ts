import { z } from 'zod';
import { profileSchema } from './profile-schema.js';

/** Every file format embedprof writes, with the committed JSON Schema file generated from its zod schema. */
export const DOCUMENT_SCHEMAS = [
  { file: 'profile.schema.json', schema: profileSchema, title: 'embedprof profile' },
];

export function renderJsonSchema(entry: (typeof DOCUMENT_SCHEMAS)[number]): string {
  const json = z.toJSONSchema(entry.schema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ title: entry.title, ...json }, null, 2)}\n`;
}
