/**
 * The real-ORT workload of `validate-gate --duet --workload ort`: an embedder module (a user's own file, as in
 * a real repository) that runs embedprof's engine — the real tokenizer, ONNX Runtime on the synthetic
 * all-MiniLM-L6-v2 q8 — and, in the head's variants, does more real ORT work or holds more memory:
 *   slower: after every batch, the same session runs again on the first ⌈0.12 · batch⌉ texts (12.5 % more rows
 *           at batches 8, 32 and 128; what that costs in throughput is measured, not assumed);
 *   slower10: the same with round(0.1 · batch) texts (12.5 %, 9.4 % and 10.2 % more rows at batches 8, 32
 *           and 128: a head about 10 % slower);
 *   memory: holds touched memory of 11 % of the process's peak RSS without it, grown after every batch;
 *   cold:   waits 300 ms in createEmbedder (a slower cold start, nothing else changed).
 * Spin-waiting follows EMBEDPROF_LOCKSTEP as the README advises a user's own ORT session to.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

export type WorkloadVariant = 'same' | 'slower' | 'slower10' | 'memory' | 'cold';

const engineUrl = (file: string): string =>
  pathToFileURL(fileURLToPath(new URL(`../src/measure/engine/${file}`, import.meta.url))).href;

/** The module's source for one variant; paths are absolute, as a committed file's would be in a checkout. */
export function writeWorkloadSource(
  variant: WorkloadVariant,
  onnxPath: string,
  tokenizerDir: string,
): string {
  const extraRows = variant === 'slower' ? 0.12 : variant === 'slower10' ? 0.1 : 0;
  const rounding = variant === 'slower10' ? 'round' : 'ceil';
  const heldShare = variant === 'memory' ? 0.11 : 0;
  const createDelayMs = variant === 'cold' ? 300 : 0;
  return `// embedprof validation workload (${variant}): embedprof's engine on the synthetic model
import { createOnnxEmbedder } from ${JSON.stringify(engineUrl('onnx-embedder.js'))};
import { loadTokenizer } from ${JSON.stringify(engineUrl('text-tokenizer.js'))};

const EXTRA_ROWS = ${extraRows};
const HELD_SHARE = ${heldShare};
const CREATE_DELAY_MS = ${createDelayMs};
const held = [];
let heldBytes = 0;

function holdMemory() {
  const peakBytes = process.resourceUsage().maxRSS * 1024 - heldBytes;
  const wanted = HELD_SHARE * peakBytes - heldBytes;
  if (wanted < 1 << 20) return;
  const chunk = Buffer.alloc(Math.ceil(wanted));
  for (let i = 0; i < chunk.length; i += 4096) chunk[i] = 1;
  held.push(chunk);
  heldBytes += chunk.length;
}

export async function createEmbedder() {
  if (CREATE_DELAY_MS > 0) await new Promise((done) => setTimeout(done, CREATE_DELAY_MS));
  const tokenizer = await loadTokenizer(${JSON.stringify(tokenizerDir)});
  const engine = await createOnnxEmbedder({
    onnxPath: ${JSON.stringify(onnxPath)},
    tokenizer,
    maxTokens: 256,
    threads: 2,
    ort: { graphOptimization: 'all', ortSpinning: 'auto' },
    allowSpinning: process.env.EMBEDPROF_LOCKSTEP !== '1',
  });
  return {
    async embed(texts) {
      const { embeddings } = await engine.embedBatch(texts);
      if (EXTRA_ROWS > 0) await engine.embedBatch(texts.slice(0, Math.${rounding}(EXTRA_ROWS * texts.length)));
      if (HELD_SHARE > 0) holdMemory();
      return embeddings;
    },
    close: () => engine.close(),
  };
}
`;
}
