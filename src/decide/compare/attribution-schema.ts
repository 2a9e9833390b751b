/** The `attribution` section of comparison.json: where the time went in each regressed cell of a duet. */
import { z } from 'zod';
import { cellKeySchema } from '../../ground/schema/cell-key.js';

export const stageDeltaSchema = z.object({
  stage: z.enum(['tokenize', 'inference', 'pooling', 'other']),
  baseMs: z.number().describe("the base's mean time of the stage per batch"),
  headMs: z.number().describe("the head's mean time of the stage per batch"),
  deltaMs: z.number().describe('mean over the pairs of head − base, ms per batch'),
  lowMs: z.number().nullable().describe('the interval of deltaMs (t over the pairs); null with one pair'),
  highMs: z.number().nullable(),
});
export type StageDelta = z.infer<typeof stageDeltaSchema>;

export const stageAttributionSchema = z.object({
  key: cellKeySchema,
  label: z.string(),
  pairs: z.number().int().positive(),
  stages: z.array(stageDeltaSchema).describe('the stages either side timed, largest increase first'),
});
export type StageAttribution = z.infer<typeof stageAttributionSchema>;
