// The action's entry (bundled into dist/action.js, which dist/index.js loads): runs the action.
import { run } from './main.js';

await run();
