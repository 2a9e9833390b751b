/**
 * 8-bit weight quantization as onnxruntime.quantization.quantize_dynamic does it for transformers.js's
 * `model_quantized.onnx` (per-tensor, reduce_range off):
 * - MatMul weights: QInt8, symmetric, zero point 0, scale = max|w| / 127, values clipped to [-127, 127];
 * - Gather tables (quantized like activations): QUInt8, asymmetric over [min(0, min), max(0, max)].
 */

export interface QuantizedTensor<T extends Int8Array | Uint8Array> {
  values: T;
  scale: number;
  zeroPoint: number;
}

/** Round half to even, as numpy's `round` does. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function findRange(data: Float32Array): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (let index = 0; index < data.length; index++) {
    const value = data[index] ?? 0;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

/** Symmetric signed 8-bit quantization of a weight tensor. */
export function quantizeSymmetricInt8(data: Float32Array): QuantizedTensor<Int8Array> {
  const { min, max } = findRange(data);
  const absMax = Math.max(-min, max);
  const scale = Math.fround(absMax === 0 ? 1 : (2 * absMax) / 254);
  const values = new Int8Array(data.length);
  for (let index = 0; index < data.length; index++) {
    const q = roundHalfEven((data[index] ?? 0) / scale);
    values[index] = q > 127 ? 127 : q < -127 ? -127 : q;
  }
  return { values, scale, zeroPoint: 0 };
}

/** Asymmetric unsigned 8-bit quantization (the activation type of dynamic quantization). */
export function quantizeAsymmetricUint8(data: Float32Array): QuantizedTensor<Uint8Array> {
  const { min, max } = findRange(data);
  const scale = Math.fround(max === min ? 1 : (max - min) / 255);
  const zeroPoint = Math.min(255, Math.max(0, roundHalfEven(-min / scale)));
  const values = new Uint8Array(data.length);
  for (let index = 0; index < data.length; index++) {
    const q = roundHalfEven((data[index] ?? 0) / scale) + zeroPoint;
    values[index] = q > 255 ? 255 : q < 0 ? 0 : q;
  }
  return { values, scale, zeroPoint };
}
