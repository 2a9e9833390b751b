/**
 * `embedprof serve-reference`: the bundled reference server (measure/serve/reference-server.ts) on the command
 * line — the model loaded as the measuring commands load it, served until SIGINT or SIGTERM. It is a server,
 * not a measurement: no core run, no report; the command returns once a signal stopped it.
 */
import { serveReference, type ReferenceServerArgs } from '../../measure/serve/reference-server-setup.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';

/** The reference server's arguments from the resolved settings. */
export function buildReferenceArgs(settings: ResolvedSettings): ReferenceServerArgs {
  const { values } = settings;
  return {
    model: values.model ?? 'synthetic:all-MiniLM-L6-v2',
    dtype: values.dtype,
    tokenizer: values.tokenizer,
    port: values.referencePort,
    host: values.referenceHost,
    threads: values.threads,
    slowPercent: values.referenceSlowPercent ?? 0,
    cacheDir: values.cacheDir,
    hubEndpoint: values.hubEndpoint,
  };
}

export async function runServeReferenceCommand(settings: ResolvedSettings): Promise<number> {
  await serveReference(buildReferenceArgs(settings), (line) => void process.stdout.write(`${line}\n`));
  return 0;
}
