// Regenerates action.yml from the settings table (npm run manifest). A test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { renderActionManifest } from './action-manifest.js';

writeFileSync(new URL('../../action.yml', import.meta.url), renderActionManifest());
console.log('wrote action.yml');
