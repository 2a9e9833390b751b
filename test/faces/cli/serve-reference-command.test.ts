import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { testCacheDir } from '../../helpers/run-cli.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';
import { findFreePort } from '../../../src/measure/serve/serve-probe.js';
import { closeServer, holdPort } from '../../measure/serve/fake-servers.js';

const cliEntry = resolve('build/src/faces/cli/main.js');

function startCli(port: number): ChildProcess {
  const args = ['serve-reference', '--tokenizer', miniLmTokenizerDir(), '--cache-dir', testCacheDir];
  return spawn(process.execPath, [cliEntry, ...args, '--threads', '1', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const readAll = (stream: NodeJS.ReadableStream | null): (() => string) => {
  let text = '';
  stream?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
};

test('embedprof serve-reference serves the engine on the port it is given and exits 0 on SIGTERM', async () => {
  const child = startCli(await findFreePort());
  const stderr = readAll(child.stderr);
  // its first line, or the end of a command that failed at once
  const first = await new Promise<string>((done) => {
    child.stdout?.once('data', (chunk: Buffer) => done(chunk.toString()));
    child.once('exit', () => done(''));
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+) \(synthetic:all-MiniLM-L6-v2, slow 0 %\)/.exec(
    first.toString(),
  );
  assert.ok(url?.[1] !== undefined, `${first} ${stderr()}`);
  const response = await fetch(`${url[1]}/v1/embeddings`, {
    method: 'POST',
    body: JSON.stringify({ input: 'hello' }),
  });
  const body = (await response.json()) as { data: { embedding: number[] }[] };
  assert.equal(body.data[0]?.embedding.length, 384);
  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0, stderr());
});

test('embedprof serve-reference on a taken port: exit 1 and EADDRINUSE on stderr', async () => {
  const held = await holdPort();
  try {
    const child = startCli(held.port);
    const stderr = readAll(child.stderr);
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1);
    assert.match(stderr(), /^embedprof: failed: reference server: listen EADDRINUSE/);
  } finally {
    await closeServer(held.server);
  }
});
