/** The `sideChanges` section of comparison.json: what differs between a duet's two sides besides the code. */
import { z } from 'zod';

export const packageChangeSchema = z.object({
  name: z.string(),
  base: z.string().nullable().describe("the version the base's embedder resolves; null: not installed"),
  head: z.string().nullable().describe("the version the head's embedder resolves; null: not installed"),
});

export const modelFactsSchema = z.object({
  sha256: z.string(),
  bytes: z.number().int().nonnegative().describe('the size of the .onnx file'),
  initializerBytes: z.number().int().nonnegative(),
  parameters: z.number().int().nonnegative(),
  nodes: z.number().int().nonnegative(),
  opset: z.number().int().nullable(),
  weightTypes: z.array(z.string()).describe('element types of the weight initializers, e.g. float32, int8'),
});
export type ModelFacts = z.infer<typeof modelFactsSchema>;

export const sideChangesSchema = z.object({
  packages: z
    .array(packageChangeSchema)
    .describe('runtime packages whose version differs between the sides (only differing ones)'),
  model: z
    .object({
      base: modelFactsSchema,
      head: modelFactsSchema,
      operators: z
        .array(z.object({ opType: z.string(), base: z.number().int(), head: z.number().int() }))
        .describe('operator types whose node count differs, largest change first'),
    })
    .nullable()
    .describe('both sides load an ONNX model through the engine and the files differ; else null'),
});
export type SideChanges = z.infer<typeof sideChangesSchema>;
