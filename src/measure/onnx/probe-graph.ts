/**
 * The calibration probe: one MatMul Y[M,N] = X[M,K] · W[K,N], W an initializer. In q8 it is written in the
 * same dynamic-quantization pattern as the quantized encoder, so ONNX Runtime runs it with the same fused
 * kernel (DynamicQuantizeMatMul) and the probe tracks the model's speed regime.
 */
import { createUsageError } from '../../ground/errors.js';
import { OnnxGraphBuilder, defaultOpsets, microsoftOpset } from './onnx-builder.js';
import { DataType } from './onnx-types.js';
import { SeededWeights } from './seeded-weights.js';
import type { ModelDtype } from './weight-ops.js';
import { createEmitContext, emitWeightMatMul } from './weight-ops.js';

export interface ProbeShape {
  m: number;
  k: number;
  n: number;
}

export interface ProbeModel {
  bytes: Uint8Array;
  /** Floating-point (or integer) operations of one run: 2·M·K·N. */
  flops: number;
  inputName: string;
  outputName: string;
}

export const probeInputName = 'X';

function checkDimension(name: string, value: number): void {
  if (Number.isInteger(value) && value > 0 && value <= 1 << 16) return;
  throw createUsageError({
    input: `probe dimension ${name}`,
    expected: 'an integer from 1 to 65536',
    received: String(value),
    fix: 'Choose probe sizes such as M=256, K=384, N=1536.',
  });
}

/** Builds the probe model. Weights are normal-ish with std 0.02, determined by `seed`. */
export function buildProbeModel(dtype: ModelDtype, shape: ProbeShape, seed: number): ProbeModel {
  const { m, k, n } = shape;
  checkDimension('M', m);
  checkDimension('K', k);
  checkDimension('N', n);
  const builder = new OnnxGraphBuilder('calibration_probe');
  const input = builder.addInput(probeInputName, DataType.float, [m, k]);
  const weights = new SeededWeights(seed);
  const weight = {
    name: 'probe.weight',
    rows: k,
    cols: n,
    data: weights.normal('probe.weight', k * n, 0.02),
  };
  const output = emitWeightMatMul(createEmitContext(builder, dtype), input, weight, '/probe/MatMul');
  builder.addOutput(output, DataType.float, [m, n]);
  const opsets = dtype === 'q8' ? [...defaultOpsets, microsoftOpset] : defaultOpsets;
  return { bytes: builder.serialize(opsets), flops: 2 * m * k * n, inputName: input, outputName: output };
}
