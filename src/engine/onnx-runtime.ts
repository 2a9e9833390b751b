/**
 * onnxruntime-node, loaded on first use rather than at import: the action's modes that measure nothing
 * (comment, merge) must run without it, and without the bootstrap installing it.
 */
import type * as Ort from 'onnxruntime-node';

export type OnnxRuntime = typeof Ort;

let loaded: Promise<OnnxRuntime> | null = null;

export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  loaded ??= import('onnxruntime-node');
  return loaded;
}
