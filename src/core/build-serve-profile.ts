/**
 * serve-profile.json's document from what a run measured on one server: the target, its cold start, the
 * sweeps, the server's RSS over the run. The serve profile and each side of the serve gate build theirs here.
 */
import type { Corpus } from '../measure/corpus/index.js';
import { describeCorpus } from '../measure/sweep/profile-parts.js';
import { readToolVersion } from '../measure/sweep/tool-version.js';
import type { ServeProfile, ServeSweep } from '../measure/serve/serve-profile-schema.js';
import { findPeakRssMB, type RssSample } from '../measure/serve/server-memory.js';
import { readMachine } from '../ground/platform/environment.js';
import type { ServeTargetRequest } from '../measure/serve/open-serve-target.js';
import type { ServePlan } from '../measure/serve/serve-profile-schema.js';
import type { ServeApi } from '../measure/serve/serve-types.js';
import type { RunRecord } from './write-run-files.js';

/** The sweeps measured on one server and the sentences for its warnings. */
export interface ServerRun {
  sweeps: ServeSweep[];
  warnings: string[];
}

/** What was measured on one server. */
export interface MeasuredServer<Run extends ServerRun = ServerRun> {
  run: Run;
  firstEmbeddingMs: number | null;
  readyMs: number | null;
  rss: RssSample[] | null;
}

/** The parts of a serve request the document records. */
export interface ServeProfileBasis {
  target: ServeTargetRequest;
  api: ServeApi;
  plan: ServePlan;
  record: RunRecord;
}

/** How often a started server's RSS is sampled (ms). */
export const RSS_SAMPLE_MS = 250;

export interface RunTimes {
  startedAt: Date;
  endedAt: Date;
  commit: string | null;
}

export function buildServeProfile(
  request: ServeProfileBasis,
  corpus: Corpus,
  measured: MeasuredServer,
  times: RunTimes,
): ServeProfile {
  return {
    schemaVersion: 1,
    tool: { name: 'embedprof', version: readToolVersion() },
    createdAt: times.startedAt.toISOString(),
    wallSeconds: (times.endedAt.getTime() - times.startedAt.getTime()) / 1000,
    environment: readMachine(),
    commit: times.commit,
    settings: request.record.settings,
    target:
      request.target.kind === 'url'
        ? { kind: 'url', url: request.target.url }
        : {
            kind: 'command',
            command: request.target.command,
            readyMs: measured.readyMs ?? 0,
            firstEmbeddingMs: measured.firstEmbeddingMs,
          },
    api: {
      kind: request.api.kind,
      path: request.api.path,
      model: request.api.kind === 'openai' ? request.api.model : null,
    },
    corpus: describeCorpus(corpus),
    plan: request.plan,
    sweeps: measured.run.sweeps,
    serverMemory:
      measured.rss === null
        ? null
        : {
            peakMB: findPeakRssMB(measured.rss) ?? 0,
            samples: measured.rss.map(({ atMs, rssMB }) => ({ atMs, rssMB })),
          },
    warnings: measured.run.warnings,
  };
}
