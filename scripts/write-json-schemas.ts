// Regenerates schemas/*.schema.json from the zod schemas (npm run schemas). A test fails when they are stale.
import { writeFileSync } from 'node:fs';
import { DOCUMENT_SCHEMAS, renderJsonSchema } from './json-schemas.js';

for (const entry of DOCUMENT_SCHEMAS) {
  writeFileSync(new URL(`../../schemas/${entry.file}`, import.meta.url), renderJsonSchema(entry));
  console.log(`wrote schemas/${entry.file}`);
}
