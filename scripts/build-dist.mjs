// `npm run build:dist`: the action's committed dist/ from the tsc output in build/ (run `npm run build` first).
// `node scripts/build-dist.mjs OUT` writes the same files to OUT instead (check-dist compares them).
//   dist/index.js        bootstrap: links onnxruntime-node (see src/faces/action/resolve-onnxruntime.ts), loads action.js
//   dist/action.js       the action (ncc bundle of build/src/faces/action/index.js), onnxruntime-node external
//   dist/worker-main.js  the measurement worker every cell runs in (its own bundle; forked by action.js)
//   dist/*.index.js      chunks of action.js
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const ncc = join('node_modules', '.bin', 'ncc');

function bundle(entry, externals) {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-ncc-'));
  const flags = externals.flatMap((name) => ['-e', name]);
  execFileSync(ncc, ['build', entry, '-o', out, '--quiet', '--no-source-map-register', ...flags], {
    stdio: 'inherit',
  });
  return out;
}

rmSync(dist, { recursive: true, force: true });
const action = bundle('build/src/faces/action/index.js', ['onnxruntime-node']);
renameSync(action, dist);
renameSync(join(dist, 'index.js'), join(dist, 'action.js'));
// ncc copied the unbundled worker as an asset (spawn-worker forks the worker-main.js beside itself):
// replace it with the worker's own bundle.
const worker = bundle('build/src/measure/protocol/ipc/worker-main.js', ['onnxruntime-node']);
const workerFiles = readdirSync(worker).filter((file) => file !== 'package.json');
if (workerFiles.join() !== 'index.js')
  throw new Error(`worker bundle has more than index.js: ${workerFiles}`);
copyFileSync(join(worker, 'index.js'), join(dist, 'worker-main.js'));
const bootstrap = bundle('build/src/faces/action/bootstrap.js', []);
copyFileSync(join(bootstrap, 'index.js'), join(dist, 'index.js'));
writeFileSync(join(dist, 'package.json'), '{ "type": "module" }\n');
chmodSync(dist, 0o755);
// ncc's asset relocator rewrites path.resolve/join calls it can evaluate into paths of build-time files: refuse
// any such rewrite (besides its own definition) and any copied asset folder.
const relocated = readdirSync(dist)
  .filter((file) => file.endsWith('.js'))
  .flatMap((file) =>
    readFileSync(join(dist, file), 'utf8')
      .split('\n')
      .map((line) => [file, line]),
  )
  .filter(([, line]) => line.includes('__nccwpck_require__.ab +'));
const folders = readdirSync(dist, { withFileTypes: true }).filter((entry) => entry.isDirectory());
if (relocated.length > 0 || folders.length > 0) {
  const lines = relocated.map(([file, line]) => `${file}: ${line.trim()}`);
  const dirs = folders.map((entry) => `${entry.name}/`);
  throw new Error(
    `ncc relocated build-time paths into dist/; write those paths differently:\n${[...lines, ...dirs].join('\n')}`,
  );
}
for (const dir of [worker, bootstrap]) rmSync(dir, { recursive: true, force: true });
console.log(`dist/: ${readdirSync(dist).sort().join(', ')}`);
