/**
 * The nightly's measuring step: tonight's commit side by side with the previous recorded one (a chained duet,
 * the core's gate against that commit), or a plain profile when there is none. The face builds both requests
 * (settings/build-requests.ts: no committed baseline, the run's folder); the nightly fills in what only it
 * knows, the reference commit and the branch whose history the report cites.
 */
import type { CoreDeps } from './core-deps.js';
import type { GateRequest } from './gate-request.js';
import type { GateOutcome, ProfileOutcome } from './outcomes.js';
import { runGateCheck } from './run-gate-check.js';
import { runProfile, type ProfileRequest } from './run-profile.js';

/** What a night measures, both ways: the face cannot know yet which one it is. */
export interface NightRequests {
  profile: ProfileRequest;
  gate: GateRequest;
}

export interface NightMeasureRequest {
  requests: NightRequests;
  /** The previous recorded commit to measure beside tonight's, or null for a plain profile. */
  against: string | null;
  /** The branch tonight's record names: the history the gate's report cites (null: main). */
  branch: string | null;
}

/** Measures tonight: a gate against `request.against` (chained duet), else a profile. */
export function measureNight(
  request: NightMeasureRequest,
  deps: CoreDeps,
): Promise<ProfileOutcome | GateOutcome> {
  const { requests, against, branch } = request;
  if (against === null) return runProfile(requests.profile, deps);
  const baseHistory = { ...requests.gate.baseHistory, branch: branch ?? 'main' };
  return runGateCheck({ ...requests.gate, against, baseHistory }, deps);
}
