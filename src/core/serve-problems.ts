/**
 * Why a serve run exits 1, one line each: the server died during the run, or a sweep in which no request
 * succeeded at any rate — then the most frequent error kind says what to check, in the face's words.
 */
import type { ServeProfile, ServeSweep } from '../measure/serve/serve-profile-schema.js';
import type { RequestErrorKind } from '../measure/serve/serve-types.js';
import { describeTextsPerRequest } from '../report/facts/serve-facts.js';
import type { InputNames } from './input-names.js';

type Counts = Record<RequestErrorKind, number>;

/** The problems of a run; `failure` is the message of a failure that ended it early, else null. */
export function describeServeProblems(
  profile: ServeProfile,
  failure: string | null,
  names: InputNames,
): string[] {
  const problems = failure === null ? [] : [failure];
  for (const sweep of profile.sweeps) {
    const counts = sumErrors(sweep);
    const succeeded = sweep.rates.flatMap((rate) => rate.windows).reduce((sum, w) => sum + w.succeeded, 0);
    if (succeeded > 0) continue;
    const kinds = (Object.entries(counts) as [RequestErrorKind, number][]).filter(([, n]) => n > 0);
    kinds.sort((a, b) => b[1] - a[1]);
    const listed = kinds.map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none sent';
    const hint = kinds[0] === undefined ? '' : `: ${explainKind(kinds[0][0], profile, names)}`;
    problems.push(
      `${describeTextsPerRequest(sweep.textsPerRequest)}: no request succeeded (${listed})${hint}`,
    );
  }
  return problems;
}

function sumErrors(sweep: ServeSweep): Counts {
  const counts: Counts = {
    timeout: 0,
    'http-4xx': 0,
    'http-5xx': 0,
    connection: 0,
    malformed: 0,
    'not-sent': 0,
  };
  for (const window of sweep.rates.flatMap((rate) => rate.windows)) {
    for (const kind of Object.keys(counts) as RequestErrorKind[]) counts[kind] += window.errors[kind] ?? 0;
  }
  return counts;
}

function explainKind(kind: RequestErrorKind, profile: ServeProfile, names: InputNames): string {
  const { api } = profile;
  const where = `POST ${api.path}`;
  switch (kind) {
    case 'malformed':
      return `the answers to ${where} were not ${api.kind} embeddings (JSON of the API's shape, one embedding per text); check ${names.describe('serveApi')} and ${names.describe('apiPath')}`;
    case 'http-4xx':
      return `the server refused ${where} (4xx); check ${names.describe('apiPath')}, ${names.describe('serveApi')} and ${names.describe('apiModel')}`;
    case 'http-5xx':
      return `the server failed ${where} (5xx); its own log says why`;
    case 'timeout':
      return `no answer came within ${names.describe('requestTimeoutSeconds')} (${profile.plan.requestTimeoutMs / 1000} s)`;
    case 'connection':
      return 'the server refused, reset or closed the connections';
    case 'not-sent':
      return `requests waited for a free connection past their timeout; raise ${names.describe('maxInFlight')}`;
  }
}
