// dist/index.js: link onnxruntime-node (resolve-onnxruntime.ts), then load the action's bundle.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCacheRoot, linkOnnxRuntime, resolveOnnxRuntime } from './resolve-onnxruntime.js';

const distDir = dirname(fileURLToPath(import.meta.url));
const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
const workingDirectory = process.env['INPUT_WORKING-DIRECTORY']?.trim() ?? '';
const workspaces = workingDirectory === '' ? [workspace] : [resolve(workspace, workingDirectory), workspace];
const runtime = resolveOnnxRuntime(distDir, workspaces, findCacheRoot(process.env));
linkOnnxRuntime(distDir, runtime);
process.stdout.write(
  `embedprof: onnxruntime-node ${runtime.version} from the ${runtime.source} (${runtime.dir})\n`,
);
const bundle = './action.js';
await import(/* webpackIgnore: true */ bundle);
