/**
 * What a faulty custom embedder costs, said in its own words and once: text it throws never starts a log line
 * (no workflow command can ride on an error message), a thrown null or a null embedder is named as such,
 * empty vectors are called empty, an unhandled rejection is reported as the embedder's, and a close() that
 * never settles costs a warning, not the measurements.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { runCli } from '../../helpers/run-cli.js';

const FAULTY_EMBEDDER = 'test/fixtures/embedders/faulty-embedder.mjs';

function profileWithFault(fault: string, extra: string[] = []) {
  const out = mkdtempSync(join(tmpdir(), `embedprof-fault-${fault}-`));
  const result = runCli(
    [
      ...['profile', '--embedder', FAULTY_EMBEDDER, '--no-config', '--no-analysis'],
      ...[
        '--preset',
        'smoke',
        '--batch-sizes',
        '4,8',
        '--lengths',
        '10',
        '--processes',
        '1',
        '--out',
        out,
        ...extra,
      ],
    ],
    { env: { EMBEDPROF_FAULT: fault } },
  );
  const read = () => profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')));
  return { result, read };
}

/** The lines of `text` that start with `::` (a workflow command, where a runner reads it). */
function findCommandLines(text: string): string[] {
  return text.split(/\r\n|[\r\n]/).filter((line) => line.startsWith('::'));
}

test('an embedder error carrying workflow commands never starts a line of stderr or of the profile', () => {
  const { result, read } = profileWithFault('inject');
  assert.equal(result.status, 1, result.stderr);
  assert.deepEqual(findCommandLines(result.stderr), [], result.stderr);
  assert.deepEqual(findCommandLines(result.stdout), [], result.stdout);
  assert.match(
    result.stderr,
    /^warning: batch 4 failed: first line ⏎ ::error::INJECTED ⏎ ::set-output name=verdict::x$/m,
  );
  assert.match(result.stderr, /^warning: batch 8 failed: the same as batch 4$/m, 'reported once');
  const [cell] = read().batchSweep;
  assert.ok(cell?.status === 'failed', JSON.stringify(cell));
  assert.doesNotMatch(cell.error, /\n/, 'one line in profile.json too');
});

test('a thrown null, a null embedder and empty vectors are named as such', () => {
  const thrown = profileWithFault('throw-null');
  assert.match(thrown.result.stderr, /batch 4 failed: embed\(\) threw null, not an Error, so no message/);
  const factory = profileWithFault('null-factory');
  assert.equal(factory.result.status, 2, factory.result.stderr);
  assert.match(
    factory.result.stderr,
    /expected createEmbedder\(\) to resolve to an object .*, received null\./,
  );
  const empty = profileWithFault('empty-vectors');
  assert.match(empty.result.stderr, /batch 4 failed: Embedding 0 is empty \(no numbers\)/);
  assert.doesNotMatch(empty.result.stderr, /dimension 0/);
});

test('an unhandled rejection is reported once, as the embedder’s, with no Node stack', () => {
  const { result } = profileWithFault('unhandled');
  assert.equal(result.status, 1, result.stderr);
  const lines = result.stderr.split('\n').filter((line) => /unhandled|lost in the background/.test(line));
  assert.deepEqual(lines, [
    'warning: batch 4 failed: the embedder left a promise rejection unhandled: lost in the background ⏎ ::error::INJECTED',
  ]);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
});

test('a close() that never settles costs one warning, not the measurements', () => {
  const { result, read } = profileWithFault('hang-close', ['--batch-timeout', '1']);
  assert.equal(result.status, 0, result.stderr);
  const warnings = result.stderr.split('\n').filter((line) => /close\(\)/.test(line));
  assert.deepEqual(warnings, [
    'warning: batch 4: close() did not finish within 1 s; the measurements are kept',
  ]);
  const profile = read();
  assert.ok(
    profile.batchSweep.every((cell) => cell.status === 'measured'),
    JSON.stringify(profile.batchSweep),
  );
});
