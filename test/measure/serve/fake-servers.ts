/**
 * The servers of the serve tests: tiny ones written as scripts to a temporary folder and started with this
 * node (each listens on $PORT unless told otherwise; what each does is in its name), and the bundled
 * reference server's command line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testCacheDir } from '../../helpers/run-cli.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';

/**
 * The source of an OpenAI embeddings server (one 3-d vector per text, /health answered) that runs `prelude`
 * first, answers `answers` (a JS expression) requests, then writes `lastWords` to stderr and exits 5.
 */
export function writeDyingOpenAiServer(options: {
  prelude: string;
  answers: string;
  lastWords: string;
}): string {
  return `
const http = require('node:http');
${options.prelude}
let left = Number(${options.answers});
http.createServer((req, res) => {
  if (req.url === '/health') { res.end('ok'); return; }
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const input = JSON.parse(body).input;
    const texts = Array.isArray(input) ? input : [input];
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ object: 'list', data: texts.map((_, index) => ({ object: 'embedding', index, embedding: [0.1, 0.2, 0.3] })) }));
    if (--left === 0) { console.error(${JSON.stringify(options.lastWords)}); setTimeout(() => process.exit(5), 5); }
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;
}

const SCRIPTS = {
  /** Answers 200 on /health, its environment on /env, exits on /die; starts a `sleep` in its group. */
  healthy: `
const http = require('node:http');
const { spawn } = require('node:child_process');
spawn('sleep', ['300'], { stdio: 'ignore' });
console.error('healthy server starting');
http.createServer((req, res) => {
  if (req.url === '/die') { res.end('bye'); setTimeout(() => process.exit(4), 10); return; }
  if (req.url === '/env') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(process.env)); return; }
  res.statusCode = req.url === '/health' ? 200 : 404;
  res.end('ok');
}).listen(Number(process.env.PORT), '127.0.0.1');
`,
  /** Listens but answers 503 on every path, writing a line to stderr per probe. */
  neverReady: `
const http = require('node:http');
console.error('loading weights…');
http.createServer((req, res) => { console.error('not ready yet: ' + req.url); res.statusCode = 503; res.end(); })
  .listen(Number(process.env.PORT), '127.0.0.1');
`,
  /** Writes two lines to stderr and exits with code 3. */
  exitsAtOnce: `
console.error('reading config.yaml');
console.error('::error::config.yaml: missing key "model"');
process.exit(3);
`,
  /** OpenAI embeddings (one 3-d vector per text) for its first $ANSWERS requests (default 40), then exits 5. */
  diesAfter: writeDyingOpenAiServer({
    prelude: '',
    answers: "process.env.ANSWERS ?? '40'",
    lastWords: 'out of memory: giving up',
  }),
  /** Ready on /health; answers every other request 200 with a body that is not JSON. */
  malformed: `
require('node:http').createServer((req, res) => { req.resume(); res.end(req.url === '/health' ? 'ok' : '<html>hello</html>'); })
  .listen(Number(process.env.PORT), '127.0.0.1');
`,
  /** Listens on the port given as its first argument (node's own EADDRINUSE error when it is taken). */
  fixedPort: `
require('node:http').createServer((req, res) => res.end('ok')).listen(Number(process.argv[2]), '127.0.0.1');
`,
};

export type FakeServer = keyof typeof SCRIPTS;

const folder = mkdtempSync(join(tmpdir(), 'embedprof-fake-servers-'));

/** The shell command that runs the fake server `name` with this node (extra arguments appended). */
export function createFakeServerCommand(name: FakeServer, ...args: string[]): string {
  const path = join(folder, `${name}.cjs`);
  writeFileSync(path, SCRIPTS[name]);
  return [process.execPath, path, ...args].map((part) => JSON.stringify(part)).join(' ');
}

/** A TCP server holding a loopback port (for the port-in-use cases); close() frees it. */
export async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return { port: address.port, server };
}

export const closeServer = (server: Server): Promise<void> =>
  new Promise((done) => server.close(() => done()));

/** The reference server's command line, as a user would give it to --serve-command. */
export function createReferenceCommand(extra: string[] = []): string {
  const entry = resolve('build/src/measure/serve/reference-server-main.js');
  const args = [
    '--model',
    'synthetic:all-MiniLM-L6-v2',
    '--dtype',
    'q8',
    '--tokenizer',
    miniLmTokenizerDir(),
  ];
  return [process.execPath, entry, ...args, '--cache-dir', testCacheDir, ...extra]
    .map((part) => JSON.stringify(part))
    .join(' ');
}
