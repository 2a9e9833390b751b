/** Files in and out, the settings file itself, and what only the action has (its mode, comment, artifact). */
import { BASELINE_NAME_PATTERN } from '../../decide/baseline/baseline-schema.js';
import {
  defineOptionalSetting,
  defineSetting,
  type CommandName,
} from '../../measure/protocol/setting-kit/setting-entry.js';
import {
  booleanKind,
  choiceKind,
  intKind,
  patternKind,
  textKind,
} from '../../measure/protocol/setting-kit/setting-kinds.js';

const ALL: readonly CommandName[] = [
  'profile',
  'gate',
  'compare',
  'merge',
  'report',
  'baseline-update',
  'export',
  'history-add',
  'history-check',
  'history-site',
  'nightly',
  'serve-reference',
  'serve-profile',
  'serve-gate',
];
const WRITING: readonly CommandName[] = [
  'profile',
  'gate',
  'compare',
  'merge',
  'report',
  'nightly',
  'serve-profile',
  'serve-gate',
];
const MEASURING: readonly CommandName[] = ['profile', 'gate', 'nightly'];
/** The commands that read embedprof.config.json and record a commit: the measuring ones and the serve ones. */
const CONFIGURED: readonly CommandName[] = [...MEASURING, 'serve-profile', 'serve-gate'];
const PROFILE_READERS: readonly CommandName[] = ['report', 'export', 'history-add'];
/** Characters the artifact service refuses in a name. */
const ARTIFACT_NAME = /^[^"':<>|*?\r\n\\/]{1,200}$/;
const action = { flag: null, config: null, commands: [] as const };

export const FILE_SETTINGS = {
  config: defineOptionalSetting({
    kind: textKind('input-file', 'embedprof.config.json'),
    ...{ flag: 'config', flagArg: 'FILE', input: 'config', config: null, commands: CONFIGURED },
    group: 'Settings',
    help: 'embedprof.config.json to read (default ./embedprof.config.json when present); flags and inputs override it',
    inputHelp: 'Path of embedprof.config.json (default ./embedprof.config.json when present).',
  }),
  noConfig: defineSetting({
    kind: booleanKind(),
    fallback: false,
    ...{ flag: 'no-config', input: null, config: null, commands: CONFIGURED },
    group: 'Settings',
    help: 'ignore ./embedprof.config.json',
  }),
  out: defineSetting({
    kind: textKind('output-folder', 'embedprof-out'),
    fallback: 'embedprof-out',
    ...{ flag: 'out', flagArg: 'DIR', input: null, config: null, commands: WRITING },
    group: 'Output',
    help: 'where profile.json, comparison.json and the reports go (default embedprof-out)',
  }),
  current: defineOptionalSetting({
    kind: textKind('input-file', 'embedprof-out/profile.json'),
    ...{ flag: 'current', flagArg: 'FILE', input: null, config: null, commands: ['compare'] },
    group: 'Files',
    help: 'the profile.json of the run under test',
  }),
  reportDir: defineOptionalSetting({
    kind: textKind('input-folder', 'embedprof-report'),
    ...{ flag: 'from', flagArg: 'DIR', input: 'report-dir', config: null, commands: ['merge'] },
    group: 'Files',
    help: "merge: the folder holding the shards' folders (searched two levels deep); the action's mode comment: the downloaded artifact",
    inputHelp:
      "mode comment: the folder holding the downloaded artifact; mode merge: the folder holding the shards' downloaded artifacts.",
  }),
  profileFile: defineOptionalSetting({
    kind: textKind('input-file', 'embedprof-out/profile.json'),
    ...{ flag: 'profile', flagArg: 'FILE', input: null, config: null, commands: PROFILE_READERS },
    group: 'Files',
    help: 'the profile.json to render or export',
  }),
  comparisonFile: defineOptionalSetting({
    kind: textKind('input-file', 'embedprof-out/comparison.json'),
    ...{
      flag: 'comparison',
      flagArg: 'FILE',
      input: null,
      config: null,
      commands: ['report', 'history-add'],
    },
    group: 'Files',
    help: 'the comparison.json to render with it; history add: the chained duet against the previous recorded commit, whose ratios the record keeps',
  }),
  recordFrom: defineOptionalSetting({
    kind: textKind('input-file', 'embedprof-out/profile.json'),
    ...{ flag: 'from', flagArg: 'FILE', input: null, config: null, commands: ['baseline-update'] },
    group: 'Files',
    help: 'the profile.json to record',
  }),
  recordName: defineOptionalSetting({
    kind: patternKind(BASELINE_NAME_PATTERN, 'a baseline name: letters, digits, ".", "_" or "-"', 'main'),
    ...{ flag: 'name', flagArg: 'NAME', input: null, config: null, commands: ['baseline-update'] },
    group: 'Files',
    help: 'baseline name: letters, digits, ".", "_" or "-" (e.g. main)',
  }),
  recordDir: defineSetting({
    kind: textKind('output-folder', 'baselines'),
    fallback: 'baselines',
    ...{ flag: 'dir', flagArg: 'DIR', input: null, config: null, commands: ['baseline-update'] },
    group: 'Files',
    help: 'baselines folder (default baselines)',
  }),
  force: defineSetting({
    kind: booleanKind(),
    fallback: false,
    ...{ flag: 'force', input: null, config: null, commands: ['baseline-update'] },
    group: 'Files',
    help: 'replace DIR/NAME.json even when it was recorded on another machine or for another model',
  }),
  commit: defineOptionalSetting({
    kind: patternKind(/^[0-9a-f]{7,64}$/, 'a commit sha (7 to 64 hex digits)', '3f1c9a0'),
    ...{
      flag: 'commit',
      flagArg: 'SHA',
      input: null,
      config: null,
      commands: [...CONFIGURED, 'history-add'],
    },
    group: 'Output',
    help: 'the commit this run measured, named in the reports (default: git HEAD; the action: the pull request’s head)',
  }),
  quiet: defineSetting({
    kind: booleanKind(),
    fallback: false,
    ...{ flag: 'quiet', input: null, config: null, commands: CONFIGURED },
    group: 'Output',
    help: 'no progress lines',
  }),
  debug: defineSetting({
    kind: booleanKind(),
    fallback: false,
    ...{ flag: 'debug', input: null, config: null, commands: ALL },
    group: 'Output',
    help: 'stack traces on failure',
  }),
};

export const ACTION_SETTINGS = {
  mode: defineOptionalSetting({
    kind: choiceKind([
      'gate',
      'profile',
      'update-baseline',
      'merge',
      'comment',
      'history',
      'serve',
      'serve-gate',
    ]),
    ...{ ...action, input: 'mode', group: 'Settings' },
    help: "gate | profile | update-baseline | merge | comment | history | serve | serve-gate. Default: gate on pull_request and pull_request_target, profile otherwise. history (the nightly): measure this commit beside the newest recorded one, add the record to data-branch, check for change points, write the dashboard to OUT/site. serve: profile the HTTP server serve-command starts under open-loop load; serve-gate: that server from the pull request's base and from its head, side by side, gated on the knee and the p95 at reference-rate.",
  }),
  compareTo: defineOptionalSetting({
    kind: choiceKind(['base', 'baseline']),
    ...{ ...action, input: 'compare-to', group: 'Reference' },
    help: "base | baseline. base (default on pull requests) measures the pull request's base commit side by side (duet mode), falling back to baseline-dir when it exists; baseline compares with the committed baselines only.",
  }),
  comment: defineSetting({
    kind: choiceKind(['on-change', 'always', 'never']),
    fallback: 'on-change' as 'on-change' | 'always' | 'never',
    ...{ ...action, input: 'comment', group: 'Output' },
    help: 'on-change | always | never. on-change posts when the result is anything but a plain pass with no change, and always updates an earlier embedprof comment.',
    inputDefault: { from: 'fallback' },
  }),
  githubToken: defineOptionalSetting({
    kind: textKind(),
    ...{ ...action, input: 'github-token', group: 'Settings' },
    help: 'Token for the pull-request comment (and, in mode comment, to check the pull request).',
    inputDefault: { from: 'expression', text: '${{ github.token }}' },
  }),
  artifactName: defineSetting({
    kind: patternKind(
      ARTIFACT_NAME,
      'an artifact name without " : < > | * ? \\ / or line breaks',
      'embedprof',
    ),
    fallback: 'embedprof',
    ...{ ...action, input: 'artifact-name', group: 'Output' },
    help: 'Name of the artifact holding every report.',
    inputDefault: { from: 'fallback' },
  }),
  retentionDays: defineOptionalSetting({
    kind: intKind(1, 90, '1'),
    ...{ ...action, input: 'retention-days', group: 'Output' },
    help: "Days to keep the artifact (1-90; default the repository's setting).",
  }),
  workingDirectory: defineOptionalSetting({
    kind: textKind('none', 'packages/search'),
    ...{ ...action, input: 'working-directory', group: 'Settings' },
    help: 'Folder to run in (relative paths in the other inputs are relative to it).',
  }),
  allowUntrustedCode: defineSetting({
    kind: booleanKind(),
    fallback: false,
    ...{ ...action, input: 'allow-untrusted-code', group: 'Settings' },
    help: 'true lets an embedder run under pull_request_target, with a write token. Know what you do.',
    inputDefault: { from: 'fallback' },
  }),
};
