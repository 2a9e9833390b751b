import { copyFileSync, mkdirSync, symlinkSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { createOnnxEmbedder } from '../src/measure/engine/onnx-embedder.js';
import type { TextTokenizer } from '../src/measure/engine/embedder.js';
import { loadTokenizer } from '../src/measure/engine/text-tokenizer.js';

/** Something that embeds one batch; the bench times it. */
export interface Contender {
  name: string;
  embed(texts: string[]): Promise<void>;
}

export async function createEngineContender(
  onnxPath: string,
  tokenizerDir: string,
  threads: number,
): Promise<Contender> {
  const tokenizer = await loadTokenizer(tokenizerDir);
  const embedder = await createOnnxEmbedder({
    onnxPath,
    tokenizer,
    maxTokens: 256,
    threads,
    ort: { graphOptimization: 'all', ortSpinning: 'auto' },
    allowSpinning: true,
  });
  return { name: 'embedprof engine', embed: async (texts) => void (await embedder.embedBatch(texts)) };
}

/** The same job written as plainly as possible: encode, pad, run, mean-pool, normalize. No timing, no checks. */
export async function createBareLoopContender(
  onnxPath: string,
  tokenizerDir: string,
  threads: number,
): Promise<Contender> {
  const tokenizer: TextTokenizer = await loadTokenizer(tokenizerDir);
  const session = await ort.InferenceSession.create(onnxPath, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  return {
    name: 'bare ORT loop',
    async embed(texts) {
      const rows = texts.map((t) => tokenizer.encode(t).slice(0, 256));
      const seq = Math.max(...rows.map((r) => r.length));
      const ids = new BigInt64Array(rows.length * seq);
      const mask = new BigInt64Array(rows.length * seq);
      rows.forEach((r, i) =>
        r.forEach((id, j) => ((ids[i * seq + j] = BigInt(id)), (mask[i * seq + j] = 1n))),
      );
      const dims = [rows.length, seq];
      const out = await session.run({
        input_ids: new ort.Tensor('int64', ids, dims),
        attention_mask: new ort.Tensor('int64', mask, dims),
        token_type_ids: new ort.Tensor('int64', new BigInt64Array(rows.length * seq), dims),
      });
      const hidden = out.last_hidden_state?.data;
      if (!(hidden instanceof Float32Array)) throw new Error('no last_hidden_state');
      const dim = hidden.length / (rows.length * seq);
      rows.forEach((r, i) => {
        const v = new Float32Array(dim);
        for (let j = 0; j < r.length; j++)
          for (let d = 0; d < dim; d++) v[d] = (v[d] ?? 0) + (hidden[(i * seq + j) * dim + d] ?? 0);
        const norm = Math.hypot(...v) || 1;
        for (let d = 0; d < dim; d++) v[d] = (v[d] ?? 0) / norm;
      });
    },
  };
}

/**
 * transformers.js's feature-extraction pipeline on the same ONNX file and the real tokenizer, loaded lazily
 * (it is a dev dependency only). It needs the hub layout, so a temporary folder links the files together.
 */
export async function createTransformersContender(
  modelDir: string,
  onnxFile: string,
  tokenizerDir: string,
  dtype: 'fp32' | 'q8',
  threads: number,
  scratch: string,
): Promise<Contender> {
  const name = `bench-${dtype}`;
  const folder = join(scratch, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'onnx'), { recursive: true });
  copyFileSync(join(modelDir, 'config.json'), join(folder, 'config.json'));
  for (const file of ['tokenizer.json', 'tokenizer_config.json'])
    copyFileSync(join(tokenizerDir, file), join(folder, file));
  const target = join(folder, 'onnx', dtype === 'fp32' ? 'model.onnx' : 'model_quantized.onnx');
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(onnxFile, target);
  const transformers = await import('@huggingface/transformers');
  transformers.env.allowRemoteModels = false;
  transformers.env.localModelPath = scratch;
  const extractor = await transformers.pipeline('feature-extraction', name, {
    dtype,
    device: 'cpu',
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' },
  });
  return {
    name: 'transformers.js pipeline',
    embed: async (texts) => void (await extractor(texts, { pooling: 'mean', normalize: true })),
  };
}
