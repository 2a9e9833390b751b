/**
 * The environment variables that hold credentials: GitHub and Actions tokens, Hugging Face tokens, the
 * runner's service credentials (ACTIONS_*) and the action's inputs (INPUT_*, which hold github-token). No
 * process that runs user code gets them (worker-env.ts), and the action sheds them from its own process image
 * before any user code starts (action/shed-secrets.ts).
 */
const SECRET_PATTERNS = [
  /^GITHUB_TOKEN$/i,
  /^GH_TOKEN$/i,
  /^HF_TOKEN$/i,
  /^HUGGING_FACE_HUB_TOKEN$/i,
  /^ACTIONS_/i,
  /^INPUT_/i,
];

export function isSecretVariable(name: string): boolean {
  return SECRET_PATTERNS.some((pattern) => pattern.test(name));
}

/** `env` split into the variables user code may see and the credentials it may not. */
export function splitSecretVariables(env: NodeJS.ProcessEnv): {
  kept: Record<string, string>;
  secrets: Record<string, string>;
} {
  const kept: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (isSecretVariable(name)) secrets[name] = value;
    else kept[name] = value;
  }
  return { kept, secrets };
}
