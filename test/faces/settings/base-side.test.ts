/**
 * Duet mode's base side: the settings marked `side: 'base'` in the table are what the base commit's own
 * embedprof.config.json decides (each left out there at the table's default); every other setting stays the
 * head's. duet/base-target.ts gets the reading as a function and reads no config file itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveBaseTarget } from '../../../src/decide/duet/base-target.js';
import { UsageError } from '../../../src/ground/errors.js';
import { BASE_SIDE_KEYS, createHeadConfig, readBaseSide } from '../../../src/faces/settings/base-side.js';
import { resolveSettings } from '../../../src/faces/settings/resolve-settings.js';
import { getEntry } from '../../../src/faces/settings/setting-table.js';

const CONTEXT = { env: {}, cores: 2, home: '/home/u' };

function writeConfig(dir: string, config: object): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'embedprof.config.json');
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, ...config }));
  return path;
}

test('the base side is what is measured, flagged in the table: model, embedder, dtype, tokenizer, truncation', () => {
  assert.deepEqual(BASE_SIDE_KEYS, ['model', 'embedder', 'dtype', 'tokenizer', 'maxTokens']);
  for (const key of BASE_SIDE_KEYS) assert.equal(getEntry(key).group, 'Model', key);
});

test("the base's config sets its base-side settings; the rest take the table's defaults, nothing else is read", async () => {
  const root = mkdtempSync(join(tmpdir(), 'embedprof-base-side-'));
  const path = writeConfig(root, { model: './models/m', processes: 9, gate: { maxThroughputDrop: 0.3 } });
  const side = await readBaseSide(path, 'embedprof.config.json at HEAD~1', { face: 'cli', context: CONTEXT });
  assert.deepEqual(side, {
    model: join(root, 'models/m'),
    embedder: null,
    dtype: getEntry('dtype').fallback(CONTEXT),
    tokenizer: null,
    maxTokens: null,
  });
  const broken = writeConfig(join(root, 'broken'), { dtype: 'fp16' });
  await assert.rejects(
    readBaseSide(broken, 'embedprof.config.json at HEAD~1', { face: 'cli', context: CONTEXT }),
    (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /^embedprof\.config\.json at HEAD~1/);
      return true;
    },
  );
});

test("duet's base target: the head's workload with the base's own model; a base without the file is an adoption", async () => {
  const root = mkdtempSync(join(tmpdir(), 'embedprof-base-target-'));
  const repoRoot = join(root, 'repo');
  const worktree = join(root, 'worktree');
  const headPath = writeConfig(repoRoot, { model: 'synthetic:bge-small-en-v1.5', processes: 4 });
  const settings = resolveSettings(
    [
      {
        source: { kind: 'config', path: 'embedprof.config.json' },
        values: { model: 'synthetic:bge-small-en-v1.5', processes: 4 },
      },
    ],
    'cli',
    CONTEXT,
    { path: headPath },
  );
  const headConfig = createHeadConfig(settings);
  assert.ok(headConfig !== null);
  assert.equal(createHeadConfig({ ...settings, configFile: null }), null);
  const request = { head: settings.values, headConfig, repoRoot, worktree, ref: 'HEAD~1' };
  assert.deepEqual(await resolveBaseTarget(request), {
    kind: 'unavailable',
    reason: 'HEAD~1 has no embedprof.config.json',
    adoption: true,
  });
  writeConfig(worktree, { embedder: './bench/embedder.mjs', dtype: 'q8' });
  const target = await resolveBaseTarget(request);
  assert.ok(target.kind === 'ready');
  assert.deepEqual(
    [target.options.model, target.options.embedder, target.options.dtype, target.options.processes],
    [null, join(worktree, 'bench/embedder.mjs'), 'q8', 4],
  );
});
