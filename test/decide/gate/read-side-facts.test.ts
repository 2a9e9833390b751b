import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  attachSideChanges,
  readSideChanges,
  RUNTIME_PACKAGES,
} from '../../../src/decide/gate/read-side-facts.js';
import { createOnnxEngine } from './gate-fixtures.js';
import { loadFixtureComparison } from '../../report/fixtures/report-fixtures.js';
import type { EngineSpec } from '../../../src/measure/engine/embedder.js';

/** A checkout folder with an embedder module and node_modules holding `versions` (text: a package.json's body). */
function writeCheckout(root: string, name: string, versions: Record<string, string>): EngineSpec {
  const dir = join(root, name);
  for (const [pkg, body] of Object.entries(versions)) {
    mkdirSync(join(dir, 'node_modules', pkg), { recursive: true });
    writeFileSync(join(dir, 'node_modules', pkg, 'package.json'), body);
  }
  mkdirSync(join(dir, 'src'), { recursive: true });
  const modulePath = join(dir, 'src', 'embedder.mjs');
  writeFileSync(
    modulePath,
    'export const createEmbedder = async () => ({ embed: async (t) => t.map(() => [1]) });\n',
  );
  return { kind: 'custom', modulePath, tokenizerDir: null, maxTokens: 128, userOptions: {} };
}

const manifest = (version: string) => JSON.stringify({ name: 'x', version });

test("each side's embedder resolves its own node_modules: an upgraded, a removed and an unreadable package", async () => {
  const root = mkdtempSync(join(tmpdir(), 'embedprof-sides-'));
  const base = writeCheckout(root, 'base', {
    'onnxruntime-node': manifest('1.22.0'),
    '@huggingface/tokenizers': manifest('0.1.2'),
    '@huggingface/transformers': manifest('3.7.0'),
  });
  const head = writeCheckout(root, 'head', {
    'onnxruntime-node': manifest('1.30.0'),
    '@huggingface/transformers': '{ not json',
  });
  const changes = await readSideChanges({ base, head });
  assert.deepEqual(changes, {
    packages: [
      { name: '@huggingface/tokenizers', base: '0.1.2', head: null },
      { name: '@huggingface/transformers', base: '3.7.0', head: 'unreadable' },
      { name: 'onnxruntime-node', base: '1.22.0', head: '1.30.0' },
    ],
    model: null,
  });
});

test('the same packages on both sides: nothing differs', async () => {
  const root = mkdtempSync(join(tmpdir(), 'embedprof-sides-'));
  const versions = Object.fromEntries(RUNTIME_PACKAGES.map((name) => [name, manifest('1.0.0')]));
  const changes = await readSideChanges({
    base: writeCheckout(root, 'base', versions),
    head: writeCheckout(root, 'head', versions),
  });
  assert.equal(changes, null);
});

test('a model file that cannot be read costs a note, never the run', async () => {
  const onnx = createOnnxEngine;
  const comparison = loadFixtureComparison();
  const missing = join(tmpdir(), 'embedprof-no-such-model.onnx');
  const result = await attachSideChanges(comparison, { base: onnx(missing), head: onnx(missing) });
  assert.equal(result.sideChanges, null);
  const note = result.overall.notes.at(-1) ?? '';
  assert.match(note, /^what differs between the sides was not read: .*embedprof-no-such-model\.onnx/);
  assert.deepEqual(result.cells, comparison.cells, 'the comparison is otherwise unchanged');
});
