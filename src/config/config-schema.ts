/**
 * embedprof.config.json: what a commit profiles and how its pull requests are gated, so that a commit fully
 * defines its own profile (duet mode reads the base commit's copy). Every key is optional; command-line flags
 * and action inputs override it. Paths are relative to the file's folder; write a local model folder as
 * "./folder" so it is not taken for a hub id.
 */
import { z } from 'zod';

export const CONFIG_SCHEMA_VERSION = 1;
export const CONFIG_FILE_NAME = 'embedprof.config.json';

const positiveInt = z.number().int().positive();
const fraction = z.number().gt(0).lt(1);

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(CONFIG_SCHEMA_VERSION),
    model: z
      .string()
      .min(1)
      .optional()
      .describe('synthetic:<preset>, ./folder in hub layout, or org/name[@revision]'),
    embedder: z.string().min(1).optional().describe('module exporting createEmbedder (relative path)'),
    dtype: z.enum(['fp32', 'q8', 'auto']).optional(),
    tokenizer: z.string().min(1).optional().describe('folder with tokenizer.json (relative path)'),
    maxTokens: positiveInt.optional(),
    corpus: z.string().min(1).optional().describe('.txt, .jsonl or .json corpus (relative path)'),
    preset: z.enum(['quick', 'full']).optional(),
    batchSizes: z.array(positiveInt).min(1).optional(),
    lengths: z.array(positiveInt).min(1).optional(),
    lengthBatchSize: positiveInt.optional(),
    processes: positiveInt.optional(),
    threads: positiveInt.optional(),
    maxMemoryMB: positiveInt.optional(),
    analysis: z.boolean().optional().describe('false skips the leak check, operator profile and A/B runs'),
    gate: z
      .object({
        maxThroughputDrop: fraction.optional(),
        maxMemoryGrowth: z.number().positive().optional(),
        failOn: z.array(z.enum(['throughput', 'memory', 'latency'])).optional(),
        baselineDir: z.string().min(1).optional().describe('folder of committed baselines (relative path)'),
        baselineName: z.string().min(1).optional(),
        timeBudgetSeconds: z.number().positive().optional(),
        baseSetup: z
          .string()
          .min(1)
          .optional()
          .describe('shell command run in the base worktree before duet mode measures it, e.g. "npm ci"'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((config) => config.model === undefined || config.embedder === undefined, {
    message: 'model and embedder are exclusive: name one of them',
  });
export type EmbedprofConfig = z.infer<typeof configSchema>;
