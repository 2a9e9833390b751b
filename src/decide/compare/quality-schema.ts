/** The `quality` section of comparison.json: duet mode's embeddings of the head against the base's. */
import { z } from 'zod';
import { agreementSchema } from '../../ground/schema/analysis-schema.js';

export const qualitySchema = z.object({
  reference: z.literal('base').describe("the base commit's embeddings of the same texts"),
  agreement: agreementSchema.nullable().describe('null when a side could not embed the sample'),
  failure: z.string().nullable().describe('why the sample was not compared, or null'),
  maxDrop: z
    .number()
    .nullable()
    .describe('maxQualityDrop: the largest drop of the mean cosine that passes; null when not gated'),
  drifted: z.boolean().describe('true when the mean cosine fell below 1 − maxDrop: the gate fails'),
});
export type Quality = z.infer<typeof qualitySchema>;
