/**
 * The HTTP server under every loopback stand-in (GitHub API, artifact service, model hub): listening on
 * 127.0.0.1 at a free port, closed with its open connections when the test ends or when asked, once.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestContext } from 'node:test';

export interface LoopbackServer {
  /** `http://127.0.0.1:{port}`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

export async function startLoopbackServer(
  t: TestContext,
  name: string,
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<LoopbackServer> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`${name}: no TCP address`);
  const closed = new Promise<void>((resolve) => server.once('close', resolve));
  const close = (): Promise<void> => {
    if (server.listening) server.close().closeAllConnections();
    return closed;
  };
  t.after(close);
  return { origin: `http://127.0.0.1:${address.port}`, close };
}
