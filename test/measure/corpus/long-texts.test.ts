/**
 * A text no embedding model reads whole is an input error before any worker starts, not hours of tokenizing:
 * a corpus line of 10 MB names the file and the line, and a --lengths past the limit names the flag.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'embedprof-long-'));
const PROFILE = ['profile', '--no-config', '--no-analysis', '--quiet', '--out', join(scratch, 'out')];

test('a corpus with one 10 MB line is an input error naming the file, the line and the limit', () => {
  const words = ['a', 'to', 'the', 'fast', 'model', 'embeds', 'several', 'sentences', 'of', 'text'];
  const line = Array.from({ length: 2_000_000 }, (_, i) => words[(i * 7) % words.length]).join(' ');
  const corpus = join(scratch, 'big.txt');
  writeFileSync(corpus, `a first short text\n${line}\n`);
  const result = runCli([...PROFILE, '--corpus', corpus], { timeoutMs: 60_000 });
  assert.equal(result.status, 2, result.stderr);
  assert.match(
    result.stderr,
    /--corpus \S+big\.txt line 2: expected texts of at most 100000 characters .*received a text of \d{8} characters/,
  );
});

test('--lengths past the same limit is an input error naming the flag', () => {
  const result = runCli([...PROFILE, '--lengths', '64,100001'], { timeoutMs: 60_000 });
  assert.equal(result.status, 2, result.stderr);
  assert.match(
    result.stderr,
    /--lengths: expected a comma-separated list of integers from 1 to 100000, received "64,100001"/,
  );
});
