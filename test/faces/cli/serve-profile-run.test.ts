/**
 * `embedprof serve-profile` against real servers it starts: the bundled reference server (synthetic MiniLM,
 * q8, real tokenizer) gives a knee with its interval, the cold start and the server's RSS; a server that dies
 * mid-run and one whose answers are not embeddings each end in exit 1 with one clear line, and the files hold
 * what was measured. No server process outlives a run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { serveProfileSchema } from '../../../src/measure/serve/serve-profile-schema.js';
import { runCli } from '../../helpers/run-cli.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';
import { createFakeServerCommand, createReferenceCommand } from '../../measure/serve/fake-servers.js';

const SHORT_PLAN = ['--window-seconds', '1', '--rounds', '2', '--time-budget', '90'];

function serveProfile(args: string[], env: Record<string, string> = {}) {
  const out = join(mkdtempSync(join(tmpdir(), 'embedprof-serve-run-')), 'out');
  const result = runCli(['serve-profile', '--no-config', '--out', out, ...SHORT_PLAN, ...args], {
    timeoutMs: 180_000,
    env,
  });
  const path = join(out, 'serve-profile.json');
  const profile = existsSync(path) ? serveProfileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : null;
  return { ...result, profile, describe: `exit ${result.status}\n${result.stdout}\n${result.stderr}` };
}

/** Processes whose command line holds `marker` (a fake server's script path), other than this search. */
function findProcesses(marker: string): string[] {
  const listed = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n');
  return listed.filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}

test('the reference server: a knee with its interval, the cold start and the server RSS', () => {
  const run = serveProfile([
    ...['--serve-command', createReferenceCommand(['--threads', '1'])],
    ...['--texts-per-request', '8', '--latency-slo-ms', '200', '--tokenizer', miniLmTokenizerDir()],
  ]);
  assert.equal(run.status, 0, run.describe);
  assert.match(
    run.stdout,
    /^Knee: [\d,.]+ req\/s \(95 % CI [\d,.]+–[\d,.]+\) at p95 ≤ 200 ms, 8 texts per request$/m,
    run.describe,
  );
  assert.match(run.stdout, /^Wrote .*serve-profile\.json$/m);
  const profile = run.profile;
  assert.ok(profile !== null);
  const [sweep] = profile.sweeps;
  assert.equal(sweep?.knee.kind, 'found', JSON.stringify(sweep?.knee));
  if (sweep?.knee.kind === 'found') {
    assert.ok(sweep.knee.low <= sweep.knee.ratePerSecond && sweep.knee.ratePerSecond <= sweep.knee.high);
  }
  assert.ok(
    sweep !== undefined &&
      sweep.rates.some((rate) => rate.tokensPerSecond !== null && rate.tokensPerSecond > 0),
  );
  assert.equal(profile.target.kind, 'command');
  if (profile.target.kind === 'command') {
    assert.ok(profile.target.readyMs > 0);
    assert.ok(
      (profile.target.firstEmbeddingMs ?? 0) >= profile.target.readyMs,
      JSON.stringify(profile.target),
    );
  }
  assert.ok((profile.serverMemory?.peakMB ?? 0) > 50, 'the model server holds its weights and runtime');
  assert.deepEqual(findProcesses('reference-server-main.js'), [], 'the server is stopped');
});

test('a server that dies mid-run: exit 1 naming the command and its last words; what was measured is written', () => {
  const command = createFakeServerCommand('diesAfter');
  const run = serveProfile(['--serve-command', command, '--rates', '20,40', '--texts-per-request', '1'], {
    ANSWERS: '30',
  });
  assert.equal(run.status, 1, run.describe);
  assert.match(
    run.stderr,
    /^embedprof: --serve-command .*: the server stopped during the run; its last stderr lines: «out of memory: giving up»/m,
  );
  assert.ok(run.profile !== null, 'serve-profile.json holds what was measured');
  assert.ok(run.profile.warnings.some((line) => line.includes('the server stopped during the run')));
  assert.deepEqual(findProcesses('diesAfter.cjs'), []);
});

test('a server whose answers are not embeddings: exit 1 saying which error and what to check', () => {
  const run = serveProfile([
    '--serve-command',
    createFakeServerCommand('malformed'),
    '--rates',
    '10',
    '--texts-per-request',
    '2',
  ]);
  assert.equal(run.status, 1, run.describe);
  assert.match(
    run.stderr,
    /2 texts per request: no request succeeded \(malformed \d+\): the answers to POST \/v1\/embeddings were not openai embeddings .*check --api and --api-path/,
  );
  assert.equal(run.profile?.sweeps[0]?.knee.kind, 'below-lowest');
  assert.deepEqual(findProcesses('malformed.cjs'), []);
});
