/**
 * pull_request_target runs with a write token and the base repository's secrets, so code a pull request can
 * change must not run there: an embedder module (from the `embedder` input or the config file) or a setup
 * command from the config file is refused unless `allow-untrusted-code: true`.
 */
import type { LoadedConfig } from '../config/read-config.js';
import { createUsageError } from '../errors.js';
import type { ActionInputs } from './action-inputs.js';
import type { EventContext } from './event-context.js';

const FIX =
  'Gate on the pull_request event instead (its token is read-only for forks), or, if you have reviewed the code, set `allow-untrusted-code: true`.';

/** Why running this configuration would execute pull-request code with a privileged token; null when not. */
function findUntrustedCode(
  inputs: ActionInputs,
  config: LoadedConfig | null,
): { input: string; value: string } | null {
  if (inputs.target.embedder !== null) return { input: 'input embedder', value: inputs.target.embedder };
  const embedder = config?.config.embedder;
  if (config !== null && embedder !== undefined)
    return { input: `${config.path} (embedder)`, value: embedder };
  const setup = config?.config.gate?.baseSetup;
  if (config !== null && setup !== undefined)
    return { input: `${config.path} (gate.baseSetup)`, value: setup };
  return null;
}

export function assertTrustedCode(
  inputs: ActionInputs,
  context: EventContext,
  config: LoadedConfig | null,
): void {
  if (context.kind !== 'pull-request' || context.event !== 'pull_request_target') return;
  if (inputs.allowUntrustedCode) return;
  const found = findUntrustedCode(inputs, config);
  if (found === null) return;
  throw createUsageError({
    input: found.input,
    expected: 'no user code under pull_request_target, which runs with a write token',
    received: `${JSON.stringify(found.value)}, which a pull request can change`,
    fix: FIX,
  });
}
