/**
 * The action's logic entry, as in actions/typescript-action: exports run() and does nothing on import, so
 * `npx @github/local-action run . src/faces/action/main.ts .env` can import it (with @actions/* stubbed) and call it.
 * src/faces/action/index.ts is the entry that calls it (bundled into dist/action.js).
 */
import { createPlatform } from './github-platform.js';
import { runAction } from './run-action.js';

export async function run(): Promise<void> {
  await runAction(createPlatform());
}
