/**
 * `processes: 2` in embedprof.config.json (a fair choice for profiles) never stops a pull request: the run
 * that adds embedprof compares nothing and keeps it. (A comparison raises it to the 3 a cell verdict needs
 * and says so: head-failures.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { commitAll, createBaseRepository, runGateCommand, TINY_CONFIG, writeConfig } from './git-fixture.js';

const TWO = { ...TINY_CONFIG, processes: 2 };

test('the pull request adding embedprof with processes 2 compares nothing and passes', () => {
  const repo = createBaseRepository(false);
  writeConfig(repo, TWO);
  commitAll(repo, 'add the config');
  const result = runGateCommand(repo, ['--against', 'HEAD~1', '--out', join(repo, 'out')]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^ADDED — nothing compared/);
});
