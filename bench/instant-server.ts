/**
 * The bench's instant embedding server (a child process, so that it does not share the load generator's
 * event loop): answers every request at once with a TEI body of one small embedding per text, keeps
 * connections alive, and prints `{"port": N}` on stdout once it listens on 127.0.0.1.
 */
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  let length = 0;
  req.on('data', (chunk: Buffer) => (length += chunk.length));
  req.on('end', () => {
    const body = length > 0 ? '[[0.125,-0.5,0.25]]' : '[]';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
// the bench ends the server's process group; a closed stdin (the bench killed outright) ends it too
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
