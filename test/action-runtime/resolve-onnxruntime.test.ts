import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  installIntoToolCache,
  linkOnnxRuntime,
  PINNED_ONNXRUNTIME_VERSION,
  resolveOnnxRuntime,
} from '../../src/faces/action/resolve-onnxruntime.js';

function createFakePackage(root: string, version: string): string {
  const dir = join(root, 'node_modules', 'onnxruntime-node');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'onnxruntime-node', version, main: 'index.js' }),
  );
  writeFileSync(join(dir, 'index.js'), `module.exports = { version: ${JSON.stringify(version)} };\n`);
  return dir;
}

test('the workspace’s onnxruntime-node wins and is linked beside the bundle', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'embedprof-ws-'));
  writeFileSync(join(workspace, 'package.json'), '{}');
  const dir = createFakePackage(workspace, '1.22.0');
  const dist = mkdtempSync(join(tmpdir(), 'embedprof-dist-'));
  const runtime = resolveOnnxRuntime(dist, [workspace], '/nonexistent');
  assert.deepEqual(runtime, { source: 'workspace', dir, version: '1.22.0' });
  linkOnnxRuntime(dist, runtime);
  const linked = join(dist, 'node_modules', 'onnxruntime-node');
  assert.equal(realpathSync(linked), realpathSync(dir));
  assert.match(readFileSync(join(linked, 'package.json'), 'utf8'), /1\.22\.0/);
  linkOnnxRuntime(dist, runtime);
  assert.equal(realpathSync(linked), realpathSync(dir), 'linking twice replaces the link');
});

test('without a workspace copy, one resolvable beside the bundle is used as is', () => {
  const empty = mkdtempSync(join(tmpdir(), 'embedprof-empty-'));
  const runtime = resolveOnnxRuntime(join(process.cwd(), 'dist'), [empty], '/nonexistent');
  assert.equal(runtime.source, 'beside-dist');
  assert.equal(runtime.version.split('.')[0], PINNED_ONNXRUNTIME_VERSION.split('.')[0]);
});

test('a tool-cache copy already installed is reused without running npm', () => {
  const cache = mkdtempSync(join(tmpdir(), 'embedprof-cache-'));
  const prefix = join(cache, 'embedprof-onnxruntime-node', '9.9.9');
  const dir = createFakePackage(prefix, '9.9.9');
  assert.equal(installIntoToolCache(cache, '9.9.9'), dir);
});

test('the pinned version is the one package.json depends on', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    dependencies: Record<string, string>;
  };
  assert.equal(manifest.dependencies['onnxruntime-node']?.replace(/^\^/, ''), PINNED_ONNXRUNTIME_VERSION);
});
