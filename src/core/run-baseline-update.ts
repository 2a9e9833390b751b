/**
 * The core's baseline update: a profile recorded as DIR/NAME.json (atomically), with its machine fingerprint
 * and provenance (commit, ref, runner, workflow run from the GitHub Actions environment; else git).
 */
import { writeBaselineAtomically } from '../decide/baseline/baseline-files.js';
import { assertBaselineName, createBaselineFromProfile } from '../decide/baseline/from-profile.js';
import { createUsageError } from '../ground/errors.js';
import type { Profile } from '../measure/protocol/profile-schema.js';
import type { BaselineOutcome } from './outcomes.js';
import { readProvenance } from './read-provenance.js';

export interface BaselineUpdateRequest {
  profile: Profile;
  /** How the profile was given (`--from FILE`), for messages. */
  profileLabel: string;
  name: string;
  dir: string;
  /** Replace a baseline recorded on another machine or for another model (refused otherwise). */
  force: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export async function runBaselineUpdate(request: BaselineUpdateRequest): Promise<BaselineOutcome> {
  assertBaselineName(request.name);
  const provenance = readProvenance(request.env, request.profile.createdAt);
  const baseline = createBaselineFromProfile(request.profile, { name: request.name, provenance });
  if (baseline.cells.length === 0) {
    throw createUsageError({
      input: request.profileLabel,
      expected: 'a profile with at least one measured cell',
      received: 'a profile whose cells were all skipped or failed',
      fix: 'Profile again (check the memory cap and the run errors) and record that profile.',
    });
  }
  const written = await writeBaselineAtomically(request.dir, baseline, { force: request.force });
  return { kind: 'baseline', baseline, path: written.path, replaced: written.replaced };
}
