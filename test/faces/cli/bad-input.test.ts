import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProbeModel } from '../../../src/measure/onnx/probe-graph.js';
import { ensureSyntheticModel } from '../../../src/measure/onnx/synthetic-model.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';
import { runCli, testCacheDir } from '../../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'embedprof-bad-input-'));
const corpusFile = join(work, 'ok.txt');
let goodModel = '';

before(async () => {
  writeFileSync(corpusFile, 'a sentence\nanother sentence\n');
  goodModel = (
    await ensureSyntheticModel({ preset: 'all-MiniLM-L6-v2', dtype: 'q8', cacheDir: testCacheDir })
  ).dir;
});

function folderWith(name: string, onnx: Uint8Array | null, tokenizer = true): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ hidden_size: 384, max_position_embeddings: 512 }));
  if (tokenizer) copyFileSync(join(miniLmTokenizerDir(), 'tokenizer.json'), join(dir, 'tokenizer.json'));
  if (onnx) writeFileSync(join(dir, 'onnx', 'model.onnx'), onnx);
  return dir;
}

/** Every bad input exits 2 with one message starting as documented, and no stack trace. */
function expectInputError(args: string[], pattern: RegExp): void {
  const result = runCli(['profile', '--out', join(work, 'out'), '--quiet', ...args]);
  assert.equal(result.status, 2, `exit code for ${args.join(' ')}: ${result.stderr}`);
  assert.match(result.stderr, /^embedprof: input error: /);
  assert.match(result.stderr, pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace without --debug');
}

const corpus = () => ['--corpus', corpusFile];

test('missing model folder', () =>
  expectInputError(
    ['--model', './no/such/model', ...corpus()],
    /--model: expected an existing folder \(relative to .*\), received "\.\/no\/such\/model", a path that does not exist/,
  ));
test('folder without an ONNX file', () =>
  expectInputError(
    ['--model', folderWith('empty', null), ...corpus()],
    /expected a folder in the hub layout with onnx\/model\.onnx/,
  ));
test('corrupt ONNX', () =>
  expectInputError(
    ['--model', folderWith('corrupt', new Uint8Array([8, 1, 18, 200, 1, 3, 4])), ...corpus()],
    /model\.onnx/,
  ));
test('ONNX without input_ids/attention_mask', () =>
  expectInputError(
    ['--model', folderWith('probe', buildProbeModel('fp32', { m: 4, k: 8, n: 8 }, 1).bytes), ...corpus()],
    /expected a text encoder with inputs input_ids and attention_mask/,
  ));
test('missing tokenizer folder', () =>
  expectInputError(
    ['--model', goodModel, '--tokenizer', join(work, 'nope'), ...corpus()],
    /--tokenizer: expected an existing folder, received ".*nope", a path that does not exist/,
  ));
test('model folder without tokenizer', () =>
  expectInputError(
    [
      '--model',
      folderWith('notok', buildProbeModel('fp32', { m: 4, k: 8, n: 8 }, 1).bytes, false),
      ...corpus(),
    ],
    /tokenizer\.json/,
  ));
test('a corrupt tokenizer.json is an input error before any worker starts', () => {
  const dir = join(work, 'badtok');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tokenizer.json'), '{"version": "1.0", "model": {"type": "nonsense"}}');
  const result = runCli([
    'profile',
    '--out',
    join(work, 'out'),
    '--model',
    goodModel,
    '--tokenizer',
    dir,
    ...corpus(),
  ]);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /tokenizer/);
  assert.doesNotMatch(result.stderr, /worker|\[embedder\]/, 'no worker ran');
});
test('empty corpus', () => {
  writeFileSync(join(work, 'empty.txt'), '\n\n');
  expectInputError(['--corpus', join(work, 'empty.txt')], /--corpus .*empty\.txt/);
});
test('unknown corpus format', () => {
  writeFileSync(join(work, 'data.csv'), 'a,b\n');
  expectInputError(['--corpus', join(work, 'data.csv')], /--corpus .*data\.csv/);
});
test('unreadable corpus', () =>
  expectInputError(
    ['--corpus', join(work, 'missing.txt')],
    /--corpus: expected an existing file, received ".*missing\.txt", a path that does not exist/,
  ));
test('whitespace-only text', () => {
  writeFileSync(join(work, 'blank.json'), JSON.stringify(['fine', '   ']));
  expectInputError(['--corpus', join(work, 'blank.json')], /--corpus .*blank\.json.*index 1/);
});
test('batch sizes that are not positive integers', () =>
  expectInputError(
    ['--batch-sizes', '8,0'],
    /--batch-sizes: expected a comma-separated list of positive integers/,
  ));
test('lengths that are not positive integers', () =>
  expectInputError(
    ['--lengths', '10,abc'],
    /--lengths: expected a comma-separated list of integers from 1 to 100000, received "10,abc"/,
  ));
test('unknown preset', () =>
  expectInputError(['--preset', 'turbo'], /--preset: expected one of quick, full/));
test('unknown option', () => expectInputError(['--batchsize', '8'], /Unknown option '--batchsize'/));
test('an output folder under /proc is an input error at once, not a hang', () => {
  const result = runCli(['profile', '--out', '/proc/embedprof-out', '--quiet'], { timeoutMs: 20_000 });
  assert.equal(result.status, 2, result.stderr);
  assert.match(
    result.stderr,
    /--out: expected a folder embedprof can create and write, received "\/proc\/embedprof-out"/,
  );
});
test('an empty --out is an input error', () => {
  const result = runCli(['profile', '--out', '', '--quiet'], { timeoutMs: 20_000 });
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /--out: expected a non-empty value, received nothing/);
});
test('unwritable output folder', (t) => {
  if (process.getuid?.() === 0) {
    // root ignores permissions: a path under a regular file is unwritable for everyone
    writeFileSync(join(work, 'file'), '');
    const result = runCli(['profile', '--out', join(work, 'file', 'out'), '--quiet']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--out.*expected a folder embedprof can create and write/);
    return;
  }
  const locked = join(work, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o500);
  t.after(() => chmodSync(locked, 0o700));
  const result = runCli(['profile', '--out', join(locked, 'out'), '--quiet']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--out.*expected a folder embedprof can create and write/);
});
test('--config with --no-config is an input error, not one of them silently ignored', () => {
  writeFileSync(join(work, 'cfg.json'), JSON.stringify({ schemaVersion: 1 }));
  expectInputError(
    ['--config', join(work, 'cfg.json'), '--no-config'],
    /--config and --no-config: expected at most one of them, received both \(--config .*cfg\.json\)/,
  );
});
test('a negative number says what was expected, not that the argument is ambiguous', () => {
  expectInputError(
    ['--processes', '-3'],
    /--processes: expected a positive integer, received "-3"\. Pass e\.g\. --processes 3\./,
  );
  expectInputError(
    ['--max-memory-mb', '-1.5'],
    /--max-memory-mb: expected a positive number, received "-1\.5"/,
  );
});
test('a bad hub endpoint is named as given: --hub-endpoint or $HF_ENDPOINT', () => {
  expectInputError(
    ['--hub-endpoint', 'ftp://mirror'],
    /--hub-endpoint: expected an http\(s\) URL such as https:\/\/huggingface\.co, received "ftp:\/\/mirror"/,
  );
  process.env['HF_ENDPOINT'] = 'mirror.local';
  try {
    expectInputError(
      [],
      /\$HF_ENDPOINT: expected an http\(s\) URL .*received "mirror\.local"\. Set \$HF_ENDPOINT to e\.g\. https:\/\/huggingface\.co, or unset it\./,
    );
  } finally {
    delete process.env['HF_ENDPOINT'];
  }
});
test('an unknown synthetic model is named --model or by the config key, with the valid names', () => {
  const names =
    /expected synthetic:NAME with NAME one of all-MiniLM-L6-v2, all-MiniLM-L12-v2, bge-small-en-v1\.5/;
  expectInputError(
    ['--model', 'synthetic:nope'],
    new RegExp(`--model: ${names.source}.*received "synthetic:nope"`),
  );
  writeFileSync(join(work, 'nope.json'), JSON.stringify({ schemaVersion: 1, model: 'synthetic:nope' }));
  expectInputError(
    ['--config', join(work, 'nope.json')],
    new RegExp(`nope\\.json: .*model: ${names.source}`),
  );
});
test('a malformed embedprof.config.json is named with its line and column', () => {
  writeFileSync(join(work, 'trailing.json'), '{\n  "schemaVersion": 1,\n  "processes": 3,\n}\n');
  expectInputError(
    ['--config', join(work, 'trailing.json')],
    /trailing\.json: expected valid JSON for a embedprof config, received invalid JSON at line 4, column 1 \(unexpected "\}"\)/,
  );
});

test("the gate's confirmation, cold-start and quality settings: each bad value named by its flag", () => {
  const cases: [string[], RegExp][] = [
    [
      ['--max-quality-drop', '1.5'],
      /--max-quality-drop: expected a fraction between 0 and 1 .*received "1\.5"\. Pass e\.g\. --max-quality-drop 0\.02/,
    ],
    [
      ['--max-cold-start-growth', 'abc'],
      /--max-cold-start-growth: expected a positive number, received "abc"/,
    ],
    [['--no-confirm', 'yes'], /Unexpected argument 'yes'/],
  ];
  for (const [args, pattern] of cases) {
    const result = runCli(['gate', '--out', join(work, 'gate-out'), '--quiet', ...args]);
    assert.equal(result.status, 2, `exit code for ${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /^embedprof: input error: /);
    assert.match(result.stderr, pattern);
  }
});
