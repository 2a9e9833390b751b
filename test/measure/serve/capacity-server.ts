/**
 * A server of known capacity for the rate sweep's tests: one FIFO worker that spends a fixed service time per
 * request (so 10 ms → at most 100 requests/s), answering in OpenAI's shape, in a child process of its own
 * started through startServeCommand (its own process group, stopped when the test ends). Its queue is M/D/1-like under Poisson arrivals: the latency at a
 * rate follows from the utilisation rate × service time, so where the p95 crosses an objective is computable.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startServeCommand } from '../../../src/measure/serve/serve-target.js';
import type { ServeTarget } from '../../../src/measure/serve/serve-types.js';

const SCRIPT = `
const http = require('node:http');
const serviceMs = Number(process.env.SERVICE_MS);
const queue = [];
let working = false;
function work() {
  const job = queue.shift();
  if (job === undefined) { working = false; return; }
  // the service time passes on a timer (re-armed until it has passed on performance.now()'s clock): a process
  // that sleeps is woken promptly on a loaded machine, where a busy-wait would be preempted and stretched
  const end = performance.now() + serviceMs;
  const serve = () => {
    const left = end - performance.now();
    if (left > 0) { setTimeout(serve, left); return; }
    const data = job.texts.map((_, index) => ({ object: 'embedding', index, embedding: [index, 0.5, -1] }));
    job.res.setHeader('content-type', 'application/json');
    job.res.end(JSON.stringify({ object: 'list', data }));
    work();
  };
  serve();
}
http.createServer((req, res) => {
  if (req.method === 'GET') { res.end('ok'); return; }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    queue.push({ texts: JSON.parse(Buffer.concat(chunks).toString('utf8')).input, res });
    if (!working) { working = true; work(); }
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

const folder = mkdtempSync(join(tmpdir(), 'embedprof-capacity-server-'));

/** Starts the server with the given service time per request; stopped (with its group) after the test. */
export async function startCapacityServer(t: TestContext, serviceMs: number): Promise<ServeTarget> {
  const path = join(folder, 'capacity-server.cjs');
  writeFileSync(path, SCRIPT);
  const target = await startServeCommand({
    command: [process.execPath, path].map((part) => JSON.stringify(part)).join(' '),
    cwd: folder,
    readyPath: '/health',
    readyTimeoutMs: 10_000,
    env: { SERVICE_MS: String(serviceMs) },
  });
  t.after(() => target.stop());
  return target;
}
