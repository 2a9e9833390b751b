// dist/index.js: shed the credentials from this process image (shed-secrets.ts), link onnxruntime-node (resolve-onnxruntime.ts), then load the action's bundle. The modes that
// load no model (comment, merge; serve and serve-gate, which measure a server over HTTP) never load
// onnxruntime-node, so they skip it; a failure to provide it is one
// `::error::` line, never a stack trace.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCacheRoot, linkOnnxRuntime, resolveOnnxRuntime } from './resolve-onnxruntime.js';
import { shedSecrets } from './shed-secrets.js';

const MODES_WITHOUT_ONNXRUNTIME = new Set(['comment', 'merge', 'serve', 'serve-gate']);

function provideOnnxRuntime(): void {
  const distDir = dirname(fileURLToPath(import.meta.url));
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const workingDirectory = process.env['INPUT_WORKING-DIRECTORY']?.trim() ?? '';
  const workspaces =
    workingDirectory === '' ? [workspace] : [resolve(workspace, workingDirectory), workspace];
  const runtime = resolveOnnxRuntime(distDir, workspaces, findCacheRoot(process.env));
  linkOnnxRuntime(distDir, runtime);
  process.stdout.write(
    `embedprof: onnxruntime-node ${runtime.version} from the ${runtime.source} (${runtime.dir})\n`,
  );
}

const unshed = shedSecrets();
if (unshed !== null)
  process.stdout.write(
    `::warning::embedprof could not re-execute without the tokens in its environment (${unshed.replace(/\r?\n/g, ' ')}): user code it runs can read them at /proc/${process.pid}/environ.\n`,
  );
const mode = process.env.INPUT_MODE?.trim() ?? '';
try {
  if (!MODES_WITHOUT_ONNXRUNTIME.has(mode)) provideOnnxRuntime();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const oneLine = message.replace(/\r?\n/g, ' ').replace(/%/g, '%25');
  process.stdout.write(
    `::error::embedprof could not provide onnxruntime-node: ${oneLine}. Add onnxruntime-node to your package.json (npm ci before this step), or check the runner's network and tool cache.\n`,
  );
  process.exit(1);
}
const bundle = './action.js';
await import(/* webpackIgnore: true */ bundle);
