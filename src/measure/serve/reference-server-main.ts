/**
 * The bundled reference server, runnable on its own:
 *   node build/src/measure/serve/reference-server-main.js --model synthetic:all-MiniLM-L6-v2 --dtype q8 \
 *     --tokenizer ../shared/models/all-MiniLM-L6-v2 --port 8080 [--slow-percent 15] [--threads 1]
 * The port defaults to $PORT (what `--serve-command` gives a server), else 8080. It prints one line when it
 * listens and stops on SIGINT or SIGTERM. Input errors exit 2; a taken port exits 1 with EADDRINUSE on stderr.
 */
import { describeError, UsageError } from '../../ground/errors.js';
import { createReferenceServer } from './reference-server.js';
import { loadReferenceEmbedder, readReferenceArgs } from './reference-server-setup.js';

async function main(): Promise<void> {
  const args = readReferenceArgs(process.argv.slice(2), process.env);
  const embedder = await loadReferenceEmbedder(args);
  const server = createReferenceServer({ embedder, modelName: args.model, slowPercent: args.slowPercent });
  server.on('error', (error) => {
    process.stderr.write(`reference server: ${describeError(error)}\n`);
    process.exit(1);
  });
  server.listen(args.port, args.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : args.port;
    process.stdout.write(
      `reference server listening on http://${args.host}:${port} (${args.model}, slow ${args.slowPercent} %)\n`,
    );
  });
  const shutdown = (): void => {
    server.close();
    server.closeAllConnections();
    void embedder.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`reference server: ${describeError(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
