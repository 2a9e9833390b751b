/**
 * profile.json: the sections of schema/, and the config section read off the measure settings table
 * (protocol/recorded-config.ts), so a recorded setting is declared once.
 */
import { z } from 'zod';
import { analysisSchema } from '../../ground/schema/analysis-schema.js';
import { batchCellSchema, lengthCellSchema } from '../../ground/schema/cell-schema.js';
import {
  calibrationSchema,
  corpusInfoSchema,
  environmentSchema,
  modelInfoSchema,
  PROFILE_SCHEMA_VERSION,
} from '../../ground/schema/profile-sections-schema.js';
import { profileConfigSchema } from './recorded-config.js';

export type { ProfileConfig } from './recorded-config.js';

export const profileSchema = z.object({
  $schema: z.string().optional(),
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('embedprof'), version: z.string() }),
  createdAt: z.string(),
  wallSeconds: z.number().nonnegative(),
  environment: environmentSchema,
  calibration: calibrationSchema,
  model: modelInfoSchema,
  corpus: corpusInfoSchema,
  config: profileConfigSchema,
  commit: z.string().nullable().optional().describe('the commit this run measured (--commit, else git HEAD)'),
  /** The settings not taken from their defaults, each with where it came from (flag, input, config, preset). */
  settings: z
    .array(z.object({ key: z.string(), value: z.string(), source: z.string() }))
    .optional()
    .describe('settings not taken from their defaults, with their sources'),
  batchSweep: z.array(batchCellSchema),
  lengthSweep: z.array(lengthCellSchema),
  memory: analysisSchema.shape.memory.extend({
    baselineMB: z.number().nonnegative(),
    afterLoadMB: z.number().nonnegative(),
    modelMB: z.number().describe('afterLoadMB − baselineMB'),
    steadyStateMB: z.number().nonnegative(),
    peakMB: z.number().nonnegative().describe('highest per-cell peak (each cell in its own processes)'),
  }),
  hotspots: analysisSchema.shape.hotspots.extend({
    stageShares: z
      .array(
        z.object({
          cell: z.string(),
          tokenize: z.number(),
          inference: z.number(),
          pooling: z.number(),
          other: z.number(),
        }),
      )
      .describe('share of batch time per stage, per measured cell; each row sums to 1'),
  }),
  padding: analysisSchema.shape.padding,
  experiments: analysisSchema.shape.experiments,
  recommendations: analysisSchema.shape.recommendations,
  warnings: z.array(z.string()).describe('analysis steps that failed or were skipped, and why'),
});
export type Profile = z.infer<typeof profileSchema>;
