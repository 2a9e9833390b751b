/** The settings of the commands that read finished profiles: `export`, and the history store's commands. */
import type { ExportFormat } from '../../report/export/exporters.js';
import { defineOptionalSetting, defineSetting } from '../../measure/protocol/setting-kit/setting-entry.js';
import {
  choiceKind,
  gitNameKind,
  intKind,
  patternKind,
  textKind,
} from '../../measure/protocol/setting-kit/setting-kinds.js';

/** Every export format (a test checks this against the exporters), and `gab`: both of its directions. */
export const EXPORT_FORMAT_CHOICES = ['bmf', 'gab', 'gab-bigger', 'gab-smaller'] as const satisfies readonly [
  ExportFormat | 'gab',
  ...(ExportFormat | 'gab')[],
];

export const EXPORT_SETTINGS = {
  exportFormat: defineSetting({
    kind: choiceKind(EXPORT_FORMAT_CHOICES),
    fallback: 'bmf' as ExportFormat | 'gab',
    ...{ flag: 'format', flagArg: 'F', input: null, config: null, commands: ['export'] },
    group: 'Files',
    help: "bmf | gab | gab-bigger | gab-smaller: Bencher Metric Format, or github-action-benchmark's custom JSON — gab-bigger for a customBiggerIsBetter step (throughput), gab-smaller for customSmallerIsBetter (latency, memory), gab for both (default bmf)",
  }),
  exportOut: defineOptionalSetting({
    kind: textKind('output-file-or-folder', 'bmf.json'),
    ...{ flag: 'out', flagArg: 'FILE', input: null, config: null, commands: ['export'] },
    group: 'Output',
    help: 'the file to write (default: bmf.json, gab-bigger.json or gab-smaller.json beside the profile); with --format gab, the folder for both files',
  }),
  exportName: defineOptionalSetting({
    kind: textKind('none', 'embedprof/minilm'),
    ...{ flag: 'name', flagArg: 'PREFIX', input: null, config: null, commands: ['export'] },
    group: 'Output',
    help: 'the prefix of every benchmark name (default embedprof/<model spec>)',
  }),
};

const STORE_COMMANDS = ['history-add', 'history-check', 'history-site', 'gate', 'nightly'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export const HISTORY_SETTINGS = {
  historyStore: defineOptionalSetting({
    kind: textKind('store-folder', 'embedprof-history'),
    ...{ flag: 'store', flagArg: 'DIR', input: null, config: null, commands: STORE_COMMANDS },
    group: 'Files',
    help: 'the history store: a folder of records (records/*.json); or use --data-branch',
  }),
  dataBranch: defineOptionalSetting({
    kind: gitNameKind('branch', 'embedprof-data'),
    ...{ flag: 'data-branch', flagArg: 'NAME', input: 'data-branch', config: null, commands: STORE_COMMANDS },
    group: 'Files',
    help: "the history store on a branch of the repository's remote (fetched, committed to and pushed; retried when another run pushed first). The action's mode history: default embedprof-data",
    inputHelp:
      'Mode history: the branch of this repository holding the history records (fetched, committed to and pushed; needs contents write). Default embedprof-data.',
  }),
  remote: defineSetting({
    kind: gitNameKind('remote', 'origin'),
    fallback: 'origin',
    ...{ flag: 'remote', flagArg: 'NAME', input: null, config: null, commands: STORE_COMMANDS },
    group: 'Files',
    help: 'the git remote of --data-branch (default origin)',
  }),
  historyParent: defineOptionalSetting({
    kind: patternKind(/^[0-9a-f]{7,64}$/, 'a commit sha (7 to 64 hex digits)', '3f1c9a0'),
    ...{ flag: 'parent', flagArg: 'SHA', input: null, config: null, commands: ['history-add'] },
    group: 'Output',
    help: "the measured commit's parent (default: from git)",
  }),
  historyBranch: defineOptionalSetting({
    kind: textKind('none', 'main'),
    ...{
      flag: 'branch',
      flagArg: 'NAME',
      input: null,
      config: null,
      commands: ['history-add', 'gate', 'nightly'],
    },
    group: 'Output',
    help: "history add, nightly: the branch the commit was measured on (default: GITHUB_REF_NAME on a branch push, else the checked-out branch); gate: the base branch whose recorded history the comment cites (default main; the action: the pull request's base)",
  }),
  historyDate: defineOptionalSetting({
    kind: patternKind(ISO_DATE, 'an ISO 8601 date or time', '2026-12-01T03:00:00Z'),
    ...{ flag: 'date', flagArg: 'ISO', input: null, config: null, commands: ['history-add'] },
    group: 'Output',
    help: "the time of the run (default: the profile's createdAt)",
  }),
  newestRuns: defineSetting({
    kind: intKind(1, 1000, '3'),
    fallback: 3,
    ...{
      flag: 'newest',
      flagArg: 'N',
      input: 'history-newest',
      config: null,
      commands: ['history-check', 'nightly'],
    },
    group: 'Comparison',
    help: 'history check and nightly fail only on a change point among the newest N runs of a series (default 3): older ones were reported when they were new',
    inputHelp:
      'Mode history: fail only on a change point among the newest N runs of a gated series. Default 3.',
  }),
  siteOut: defineSetting({
    kind: textKind('output-folder', 'embedprof-site'),
    fallback: 'embedprof-site',
    ...{ flag: 'out', flagArg: 'DIR', input: null, config: null, commands: ['history-site'] },
    group: 'Output',
    help: 'the folder of the dashboard (index.html; default embedprof-site)',
  }),
  siteTitle: defineOptionalSetting({
    kind: textKind('none', 'embedprof history'),
    ...{ flag: 'title', flagArg: 'TEXT', input: null, config: null, commands: ['history-site', 'nightly'] },
    group: 'Output',
    help: 'the title of the dashboard (default: embedprof history, with the repository)',
  }),
  repositoryUrl: defineOptionalSetting({
    kind: textKind('none', 'https://github.com/owner/repo'),
    ...{
      flag: 'repository-url',
      flagArg: 'URL',
      input: null,
      config: null,
      commands: ['history-site', 'nightly'],
    },
    group: 'Output',
    help: 'the repository page, for commit links (default: GITHUB_SERVER_URL/GITHUB_REPOSITORY when set)',
  }),
};
