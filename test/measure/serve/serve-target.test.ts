import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { UsageError } from '../../../src/ground/errors.js';
import { connectToUrl, startServeCommand } from '../../../src/measure/serve/serve-target.js';
import { findFreePort } from '../../../src/measure/serve/serve-probe.js';
import { createServerDiedFailure } from '../../../src/measure/serve/serve-failures.js';
import { createProcessMarker, waitFor } from '../../helpers/process-marker.js';
import { closeServer, createFakeServerCommand, holdPort } from './fake-servers.js';

const marker = createProcessMarker();
after(() => marker.killAll());

const start = (command: string, readyTimeoutMs = 5_000, env: Record<string, string> = {}) =>
  startServeCommand({
    command,
    cwd: process.cwd(),
    readyPath: '/health',
    readyTimeoutMs,
    env: { ...marker.env, ...env },
  });

/** The usage error `run` rejects with (failing the test when it resolves or throws something else). */
async function catchUsageError(run: () => Promise<unknown>): Promise<UsageError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a UsageError');
}

test('a started server is ready on its port; stop() ends its whole process group', async () => {
  const target = await start(createFakeServerCommand('healthy'));
  assert.match(target.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(target.readyMs !== null && target.readyMs > 0);
  assert.ok(target.pid !== null);
  assert.equal((await fetch(`${target.baseUrl}/health`)).status, 200);
  assert.equal(target.isAlive(), true);
  assert.ok(await waitFor(() => marker.listCommands().some((line) => line.startsWith('sleep 300')), 2_000));
  assert.deepEqual(target.readStderrTail(), ['healthy server starting']);
  await target.stop();
  assert.equal(target.isAlive(), false);
  assert.ok(
    await waitFor(() => marker.list().length === 0, 2_000),
    `left running: ${marker.listCommands().join('; ')}`,
  );
});

test('the server gets PORT and the extra variables, {port} in its command, and no credentials', async () => {
  const command = `${createFakeServerCommand('healthy')} --port={port}`;
  const target = await start(command, 5_000, { GITHUB_TOKEN: 'ghp_secret', EXTRA_SETTING: 'kept' });
  try {
    const env = (await (await fetch(`${target.baseUrl}/env`)).json()) as Record<string, string>;
    const port = new URL(target.baseUrl).port;
    assert.equal(env.PORT, port);
    assert.equal(env.EXTRA_SETTING, 'kept');
    assert.equal(env.GITHUB_TOKEN, undefined);
    assert.ok(marker.listCommands().some((line) => line.endsWith(`--port=${port}`)));
  } finally {
    await target.stop();
  }
});

test('a server that dies mid-run is no longer alive', async () => {
  const target = await start(createFakeServerCommand('healthy'));
  try {
    await fetch(`${target.baseUrl}/die`);
    assert.ok(await waitFor(() => !target.isAlive(), 2_000));
    const failure = createServerDiedFailure('node healthy.cjs', target.readStderrTail());
    assert.equal(failure.exitCode, 1);
    assert.equal(
      failure.message,
      '--serve-command "node healthy.cjs": the server stopped during the run; its last stderr lines: «healthy server starting».',
    );
  } finally {
    await target.stop();
  }
  assert.ok(await waitFor(() => marker.list().length === 0, 2_000));
});

test('a server that never answers 2xx: a usage error naming the command, the last probe and its stderr', async () => {
  const command = createFakeServerCommand('neverReady');
  const error = await catchUsageError(() => start(command, 800));
  assert.match(error.message, /^--serve-command ".*neverReady\.cjs\\"/);
  assert.match(error.message, /a 2xx answer to GET \/health .* within 0\.8 s/);
  assert.match(error.message, /last probe: answered 503/);
  assert.match(error.message, /not ready yet: \/health/);
  assert.ok(await waitFor(() => marker.list().length === 0, 2_000));
});

test('a server that exits at once: its exit code and its last stderr lines, quoted on one line', async () => {
  const error = await catchUsageError(() => start(createFakeServerCommand('exitsAtOnce')));
  assert.match(error.message, /exited before it was ready \(exit code 3\)/);
  assert.match(error.message, /«reading config\.yaml ⏎ ::error::config\.yaml: missing key "model"»/);
  assert.equal(error.message.split('\n').length, 1);
});

test('a command whose port is taken (EADDRINUSE): the port-in-use message', async () => {
  const held = await holdPort();
  try {
    const error = await catchUsageError(() => start(createFakeServerCommand('fixedPort', String(held.port))));
    assert.match(error.message, /its port was already in use \(EADDRINUSE\)/);
    assert.match(error.message, /\$PORT or on \{port\}/);
  } finally {
    await closeServer(held.server);
  }
});

test('a readiness path without a leading slash is a usage error before anything starts', async () => {
  const error = await catchUsageError(() =>
    startServeCommand({ command: 'true', cwd: process.cwd(), readyPath: 'health', readyTimeoutMs: 1_000 }),
  );
  assert.match(error.message, /^--ready-path health: expected a path starting with \//);
});

test('a given URL: reachable is a target without a process; refused or silent is a usage error', async () => {
  const server = createServer((_request, response) => response.writeHead(404).end());
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  assert.ok(typeof address === 'object' && address !== null);
  try {
    const target = await connectToUrl(`http://127.0.0.1:${address.port}/`);
    assert.equal(target.baseUrl, `http://127.0.0.1:${address.port}`);
    assert.deepEqual([target.pid, target.readyMs, target.isAlive()], [null, null, true]);
  } finally {
    server.close();
  }
  const freePort = await findFreePort();
  const refused = await catchUsageError(() => connectToUrl(`http://127.0.0.1:${freePort}`));
  assert.match(
    refused.message,
    /^--url http:\/\/127\.0\.0\.1:\d+: expected a server that answers HTTP there, received no answer \(ECONNREFUSED/,
  );
  const held = await holdPort();
  try {
    const silent = await catchUsageError(() => connectToUrl(`http://127.0.0.1:${held.port}`, 1_000));
    assert.match(silent.message, /received no answer/);
  } finally {
    await closeServer(held.server);
  }
  const notHttp = await catchUsageError(() => connectToUrl('ftp://example.com'));
  assert.match(notHttp.message, /expected an http:\/\/ or https:\/\/ URL/);
});

/** A node process that starts the healthy fake server through startServeCommand, prints "ready", then `then`. */
function spawnEmbedprofLike(then: string): ChildProcess {
  const module = pathToFileURL(resolve('build/src/measure/serve/serve-target.js')).href;
  const options = {
    command: createFakeServerCommand('healthy'),
    cwd: process.cwd(),
    readyPath: '/health',
    readyTimeoutMs: 5_000,
  };
  const script = `import(${JSON.stringify(module)}).then((m) => m.startServeCommand(${JSON.stringify(options)}))
    .then(() => { console.log('ready'); ${then} });`;
  return spawn(process.execPath, ['-e', script], {
    env: { ...process.env, ...marker.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const waitForLine = (child: ChildProcess): Promise<string> =>
  new Promise((done) => child.stdout?.once('data', (chunk: Buffer) => done(chunk.toString())));

for (const [ending, then] of [
  ['SIGTERM', 'setInterval(() => {}, 1000);'],
  ['exit', 'setTimeout(() => process.exit(0), 100);'],
] as const) {
  test(`embedprof ending by ${ending} ends the started server's group`, async () => {
    const child = spawnEmbedprofLike(then);
    assert.equal((await waitForLine(child)).trim(), 'ready');
    assert.ok(marker.listCommands().some((line) => line.startsWith('sleep 300')));
    if (ending === 'SIGTERM') child.kill('SIGTERM');
    assert.ok(
      await waitFor(() => marker.list().length === 0, 3_000),
      `left running: ${marker.listCommands().join('; ')}`,
    );
  });
}
