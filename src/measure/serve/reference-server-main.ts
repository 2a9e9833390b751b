/**
 * The bundled reference server, runnable on its own (`embedprof serve-reference` runs the same server):
 *   node build/src/measure/serve/reference-server-main.js --model synthetic:all-MiniLM-L6-v2 --dtype q8 \
 *     --tokenizer ../shared/models/all-MiniLM-L6-v2 --port 8080 [--slow-percent 15] [--threads 1]
 * The port defaults to $PORT (what `--serve-command` gives a server), else 8080. It prints one line when it
 * listens and stops on SIGINT or SIGTERM (exit 0). Input errors exit 2; a taken port exits 1 with EADDRINUSE
 * on stderr.
 */
import { describeError, UsageError } from '../../ground/errors.js';
import { readReferenceArgs, serveReference } from './reference-server-setup.js';

async function main(): Promise<void> {
  const args = readReferenceArgs(process.argv.slice(2), process.env);
  await serveReference(args, (line) => process.stdout.write(`${line}\n`));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${describeError(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
