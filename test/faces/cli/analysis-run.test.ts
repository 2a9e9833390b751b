import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { runCli } from '../../helpers/run-cli.js';

function profileEmbedder(module: string, extra: (out: string) => string[] = () => []) {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-analysis-'));
  const args = [
    'profile',
    '--embedder',
    `test/fixtures/embedders/${module}`,
    '--batch-sizes',
    '8',
    '--lengths',
    '10',
  ];
  const result = runCli([...args, '--processes', '1', '--out', out, ...extra(out)]);
  assert.equal(result.status, 0, result.stderr);
  return { out, profile: profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8'))) };
}

test('the leak check flags an embedder that retains memory', () => {
  const { profile } = profileEmbedder('leaky-embedder.mjs');
  const leak = profile.memory.leak;
  assert.equal(leak.verdict, 'leak', JSON.stringify(leak));
  const fit = leak.verdict === 'leak' ? leak.slopeMBPer1000Texts : null;
  const slope = fit?.kind === 'determined' ? fit.slope : 0;
  // 64 KB per text is 62.5 MB per 1,000 texts
  assert.ok(slope > 40, `slope ${slope}`);
});

test('the leak check clears an embedder that does not retain memory, and writes a CPU profile', () => {
  const { out, profile } = profileEmbedder('toy-embedder.mjs', (dir) => [
    '--cpu-profile',
    join(dir, 'cpu.cpuprofile'),
  ]);
  assert.equal(profile.memory.leak.verdict, 'no-leak', JSON.stringify(profile.memory.leak));
  assert.ok(profile.hotspots.cpuProfile?.endsWith('cpu.cpuprofile'));
  const path = profile.hotspots.cpuProfile ?? '';
  assert.ok(existsSync(path), `${path} exists`);
  const cpu: unknown = JSON.parse(readFileSync(path, 'utf8'));
  assert.ok(typeof cpu === 'object' && cpu !== null && Array.isArray(Reflect.get(cpu, 'nodes')));
  assert.ok(path.startsWith(out));
});
