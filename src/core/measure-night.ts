/**
 * The nightly's measuring step: tonight's commit side by side with the previous recorded one (a chained duet,
 * the core's gate against that commit), or a plain profile when there is none. Kept apart so the call into
 * runProfile / runGateCheck is in one place.
 */
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import type { CoreDeps } from './core-deps.js';
import type { GateOutcome, ProfileOutcome } from './outcomes.js';
import { runGateCheck } from './run-gate-check.js';
import { runProfile } from './run-profile.js';

export interface NightMeasureRequest {
  /** The measuring settings as the face resolved them. */
  settings: ResolvedSettings;
  /** The previous recorded commit to measure beside tonight's, or null for a plain profile. */
  against: string | null;
  /** The branch tonight's record names: the history the gate's report cites. */
  branch: string | null;
  outDir: string;
}

/**
 * Tonight's settings: the chained duet's reference and no committed baseline (the night compares with the
 * commit before it, never a baseline), and the branch whose history the report cites.
 */
function chooseNightSettings(request: NightMeasureRequest): ResolvedSettings {
  const { settings, against, branch, outDir } = request;
  const values = { ...settings.values, against, baseline: null, historyBranch: branch, out: outDir };
  return { ...settings, values };
}

/** Measures tonight: a gate against `request.against` (chained duet), else a profile. */
export function measureNight(
  request: NightMeasureRequest,
  deps: CoreDeps,
): Promise<ProfileOutcome | GateOutcome> {
  const settings = chooseNightSettings(request);
  return request.against === null ? runProfile(settings, deps) : runGateCheck(settings, deps);
}
