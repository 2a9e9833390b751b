// The action's entry (bundled into dist/action.js, which dist/index.js loads): runs the action, then exits.
import { run } from './main.js';

await run();
// Everything is written and the step's result is set (process.exitCode). A handle left open (a keep-alive
// socket of the toolkit's clients, a timer) would keep the job running until its timeout: a CI run of the
// recipe tests saw the process alive > 160 s after its last line. Name what was open, then exit; the exit
// handlers still end every worker's process group.
const open = process.getActiveResourcesInfo().filter((resource) => resource !== 'TTYWrap');
if (open.length > 0) process.stdout.write(`::debug::embedprof exits with open handles: ${open.join(', ')}\n`);
process.exit();
