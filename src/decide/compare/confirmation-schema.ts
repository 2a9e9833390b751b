/**
 * The `confirmation` section of comparison.json: when a duet's gated metric regressed, the gate measured the
 * regressed cells again in fresh processes with a new cell order, and failed only where that run agreed.
 */
import { z } from 'zod';
import { changeIntervalSchema, metricNameSchema, verdictSchema } from './comparison-cell-schema.js';

const readingSchema = z.object({
  estimate: z.number().nullable().describe('current / baseline − 1'),
  interval: changeIntervalSchema,
  verdict: verdictSchema,
});

export const confirmedChangeSchema = z.object({
  metric: metricNameSchema,
  label: z.string().describe('the cell, or "all cells" for the aggregate'),
  first: readingSchema.describe('what the first comparison read'),
  confirmation: readingSchema
    .nullable()
    .describe('what the confirmation read at the same place; null when it did not measure it'),
});
export type ConfirmedChange = z.infer<typeof confirmedChangeSchema>;

export const confirmationSchema = z.object({
  outcome: z
    .enum(['confirmed', 'not-confirmed'])
    .describe(
      'confirmed: every regressed gated metric regressed again; else the unconfirmed ones are inconclusive',
    ),
  metrics: z.array(z.object({ metric: metricNameSchema, confirmed: z.boolean() })),
  changes: z.array(confirmedChangeSchema).describe('each regressed cell or aggregate, first and again'),
  cells: z.array(z.string()).describe('the cells measured again'),
  pairsPerCell: z
    .number()
    .int()
    .positive()
    .describe('fresh base/head process pairs per cell, before adaptive rounds'),
  extraRounds: z.number().int().nonnegative().describe('adaptive rounds the confirmation added'),
  seed: z.number().int().describe('the seed of its cell order (the first comparison used another)'),
  seconds: z.number().nonnegative().describe('wall-clock time the confirmation took'),
  falseAlarmBound: z
    .number()
    .describe(
      "the first comparison's family-wise α times the confirmation's: the chance both call a regression where there is none, their noise independent",
    ),
});
export type Confirmation = z.infer<typeof confirmationSchema>;
