/**
 * serve-comparison.json: what a serve gate (a serve duet) measured and decided, as one document — each side's
 * commit, command and sweeps (its full serve-profile.json lies beside it, in base/ and head/), the plan both
 * sides were measured with, and the comparison of serve-comparison-schema.ts. The comparison is null when
 * the duet ended before the sides could be compared (a server died): `problems` then says why.
 */
import { z } from 'zod';
import { serveComparisonSchema } from '../compare/serve-comparison-schema.js';
import { servePlanSchema, serveSweepSchema } from '../../measure/serve/serve-profile-schema.js';

export const SERVE_DUET_SCHEMA_VERSION = 1;

const duetSideSchema = z.object({
  commit: z.string().nullable().describe('the commit the side’s server ran from (null: unknown)'),
  command: z.string().describe('the command that started the side’s server'),
  sweeps: z.array(serveSweepSchema).describe('one per texts-per-request value measured'),
  profile: z.string().describe('the side’s serve-profile.json, relative to this file'),
});

export const serveDuetSchema = z.object({
  $schema: z.string().optional(),
  schemaVersion: z.literal(SERVE_DUET_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('embedprof'), version: z.string() }),
  createdAt: z.string(),
  wallSeconds: z.number().nonnegative(),
  baseRef: z.string().describe('the git ref the base side was checked out from'),
  plan: servePlanSchema,
  base: duetSideSchema,
  head: duetSideSchema,
  comparison: serveComparisonSchema
    .nullable()
    .describe('null when the duet ended before its sides could be compared'),
  problems: z.array(z.string()).describe('why the gate exits 1, one line each (a regression, a dead server)'),
});
export type ServeDuetDocument = z.infer<typeof serveDuetSchema>;
