// `npm run depcruise` (and `npm test`, after lint): the rules of .dependency-cruiser.cjs over src/ (layers, faces
// apart, @actions/*, I/O in pure modules, file cycles), then cycles between components (src/core, src/history and
// each folder one level inside faces/, report/, decide/, measure/, ground/; a file directly inside a group is its own
// component). dependency-cruiser's --collapse only changes how a graph is drawn, not what its rules see, so the
// component graph is built here from the file graph the cruiser reports. Last, the layer graph it prints must match
// the one in CONTRIBUTING.md (`node scripts/check-architecture.mjs --write` rewrites it). Exits 1 on any violation.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const cruiser = 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs';
const GROUPED = /^src\/(faces|report|decide|measure|ground)\/[^/]+/;
const topFolder = (source) => source.match(GROUPED)?.[0] ?? source.match(/^src\/[^/]+/)?.[0] ?? source;
const LAYERS = ['faces', 'core', 'report', 'history', 'decide', 'measure', 'ground'];
const layerOf = (source) => source.match(/^src\/([^/]+)\//)?.[1] ?? null;
const CONTRIBUTING = 'CONTRIBUTING.md';
const MARKERS = [
  '<!-- layer-graph: written by scripts/check-architecture.mjs --write -->',
  '<!-- /layer-graph -->',
];

function runCruiser() {
  const args = [cruiser, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'];
  // The cruiser exits non-zero when it finds violations; its JSON is on stdout either way.
  try {
    return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 }));
  } catch (error) {
    if (typeof error.stdout === 'string' && error.stdout.startsWith('{')) return JSON.parse(error.stdout);
    throw error;
  }
}

function describeViolation(violation) {
  const steps = violation.cycle?.map((step) => step.name) ?? [violation.to];
  return `${violation.rule.name}: ${[violation.from, ...steps].join(' → ')}`;
}

/** Top-level folder → folder it imports → one file-level import that makes the edge. */
function buildFolderGraph(modules) {
  const graph = new Map();
  for (const module of modules.filter((m) => m.source.startsWith('src/'))) {
    const from = topFolder(module.source);
    for (const dependency of module.dependencies.filter((d) => d.resolved.startsWith('src/'))) {
      const to = topFolder(dependency.resolved);
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      const edges = graph.get(from);
      if (!edges.has(to)) edges.set(to, `${module.source} → ${dependency.resolved}`);
    }
  }
  return graph;
}

/** The shortest folder path from `start` to `goal`, or null. */
function findShortestPath(graph, start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === goal) {
      const path = [];
      for (let at = goal; at !== null; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const next of graph.get(node)?.keys() ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  return null;
}

/** One shortest cycle through every folder edge that lies on a cycle, each cycle listed once. */
function findFolderCycles(graph) {
  const cycles = new Map();
  for (const [from, edges] of graph) {
    for (const to of edges.keys()) {
      const back = findShortestPath(graph, to, from);
      if (back === null) continue;
      const cycle = [from, ...back.slice(0, -1)];
      const first = cycle.indexOf([...cycle].sort()[0]);
      const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
      cycles.set(rotated.join(' → '), rotated);
    }
  }
  return [...cycles.values()];
}

function describeFolderCycle(graph, cycle) {
  const hops = cycle.map((from, index) => {
    const to = cycle[(index + 1) % cycle.length];
    return `      ${graph.get(from).get(to)}`;
  });
  const name = cycle.length === 2 ? `${cycle[0]} ↔ ${cycle[1]}` : [...cycle, cycle[0]].join(' → ');
  return [`no-folder-cycle: ${name}`, ...hops].join('\n');
}

/** The layers each layer imports (a mermaid flowchart), as `npm run depcruise` finds them. */
function drawLayerGraph(modules) {
  const edges = new Map(LAYERS.map((layer) => [layer, new Set()]));
  for (const module of modules.filter((m) => m.source.startsWith('src/'))) {
    const from = layerOf(module.source);
    for (const dependency of module.dependencies) {
      const to = layerOf(dependency.resolved);
      if (from !== null && to !== null && to !== from) edges.get(from)?.add(to);
    }
  }
  const lines = ['```mermaid', 'flowchart TD'];
  for (const layer of LAYERS) {
    const targets = LAYERS.filter((other) => edges.get(layer).has(other));
    if (targets.length > 0) lines.push(`  ${layer} --> ${targets.join(' & ')}`);
  }
  return [...lines, '```'].join('\n');
}

/** Whether CONTRIBUTING.md shows `graph` (rewritten with --write). */
function checkContributingGraph(graph) {
  const text = readFileSync(CONTRIBUTING, 'utf8');
  const start = text.indexOf(MARKERS[0]);
  const end = text.indexOf(MARKERS[1]);
  if (start < 0 || end < start) return `${CONTRIBUTING} has no ${MARKERS[0]} … ${MARKERS[1]} block`;
  const next = `${text.slice(0, start)}${MARKERS[0]}\n${graph}\n${text.slice(end)}`;
  if (next === text) return null;
  if (process.argv.includes('--write')) return (writeFileSync(CONTRIBUTING, next), null);
  return `${CONTRIBUTING}'s layer graph differs from src/'s: run \`node scripts/check-architecture.mjs --write\``;
}

const result = runCruiser();
const fileViolations = result.summary.violations.filter((violation) => violation.rule.severity === 'error');
const graph = buildFolderGraph(result.modules);
const folderCycles = findFolderCycles(graph);
const { totalCruised, totalDependenciesCruised } = result.summary;
console.log(`architecture: ${totalCruised} modules, ${totalDependenciesCruised} dependencies cruised`);
for (const violation of fileViolations) console.log(`  ✖ ${describeViolation(violation)}`);
for (const cycle of folderCycles) console.log(`  ✖ ${describeFolderCycle(graph, cycle)}`);
const layerGraph = drawLayerGraph(result.modules);
console.log(`layers (${LAYERS.join(' → ')}):\n${layerGraph}`);
const graphProblem = checkContributingGraph(layerGraph);
if (graphProblem !== null) console.log(`  ✖ ${graphProblem}`);
const count = fileViolations.length + folderCycles.length + (graphProblem === null ? 0 : 1);
if (count === 0) {
  console.log(
    '✔ architecture: no violations (layers, faces apart, file and component cycles, @actions/* outside src/faces/action, I/O in pure modules, the layer graph in CONTRIBUTING.md)',
  );
} else {
  const byRule = new Map();
  for (const name of [
    ...fileViolations.map((v) => v.rule.name),
    ...folderCycles.map(() => 'no-folder-cycle'),
    ...(graphProblem === null ? [] : ['layer-graph']),
  ])
    byRule.set(name, (byRule.get(name) ?? 0) + 1);
  const parts = [...byRule].map(([name, n]) => `${n} ${name}`).join(', ');
  console.log(
    `✖ architecture: ${count} violation${count === 1 ? '' : 's'} (${parts}); rules in .dependency-cruiser.cjs`,
  );
  process.exitCode = 1;
}
