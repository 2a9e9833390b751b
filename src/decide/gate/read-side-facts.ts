/**
 * The facts compare/side-changes.ts compares, read from disk for one side of a duet: the versions of the
 * runtime packages its embedder resolves (node_modules folders up from the embedder module, or embedprof's own
 * for the built-in engine), and, for the built-in engine, the ONNX file's graph.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineSpec } from '../../measure/engine/embedder.js';
import { analyzeModel } from '../../measure/onnx/graph-analysis.js';
import { decodeModel } from '../../measure/onnx/onnx-decode.js';
import { countElements, nameDataType } from '../../measure/onnx/onnx-types.js';
import { compareSides, describeSideChanges, type SideFacts } from '../compare/side-changes.js';
import type { Comparison } from '../compare/comparison-schema.js';
import { describeError } from '../../ground/errors.js';
import type { SideChanges } from '../compare/side-changes-schema.js';
import type { DuetSide } from '../../measure/protocol/schedule/run-lockstep-pair.js';

/** The packages whose version decides how an embedder runs. */
export const RUNTIME_PACKAGES = [
  'onnxruntime-node',
  'onnxruntime-common',
  '@huggingface/tokenizers',
  '@huggingface/transformers',
  '@xenova/transformers',
];

/** `name`'s version in the nearest node_modules at or above `from`; null when none holds it. */
function findPackageVersion(from: string, name: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return readVersion(manifest);
    if (dirname(dir) === dir) return null;
  }
}

/** The `version` of a package.json; "unreadable" when the file is not JSON with a string version. */
function readVersion(manifest: string): string {
  try {
    const version: unknown = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function readModelFacts(bytes: Uint8Array, sha256: string, source: string): NonNullable<SideFacts['model']> {
  const analysis = analyzeModel(bytes, source);
  const { graph } = decodeModel(bytes, source);
  const weights = graph.initializers.filter((tensor) => countElements(tensor.dims) > 1);
  return {
    sha256,
    bytes: bytes.length,
    initializerBytes: analysis.initializerBytes,
    parameters: analysis.parameterCount,
    nodes: graph.nodes.length,
    opset: analysis.opset,
    weightTypes: [...new Set(weights.map((tensor) => nameDataType(tensor.dataType)))].sort(),
    operatorCounts: analysis.operatorCounts,
  };
}

/** A model file's bytes and SHA-256, read once. */
interface ModelFile {
  path: string;
  bytes: Uint8Array;
  sha256: string;
}

async function readModelFile(path: string): Promise<ModelFile> {
  const bytes = new Uint8Array(await readFile(path));
  return { path, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** One side's facts; with `model` (the two files differ) also its graph's. */
function readSideFacts(engine: EngineSpec, model: ModelFile | null): SideFacts {
  const from =
    engine.kind === 'custom' ? dirname(engine.modulePath) : dirname(fileURLToPath(import.meta.url));
  const packages = Object.fromEntries(RUNTIME_PACKAGES.map((name) => [name, findPackageVersion(from, name)]));
  if (model === null) return { packages, model: null };
  return { packages, model: readModelFacts(model.bytes, model.sha256, model.path) };
}

/** What differs between the sides' runtime packages and models; null when nothing does. */
export async function readSideChanges(engines: Record<DuetSide, EngineSpec>): Promise<SideChanges | null> {
  const { base, head } = engines;
  const files =
    base.kind === 'onnx' && head.kind === 'onnx'
      ? { base: await readModelFile(base.onnxPath), head: await readModelFile(head.onnxPath) }
      : null;
  const differ = files !== null && files.base.sha256 !== files.head.sha256;
  return compareSides(
    readSideFacts(base, differ ? files.base : null),
    readSideFacts(head, differ ? files.head : null),
  );
}

/** `comparison` with sideChanges and its notes; a file that cannot be read costs a note, never the run. */
export async function attachSideChanges(
  comparison: Comparison,
  engines: Record<DuetSide, EngineSpec>,
): Promise<Comparison> {
  const read = await readSideChanges(engines).catch((error: unknown) => describeError(error));
  const sideChanges = typeof read === 'string' ? null : read;
  const failed = typeof read === 'string' ? [`what differs between the sides was not read: ${read}`] : [];
  const notes = [...comparison.overall.notes, ...failed, ...describeSideChanges(sideChanges)];
  return { ...comparison, sideChanges, overall: { ...comparison.overall, notes } };
}
