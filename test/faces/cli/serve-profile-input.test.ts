/**
 * `embedprof serve-profile` on bad input: each case is one message naming the flag, what was expected and
 * what was received, exit 2, before any load is sent; and no server process outlives the command.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/run-cli.js';
import { closeServer, createFakeServerCommand, holdPort } from '../../measure/serve/fake-servers.js';

const out = () => join(mkdtempSync(join(tmpdir(), 'embedprof-serve-input-')), 'out');

function serveProfile(args: string[]) {
  return runCli(['serve-profile', '--no-config', '--quiet', '--out', out(), ...args], { timeoutMs: 60_000 });
}

function assertInputError(result: ReturnType<typeof runCli>, pattern: RegExp): void {
  assert.equal(result.status, 2, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stderr, pattern);
  assert.equal(result.stdout, '', 'nothing measured, nothing written');
}

test('serve-profile names the missing server, or both given, as one input error', () => {
  assertInputError(
    serveProfile([]),
    /--url: expected the server to measure: --url of a running one, or --serve-command .*received neither/,
  );
  const both = serveProfile(['--url', 'http://127.0.0.1:9', '--serve-command', 'true']);
  assertInputError(
    both,
    /--url: expected either a running server's URL or --serve-command, not both.*received both/,
  );
});

test('serve-profile: a template API needs its template, and a template needs the template API', () => {
  const missing = serveProfile(['--url', 'http://127.0.0.1:9', '--api', 'template']);
  assertInputError(missing, /--request-template: expected the JSON body of each request/);
  const stray = serveProfile(['--url', 'http://127.0.0.1:9', '--request-template', '{"x": {{texts}}}']);
  assertInputError(
    stray,
    /--request-template: expected --api template beside a request template.*received --api openai/,
  );
  const broken = serveProfile([
    '--url',
    'http://127.0.0.1:9',
    '--api',
    'template',
    '--request-template',
    '{"x": 1}',
  ]);
  assertInputError(broken, /--request-template/);
});

test('serve-profile: bad values of its flags name the flag and what was received', () => {
  assertInputError(serveProfile(['--url', 'ftp://host']), /--url: expected an http\(s\) URL/);
  assertInputError(
    serveProfile(['--url', 'http://127.0.0.1:9', '--api', 'grpc']),
    /--api: expected one of openai, tei, template/,
  );
  assertInputError(
    serveProfile(['--url', 'http://127.0.0.1:9', '--rates', '10,-1']),
    /--rates: expected a comma-separated list of positive numbers/,
  );
  assertInputError(
    serveProfile(['--url', 'http://127.0.0.1:9', '--max-error-rate', '2']),
    /--max-error-rate: expected a fraction between 0 and 1/,
  );
  assertInputError(
    serveProfile(['--url', 'http://127.0.0.1:9', '--slo-quantile', 'p90']),
    /--slo-quantile: expected one of p95, p99/,
  );
});

test('serve-profile: an unreachable --url is an input error naming it', async () => {
  const { port, server } = await holdPort();
  await closeServer(server); // nothing listens there now
  const result = serveProfile(['--url', `http://127.0.0.1:${port}`]);
  assertInputError(
    result,
    new RegExp(`--url http://127\\.0\\.0\\.1:${port}: expected a server that answers HTTP there`),
  );
});

test('serve-profile: a --serve-command that exits at once, or never gets ready, names it and quotes its stderr', () => {
  const exits = serveProfile(['--serve-command', createFakeServerCommand('exitsAtOnce')]);
  assertInputError(
    exits,
    /--serve-command .*exited before it was ready \(exit code 3\); its last stderr lines: «.*missing key/,
  );
  const never = serveProfile([
    '--serve-command',
    createFakeServerCommand('neverReady'),
    '--ready-timeout',
    '1',
  ]);
  assertInputError(
    never,
    /--serve-command .*expected a 2xx answer to GET \/health .* within 1 s.*received none \(last probe: answered 503\).*raise --ready-timeout\./,
  );
  const slashless = serveProfile([
    '--serve-command',
    createFakeServerCommand('healthy'),
    '--ready-path',
    'health',
  ]);
  assertInputError(slashless, /--ready-path "?health"?: expected a path starting with \//);
});

test('serve-profile: a --serve-command whose port is taken says so', async () => {
  const { port, server } = await holdPort();
  try {
    const result = serveProfile(['--serve-command', createFakeServerCommand('fixedPort', String(port))]);
    assertInputError(result, /already in use \(EADDRINUSE\)/);
  } finally {
    await closeServer(server);
  }
});

test('serve-profile reads embedprof.config.json: a bad serve key there is named by the file and its key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-serve-config-'));
  writeFileSync(
    join(dir, 'embedprof.config.json'),
    JSON.stringify({ schemaVersion: 1, serve: { api: 'grpc', command: 'true' } }),
  );
  const result = runCli(['serve-profile', '--quiet', '--out', out()], { cwd: dir, timeoutMs: 60_000 });
  assertInputError(result, /embedprof\.config\.json: expected a valid embedprof config file.*serve\.api: /);
});
