/**
 * Loopback embedding servers for the load generator's tests: a real node:http server that reads each JSON
 * request and answers as a behaviour says (TEI or OpenAI embeddings, an error status, a reset, a stall, a
 * body of the wrong shape, no answer at all), and records what it received and how many requests were open.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestContext } from 'node:test';
import { startLoopbackServer } from '../../helpers/loopback-server.js';

/** What the server does with the n-th request (0-based), given the texts it carried. */
export type Answer =
  | { kind: 'reply'; status: number; body: string; headers?: Record<string, string>; delayMs?: number }
  | { kind: 'reset' }
  | { kind: 'hang' };

export type Behaviour = (texts: string[], n: number) => Answer;

export interface EmbeddingServer {
  origin: string;
  /** The texts of each request, in arrival order. */
  received: string[][];
  /** Each request's method and path, in arrival order. */
  requestLines: string[];
  /** The most requests open at once. */
  maxOpen(): number;
  close(): Promise<void>;
}

/** TEI's answer: one 3-dimensional embedding per text. */
export function answerTei(texts: readonly string[]): Answer {
  return { kind: 'reply', status: 200, body: JSON.stringify(texts.map((_, i) => [i, 0.5, -1])) };
}

/** OpenAI's answer: `data[].embedding`, one per text. */
export function answerOpenAi(texts: readonly string[]): Answer {
  const data = texts.map((_, index) => ({ object: 'embedding', index, embedding: [index, 0.25] }));
  return { kind: 'reply', status: 200, body: JSON.stringify({ object: 'list', data }) };
}

function readTexts(body: string): string[] {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== 'object' || parsed === null) return [];
  const texts = 'inputs' in parsed ? parsed.inputs : 'input' in parsed ? parsed.input : [];
  return Array.isArray(texts) ? texts.map(String) : [];
}

export async function startEmbeddingServer(t: TestContext, behaviour: Behaviour): Promise<EmbeddingServer> {
  const received: string[][] = [];
  const requestLines: string[] = [];
  let open = 0;
  let maxOpen = 0;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    res.once('close', () => open--);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const texts = readTexts(Buffer.concat(chunks).toString('utf8'));
      received.push(texts);
      requestLines.push(`${req.method} ${req.url}`);
      respond(req, res, behaviour(texts, received.length - 1));
    });
  };
  const server = await startLoopbackServer(t, 'embedding server', handle);
  return { origin: server.origin, received, requestLines, maxOpen: () => maxOpen, close: server.close };
}

function respond(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  switch (answer.kind) {
    case 'reset':
      req.socket.destroy();
      return;
    case 'hang':
      return;
    case 'reply': {
      const send = (): void => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body);
      };
      if (answer.delayMs === undefined) send();
      else setTimeout(send, answer.delayMs);
      return;
    }
  }
}
