import type { Comparison } from '../compare/comparison-schema.js';
import type { Profile } from '../schema/profile-schema.js';

/** What a gate produced: the head's profile, the comparison, and in duet mode the base's profile. */
export interface GateOutcome {
  profile: Profile;
  comparison: Comparison;
  baseProfile: Profile | null;
}
