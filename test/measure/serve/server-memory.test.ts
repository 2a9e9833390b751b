import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { GROUP_SPAWN_OPTIONS } from '../../../src/ground/platform/process-group.js';
import { readProcessRssMB } from '../../../src/ground/platform/process-memory.js';
import {
  findPeakRssMB,
  listGroupMembers,
  readGroupRssMB,
  readProcessGroupId,
  startRssSampler,
} from '../../../src/measure/serve/server-memory.js';
import { waitFor } from '../../helpers/process-marker.js';

test("a process's group comes from /proc/PID/stat, even with spaces and parentheses in its name", async () => {
  const folder = mkdtempSync(join(tmpdir(), 'embedprof-pgrp-'));
  const odd = join(folder, 'a) (b c');
  copyFileSync('/bin/sleep', odd);
  chmodSync(odd, 0o755);
  const child = spawn(odd, ['30'], { stdio: 'ignore', ...GROUP_SPAWN_OPTIONS });
  try {
    assert.ok(
      await waitFor(() => readFileSync(`/proc/${child.pid}/stat`, 'latin1').includes('(a) (b c)'), 2_000),
    );
    assert.equal(readProcessGroupId(child.pid ?? -1), child.pid);
    assert.notEqual(readProcessGroupId(process.pid), child.pid);
  } finally {
    child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  }
  assert.equal(readProcessGroupId(2 ** 22 + 12345), null);
});

test('a group of three processes: every member found, their RSS summed, sampled over time', async () => {
  const leader = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], {
    stdio: 'ignore',
    ...GROUP_SPAWN_OPTIONS,
  });
  const pgid = leader.pid ?? -1;
  try {
    assert.ok(
      await waitFor(() => listGroupMembers(pgid).length === 3, 2_000),
      `${listGroupMembers(pgid).length}`,
    );
    const members = listGroupMembers(pgid);
    assert.ok(members.includes(pgid));
    const reading = readGroupRssMB(pgid);
    const expected = members.reduce((sum, pid) => sum + (readProcessRssMB(pid) ?? 0), 0);
    assert.equal(reading?.processes, 3);
    assert.ok(reading !== null && Math.abs(reading.rssMB - expected) < 1, `${reading?.rssMB} vs ${expected}`);
    const sampler = startRssSampler(pgid, 10);
    await new Promise((done) => setTimeout(done, 80));
    const series = sampler.stop();
    assert.ok(series.length >= 3);
    assert.ok(series.every((sample) => sample.rssMB > 0 && sample.processes === 3));
    assert.equal(sampler.stop().length, series.length);
    assert.equal(findPeakRssMB(series), Math.max(...series.map((sample) => sample.rssMB)));
  } finally {
    process.kill(-pgid, 'SIGKILL');
  }
  assert.ok(await waitFor(() => readGroupRssMB(pgid) === null, 2_000));
  assert.equal(findPeakRssMB([]), null);
});
