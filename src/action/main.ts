import { createPlatform } from './github-platform.js';
import { runAction } from './run-action.js';

await runAction(createPlatform());
