/**
 * onnxruntime-node, loaded on first use rather than at import: the action's modes that measure nothing
 * (comment, merge) must run without it, and without the bootstrap installing it.
 *
 * ONNX Runtime's own telemetry (1DS, in the Linux and macOS builds since 1.30) is switched off in every process
 * embedprof runs, its workers included (protocol/ipc/worker-env.ts): it would send events from threads of the
 * process being measured, and each session outside CI left an empty mat-debug-PID.log and a .ses file in
 * TMPDIR and a database under ~/.cache/Microsoft. A value the user set for the variable is kept.
 */
import type * as Ort from 'onnxruntime-node';

export type OnnxRuntime = typeof Ort;

/**
 * A variable, and webpackIgnore: the bundler (ncc) would otherwise hoist even a dynamic import of an external
 * package into a static import at the top of dist/action.js, which then fails to load without the package.
 */
const PACKAGE: string = 'onnxruntime-node';

/** ONNX Runtime reads it when its environment is created (the first session of the process). */
const TELEMETRY_OFF = { ORT_DISABLE_TELEMETRY: '1' } as const;

/** `env` with ONNX Runtime's telemetry off, unless `env` says otherwise. */
export function withoutOrtTelemetry(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...TELEMETRY_OFF, ...env };
}

let loaded: Promise<OnnxRuntime> | null = null;

export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  process.env.ORT_DISABLE_TELEMETRY ??= TELEMETRY_OFF.ORT_DISABLE_TELEMETRY;
  loaded ??= import(/* webpackIgnore: true */ PACKAGE) as Promise<OnnxRuntime>;
  return loaded;
}
