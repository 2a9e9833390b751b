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

export const operatorDeltaSchema = z.object({
  opType: z.string().describe('the operator type, `domain.Op` outside the default domain'),
  baseMs: z.number().describe("the base's mean kernel time of the operator type per batch"),
  headMs: z.number().describe("the head's mean kernel time of the operator type per batch"),
  deltaMs: z.number().describe('mean over the rounds of head − base, ms per batch'),
  lowMs: z.number().nullable().describe('the interval of deltaMs (t over the rounds); null with one round'),
  highMs: z.number().nullable(),
  baseNodes: z
    .number()
    .describe('nodes of this type the base ran per batch, after ONNX Runtime fused what it could'),
  headNodes: z
    .number()
    .describe('nodes of this type the head ran per batch, after ONNX Runtime fused what it could'),
});
export type OperatorDelta = z.infer<typeof operatorDeltaSchema>;

export const operatorAttributionSchema = z.object({
  rounds: z.number().int().positive().describe('fresh base and head processes, alternating first side'),
  runsPerRound: z.number().int().positive().describe('profiled runs of the same batch in each process'),
  batchSize: z.number().int().positive(),
  operators: z
    .array(operatorDeltaSchema)
    .describe('ONNX Runtime kernel time per operator type, largest increase first (at most 8)'),
});
export type OperatorAttribution = z.infer<typeof operatorAttributionSchema>;

export const stageAttributionSchema = z.object({
  key: cellKeySchema,
  label: z.string(),
  pairs: z.number().int().positive(),
  stages: z.array(stageDeltaSchema).describe('the stages either side timed, largest increase first'),
  operators: operatorAttributionSchema
    .nullable()
    .default(null)
    .describe(
      "ONNX Runtime's operator profile of one batch on both sides; null when a side is a custom embedder, or not profiled",
    ),
  operatorsNote: z
    .string()
    .nullable()
    .default(null)
    .describe('why the operators were not profiled, when the embedders were ONNX models'),
});
export type StageAttribution = z.infer<typeof stageAttributionSchema>;
