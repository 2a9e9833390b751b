/**
 * The core's serve gate: a serve duet. The base ref is checked out in a temporary worktree (its setup run
 * there, without credentials), the base server started from it and the head server from the repository, both
 * measured in alternating windows on the same schedule (measure-serve-sides.ts), their sweeps compared by
 * compareServeSweeps (docs/serve-gate.md), and serve-comparison.json written with each side's
 * serve-profile.json and reports in base/ and head/. The verdict is data: a regression exits 1. Both servers
 * and the worktree are gone when it returns or throws — and on SIGINT/SIGTERM (their process groups and the
 * worktree register their own cleanups).
 */
import { relative, resolve } from 'node:path';
import { resolveServeCompareOptions, type ServeCompareOptions } from '../decide/compare/compare-serve.js';
import { materializeRef } from '../decide/duet/git-worktree.js';
import { runBaseSetup } from '../decide/duet/run-base-setup.js';
import { createUsageError, quoteUserText, RuntimeFailure } from '../ground/errors.js';
import { createDefaultCorpus, readCorpus } from '../measure/corpus/index.js';
import { loadTokenizer } from '../measure/engine/text-tokenizer.js';
import { prepareServeApi } from '../measure/serve/serve-api.js';
import type { ServeProfile } from '../measure/serve/serve-profile-schema.js';
import { buildServeProfile, type MeasuredServer } from './build-serve-profile.js';
import type { CoreDeps } from './core-deps.js';
import { measureServeSides, type MeasuredSides } from './measure-serve-sides.js';
import { prepareOutputDir } from './output-files.js';
import { readGitHead } from './read-provenance.js';
import { decideServeGate } from './decide-serve-gate.js';
import { requireCommandTarget, type ServeGateOutcome, type ServeGateRequest } from './serve-gate-request.js';
import { writeServeGateFiles } from './write-serve-gate-files.js';

export async function runServeGate(request: ServeGateRequest, deps: CoreDeps): Promise<ServeGateOutcome> {
  const startedAt = deps.now();
  const target = requireCommandTarget(request.target);
  const compareOptions = listCompareOptions(request);
  resolveServeCompareOptions(compareOptions); // a bad threshold is an input error before anything runs
  const api = prepareServeApi(request.api, request.templateLabel);
  const outDir = await prepareOutputDir(request.outDir, request.names);
  const corpus =
    request.corpus === null ? createDefaultCorpus(request.plan.seed) : await readCorpus(request.corpus);
  const tokenizer = request.tokenizer === null ? null : await loadTokenizer(request.tokenizer);
  const countTokens = tokenizer === null ? null : (text: string) => tokenizer.encode(text).length;
  const baseCommand = request.base.command ?? target.command;
  const { measured, baseCommit } = await measureInWorktree(request, deps, (baseCwd) =>
    measureServeSides(
      request,
      {
        base: { command: baseCommand, cwd: baseCwd },
        head: { command: target.command, cwd: deps.cwd },
        target,
      },
      { api, texts: corpus.texts, countTokens },
      deps,
    ),
  );
  const times = { startedAt, endedAt: deps.now() };
  const profile = (side: MeasuredServer, command: string, commit: string | null): ServeProfile =>
    buildServeProfile({ ...request, target: { ...target, command } }, corpus, side, { ...times, commit });
  const sides = {
    base: profile(measured.base, baseCommand, baseCommit),
    head: profile(measured.head, target.command, request.record.commit ?? readGitHead(deps.cwd)),
  };
  const decided = decideServeGate(
    sides,
    measured.failure,
    compareOptions,
    request.names,
    request.failOnInconclusive,
  );
  const labels = {
    base: describeSide(request.base.ref, sides.base.commit),
    head: describeSide(request.headLabel ?? 'the working tree', sides.head.commit),
  };
  const files = await writeServeGateFiles(outDir, { baseRef: request.base.ref, labels, ...decided });
  deps.progress.finish();
  const exitCode = decided.problems.length > 0 ? 1 : 0;
  return { kind: 'serve-gate', ...decided, labels, outDir, files, exitCode };
}

/** "origin/main (abc1234)": a side as the reports name it. */
const describeSide = (name: string, commit: string | null): string => {
  if (commit === null) return name;
  const short = commit.slice(0, 7);
  return commit.startsWith(name) && name.length >= 7 ? `commit ${short}` : `${name} (${short})`;
};

/** The comparison's options: the plan's objective, then the request's thresholds and gated metrics. */
function listCompareOptions(request: ServeGateRequest): ServeCompareOptions {
  const { latencySloMs, sloQuantile, maxErrorRate } = request.plan;
  return { latencySloMs, sloQuantile, maxErrorRate, ...request.compare };
}

/**
 * Runs `measure` with the base ref checked out in a worktree (its setup run first), the cwd inside it that
 * matches deps.cwd in the repository given; the worktree removed whatever happens.
 */
async function measureInWorktree(
  request: ServeGateRequest,
  deps: CoreDeps,
  measure: (baseCwd: string) => Promise<MeasuredSides>,
): Promise<{ measured: MeasuredSides; baseCommit: string }> {
  const { ref, setup, setupTimeout } = request.base;
  const tree = await materializeRef(deps.cwd, ref);
  if (tree.kind === 'unavailable') {
    throw createUsageError({
      input: `the base ref ${quoteUserText(ref)}`,
      expected: 'a commit, branch or tag of this repository (or one git can fetch from origin)',
      received: tree.reason,
      fix: 'Name a ref that exists, e.g. origin/main, or fetch it before the run.',
    });
  }
  try {
    const baseCwd = resolve(tree.dir, relative(tree.repoRoot, deps.cwd));
    if (setup !== null) {
      deps.progress.note(`base: running ${JSON.stringify(setup)} in the worktree of ${ref}`);
      const failure = await runBaseSetup(setup, baseCwd, setupTimeout);
      if (failure !== null) throw new RuntimeFailure(`the serve gate has no base to measure: ${failure}`);
    }
    return { measured: await measure(baseCwd), baseCommit: tree.commit };
  } finally {
    await tree.remove();
  }
}
