/**
 * The terminal's lines for a serve run, in the reports' words (facts/serve-facts.ts): the headline with each
 * sweep's knee and its interval, the run's context, and p95 at the reference rate where it was measured.
 */
import type { ServeProfile } from '../../measure/serve/serve-profile-schema.js';
import { describeReference, describeServeContext, describeServeHeadline } from '../facts/serve-facts.js';
import { sanitizeText } from '../text/escape.js';

export function formatServeSummary(profile: ServeProfile): string {
  const references = profile.sweeps.flatMap((sweep) => describeReference(sweep) ?? []);
  return [
    describeServeHeadline(profile).text,
    `  ${describeServeContext(profile, sanitizeText)}`,
    ...references.map((line) => `  ${line}`),
  ].join('\n');
}
