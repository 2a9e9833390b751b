/**
 * The text layer every renderer and the terminal share (src/report/text): one implementation per wording,
 * each output's own style a parameter, and the terminal renderers built on it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MachineComparison } from '../../src/decide/compare/comparison-schema.js';
import { formatComparisonSummary } from '../../src/report/terminal/format-comparison.js';
import { formatProfileTable } from '../../src/report/terminal/format-profile-table.js';
import { describeMachineCheck, describeRunMachine } from '../../src/report/text/describe-machine.js';
import {
  formatChange,
  formatPValue,
  formatShare,
  formatSignedPercentNumber,
} from '../../src/report/text/format-numbers.js';
import { describeRunContext } from '../../src/report/facts/run-context.js';
import { loadFixtureComparison, loadFixtureProfile } from './fixtures/report-fixtures.js';

test('a signed percentage: real minus, thousands grouped unless the output writes none', () => {
  assert.equal(formatChange(-0.1234), '−12.3 %');
  assert.equal(formatChange(0.05), '+5.0 %');
  assert.equal(formatChange(12.5), '+1,250.0 %');
  assert.equal(formatChange(12.5, { group: false }), '+1250.0 %');
  assert.equal(formatSignedPercentNumber(-0.151), '−15.1');
});

test('a change that rounds to zero is signed as each output signs it', () => {
  const styles = [undefined, 'drop', 'keep', 'negative'] as const;
  const row = (change: number) => styles.map((zeroSign) => formatChange(change, { zeroSign }));
  assert.deepEqual(row(-0.0001), ['0.0 %', '0.0 %', '−0.0 %', '−0.0 %']);
  assert.deepEqual(row(0.0001), ['0.0 %', '0.0 %', '+0.0 %', '+0.0 %']);
  assert.deepEqual(row(0), ['0.0 %', '0.0 %', '0.0 %', '−0.0 %']);
});

test('shares and p-values', () => {
  assert.equal(formatShare(0.4249), '42.5 %');
  assert.equal(formatShare(0.4249, 1, { space: false }), '42.5%');
  assert.equal(formatShare(12.5, 1, { group: false }), '1250.0 %');
  assert.equal(formatPValue(0.0004), '< 0.001');
  assert.equal(formatPValue(0.0123), '0.012');
});

test('the machine line: the report sanitizes and names the config key, the terminal names the flag', () => {
  const profile = loadFixtureProfile();
  const hostile = { ...profile, environment: { ...profile.environment, cpuModel: 'CPU\u202E\nX' } };
  assert.match(describeRunMachine(hostile, 'report'), /on CPU X, \d+ threads$/);
  assert.match(describeRunMachine(hostile, 'terminal'), /on CPU\u202E\nX, \d+ threads$/);
  const custom = { ...profile, model: { ...profile.model, dtype: null } };
  assert.match(describeRunMachine(custom, 'report'), /\(custom embedder\) on /);
  assert.match(describeRunMachine(custom, 'terminal'), /\(custom\) on /);
  const machine: MachineComparison = {
    kind: 'different',
    differences: ['cpuModel'],
    softwareDifferences: [],
    policy: 'warn',
  };
  assert.equal(
    describeMachineCheck(machine, 'report'),
    'another machine or configuration (onMachineMismatch warn)',
  );
  assert.equal(
    describeMachineCheck(machine, 'terminal'),
    'another machine or configuration, --on-machine-mismatch warn',
  );
});

test('the terminal and the report start from the same machine line', () => {
  const profile = loadFixtureProfile();
  const comparison = loadFixtureComparison();
  const [header] = formatProfileTable(profile).split('\n');
  assert.equal(header, describeRunMachine(profile, 'terminal'));
  assert.ok(describeRunContext(profile, comparison).includes(describeRunMachine(profile, 'report')));
  const [verdict] = formatComparisonSummary(comparison).split('\n');
  assert.ok(verdict?.includes(describeMachineCheck(comparison.machine, 'terminal')), verdict);
});
