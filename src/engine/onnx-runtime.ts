/**
 * onnxruntime-node, loaded on first use rather than at import: the action's modes that measure nothing
 * (comment, merge) must run without it, and without the bootstrap installing it.
 */
import type * as Ort from 'onnxruntime-node';

export type OnnxRuntime = typeof Ort;

/**
 * A variable, and webpackIgnore: the bundler (ncc) would otherwise hoist even a dynamic import of an external
 * package into a static import at the top of dist/action.js, which then fails to load without the package.
 */
const PACKAGE: string = 'onnxruntime-node';

let loaded: Promise<OnnxRuntime> | null = null;

export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  loaded ??= import(/* webpackIgnore: true */ PACKAGE) as Promise<OnnxRuntime>;
  return loaded;
}
