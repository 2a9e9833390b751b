/**
 * pull_request_target runs with a write token and the base repository's secrets, so code a pull request can
 * change must not run there: an embedder module (from the `embedder` input or the config file) or a setup
 * command from the config file is refused unless `allow-untrusted-code: true`.
 */
import { createUsageError } from '../../ground/errors.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import { nameSetting } from '../settings/setting-names.js';
import type { EventContext } from './event-context.js';

const FIX =
  'Gate on the pull_request event instead (its token is read-only for forks), or, if you have reviewed the code, set `allow-untrusted-code: true`.';

/** Why running these settings would execute pull-request code with a privileged token; null when not. */
function findUntrustedCode(settings: ResolvedSettings): { input: string; value: string } | null {
  const { values, sources } = settings;
  if (values.embedder !== null)
    return { input: nameSetting('embedder', 'action', sources.embedder), value: values.embedder };
  if (values.baseSetup !== null && sources.baseSetup.kind === 'config')
    return { input: nameSetting('baseSetup', 'action', sources.baseSetup), value: values.baseSetup };
  return null;
}

export function assertTrustedCode(settings: ResolvedSettings, context: EventContext): void {
  if (context.kind !== 'pull-request' || context.event !== 'pull_request_target') return;
  if (settings.values.allowUntrustedCode) return;
  const found = findUntrustedCode(settings);
  if (found === null) return;
  throw createUsageError({
    input: found.input,
    expected: 'no user code under pull_request_target, which runs with a write token',
    received: `${JSON.stringify(found.value)}, which a pull request can change`,
    fix: FIX,
  });
}
