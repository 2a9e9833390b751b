/**
 * `processes: 2` in embedprof.config.json (a fair choice for profiles) never stops a pull request: the run
 * that adds embedprof compares nothing and keeps it; a comparison raises it to the 3 a cell verdict needs and
 * says so in its notes, in the words of the file that set it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonSchema } from '../../src/compare/comparison-schema.js';
import { profileSchema } from '../../src/schema/profile-schema.js';
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

test('a comparison with processes 2 measures 3 pairs a cell and says so in its notes', () => {
  const repo = createBaseRepository();
  writeConfig(repo, TWO);
  commitAll(repo, 'fewer processes');
  const out = join(repo, 'out');
  const result = runGateCommand(
    repo,
    ['--against', 'HEAD~1', '--max-throughput-drop', '0.5', '--out', out],
    1,
  );
  assert.notEqual(result.status, 2, result.stderr);
  const comparison = comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
  assert.ok(
    comparison.overall.notes.some((note) =>
      /^embedprof\.config\.json: processes is 2: this comparison measured 3 processes \(pairs\) a cell.* e\.g\. 3\.$/.test(
        note,
      ),
    ),
    comparison.overall.notes.join('\n'),
  );
  const profile = profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')));
  for (const cell of profile.batchSweep) assert.ok(cell.status !== 'measured' || cell.processes.length >= 3);
  assert.match(readFileSync(join(out, 'comment.md'), 'utf8'), /processes is 2: this comparison measured 3/);
});
