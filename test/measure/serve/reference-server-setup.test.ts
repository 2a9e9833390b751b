import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../src/ground/errors.js';
import { readReferenceArgs } from '../../../src/measure/serve/reference-server-setup.js';

test('the port comes from --port, else $PORT, else 8080; the rest has defaults', () => {
  const args = readReferenceArgs(['--slow-percent', '15'], { PORT: '4321', EMBEDPROF_CACHE_DIR: '/cache' });
  assert.deepEqual(args, {
    model: 'synthetic:all-MiniLM-L6-v2',
    dtype: 'q8',
    tokenizer: null,
    port: 4321,
    host: '127.0.0.1',
    threads: 1,
    slowPercent: 15,
    cacheDir: '/cache',
    hubEndpoint: null,
  });
  assert.equal(readReferenceArgs(['--port', '9000'], { PORT: '4321' }).port, 9000);
  assert.equal(readReferenceArgs([], {}).port, 8080);
});

test('bad values are usage errors naming the flag', () => {
  for (const [argv, flag] of [
    [['--dtype', 'int4'], '--dtype'],
    [['--slow-percent=-5'], '--slow-percent'],
    [['--slow', '5'], "the reference server's command line"],
    [['--port', 'http'], '--port'],
    [['--threads', '0'], '--threads'],
  ] as const) {
    assert.throws(
      () => readReferenceArgs([...argv], {}),
      (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.ok(error.message.startsWith(`${flag}: expected`), error.message);
        return true;
      },
    );
  }
});
