// Runs every compiled test file with node's built-in test runner, on this node (process.execPath): under
// `npm test` the `node` devDependency's Node 24 (npm puts node_modules/.bin first on PATH). Every test that
// starts a process (CLI, action, workers) starts process.execPath too. Listing the files ourselves (rather
// than a glob) keeps `node scripts/run-tests.mjs FILTER…` simple.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function listTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTests(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const MIN_MAJOR = 22; // package.json engines
const major = Number(process.versions.node.split('.')[0]);
console.log(`node ${process.version} (${process.execPath})`);
if (major < MIN_MAJOR) {
  const message = `node ${process.version} is older than ${MIN_MAJOR}: run the tests through npm (\`npm test\`, \`npm run test:only -- FILTER\`), which puts the node devDependency first on PATH`;
  if (process.env.CI === 'true') {
    console.error(message);
    process.exit(1);
  }
  console.warn(`warning: ${message}`);
}

// Node's own flags (`--test-reporter=dot`, `--test-name-pattern=…`) pass through; every other argument is a filter.
const args = process.argv.slice(2);
const nodeFlags = args.filter((arg) => arg.startsWith('--'));
const filter = args.filter((arg) => !arg.startsWith('--'));
const files = listTests('build/test').filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('No compiled test files found under build/test. Run `npm run build` first.');
  process.exit(1);
}

// Two groups, one after the other, so that nothing ever runs beside a file that measures.
// CONCURRENT files run two at a time (three at a time took 548 s where two took 495: they keep both cores
// busy): their assertions hold however fast or lean anything ran (computations on
// values, input errors, files, git and processes waited on, rendered reports, runs whose checks are wiring).
// Every other file runs alone: it measures (compares speeds, reads memory, asserts a verdict, a time budget or
// a steady state from real measurements) or reads machine-wide state (all processes, entries of the shared
// TMPDIR). A new test file runs alone until it is listed here.
const CONCURRENT = [
  // folders whose tests compute on values, fakes and fixtures, or read and write files
  ...[
    'action-runtime/',
    'decide/baseline/',
    'decide/compare/',
    'decide/gate/',
    'faces/settings/',
    'helpers/',
  ],
  ...[
    'ground/',
    'measure/analysis/',
    'measure/corpus/',
    'measure/engine/',
    'measure/model/',
    'measure/shards/',
  ],
  ...['report/', 'smoke.test.js', 'readme-quick-start.test.js'],
  // (measure/onnx/bert-graph times the generation of the model)
  ...['measure/onnx/graph-analysis', 'measure/onnx/probe-graph', 'measure/onnx/protobuf'],
  'measure/onnx/synthetic-model',
  // the action: inputs, manifests and recipes, input errors, profiles and baselines whose checks are wiring
  ...['faces/action/action-inputs', 'faces/action/action-manifest', 'faces/action/bad-inputs-run'],
  ...['faces/action/baseline-changes', 'faces/action/embedder-error-run', 'faces/action/github-api-pulls'],
  ...['faces/action/local-action', 'faces/action/publish', 'faces/action/recipes'],
  ...['faces/action/recipe-update-baseline', 'faces/action/scheduled-run', 'faces/action/untrusted-env-run'],
  // the CLI: input errors, stored documents, profiles whose checks are wiring
  ...[
    'faces/cli/bad-input',
    'faces/cli/bad-paths',
    'faces/cli/baseline-command',
    'faces/cli/compare-command',
  ],
  ...[
    'faces/cli/embedder-faults',
    'faces/cli/export-command',
    'faces/cli/hub-model',
    'faces/cli/profile-embedder',
  ],
  ...['faces/cli/report-command', 'faces/cli/tokenizer-mismatch'],
  ...['core/read-provenance', 'core/report-set-full-disk', 'core/run-documents', 'core/run-export'],
  ...['core/run-history-site', 'core/run-requests'],
  ...['measure/protocol/measure-cell', 'measure/protocol/schedule', 'measure/protocol/summarize-cell'],
  // serving: plans, bodies, summaries, and the load generator's error records (send-schedule keeps time: alone)
  ...['measure/serve/plan-arrivals', 'measure/serve/serve-api', 'measure/serve/summarize-window'],
  ...['measure/serve/send-errors', 'measure/serve/wait-until'],
  ...['measure/protocol/worker-env', 'measure/protocol/probe-model-files'],
  // serving: the reference server's flags, its queue's order and slowdown (lower bounds from its own batches)
  ...['measure/serve/reference-server-setup', 'measure/serve/embed-queue'],
  // the rate sweep's pure parts: the ladder's rates and orders, the quantiles' bootstrap and the knee
  ...['measure/serve/plan-rate-ladder', 'measure/serve/estimate-knee', 'measure/serve/bootstrap-windows'],
  ...['measure/serve/sweep-warnings', 'measure/serve/round-knee-interval', 'measure/serve/serve-duet-plan'],
  // history: all but the data-branch files, which list the shared TMPDIR and time a push
  ...['history/base-history', 'history/build-series', 'history/check-history', 'history/history-'],
  ...['history/level-shifts', 'history/real-series', 'history/run-history-add', 'history/serve-history'],
  // verdicts no noise can flip: a 2.5× slowdown, a 160 MB memory ballast gated on memory, 50 % thresholds
  ...['faces/action/pull-request-run', 'faces/action/adoption-run', 'faces/action/duet-run'],
  ...['faces/action/shard-merge-run', 'faces/action/history-run', 'faces/action/recipe-jobs'],
  ...['decide/duet/gate-against', 'decide/duet/shard-merge'],
  // +300 ms on a ≈ 0.4 s cold start at a 0.5 threshold; embeddings of other weights (cosine ≈ 0) or of q8 (≈ 1)
  ...['decide/duet/cold-start-gate', 'decide/duet/quality-gate', 'decide/duet/confirmation'],
  // a head model that takes about twice the base's time (a MatMul-heavy tail)
  'decide/duet/operator-attribution',
  // wiring checks that gate only memory, with a threshold no RSS spread reaches
  ...['faces/cli/gate-run', 'core/run-profile-gate'],
  ...['core/run-nightly', 'faces/cli/nightly-command'],
  // duet runs whose outcomes come from failures and fallbacks, not from measured speeds
  ...['decide/duet/base-failures', 'decide/duet/gate-fallback', 'decide/duet/gate-processes'],
  'decide/duet/head-failures',
  // the serve gate's wiring against a trivial server: files, names, comments, never a verdict
  ...['core/run-serve-gate', 'faces/cli/serve-gate-run', 'faces/action/serve-gate-run'],
  // the serve duet's wiring (pairs, alternation, one schedule, probes and ladders on both sides), never a knee
  ...['measure/serve/measure-serve-duet', 'measure/serve/run-duet-sweep'],
  'core/decide-serve-gate',
];

const isConcurrent = (file) => CONCURRENT.some((entry) => file.startsWith(`build/test/${entry}`));
const groups = [
  { concurrency: 2, files: files.filter(isConcurrent) },
  { concurrency: 1, files: files.filter((file) => !isConcurrent(file)) },
];
let status = 0;
for (const group of groups.filter((g) => g.files.length > 0)) {
  const flags = [`--test-concurrency=${group.concurrency}`, ...nodeFlags];
  const result = spawnSync(process.execPath, ['--test', ...flags, ...group.files], { stdio: 'inherit' });
  status = Math.max(status, result.status ?? 1);
}
process.exit(status);
