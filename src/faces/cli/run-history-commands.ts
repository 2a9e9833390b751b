/**
 * `embedprof history add | check | site`: faces over the core's history functions. The store is a folder
 * (--store) or a branch of the remote (--data-branch); nothing here decides anything.
 */
import {
  chooseHistoryTarget,
  readHistory,
  runHistoryAdd,
  runHistoryCheck,
  runHistorySite,
  type HistorySiteRequest,
  type HistoryStoreTarget,
} from '../../core/index.js';
import { createCommitContextReader, readRepositoryUrl } from '../../history/commit-context.js';
import { buildHistoryCheckRequest } from '../settings/build-requests.js';
import { createSettingError, type ResolvedSettings } from '../settings/resolve-settings.js';
import { createDefaultDeps } from '../../core/index.js';

const print = (text: string) => void process.stdout.write(`${text}\n`);

/** --store DIR or --data-branch NAME, exactly one. */
export function chooseStoreTarget(settings: ResolvedSettings, cwd: string): HistoryStoreTarget {
  const { historyStore, dataBranch } = settings.values;
  if (historyStore !== null && dataBranch !== null) {
    throw createSettingError(settings, 'dataBranch', {
      expected: 'either --store DIR or --data-branch NAME, not both',
      received: `both (--store ${historyStore})`,
      example: 'embedprof-data',
    });
  }
  const target = chooseHistoryTarget(settings.values, cwd);
  if (target !== null) return target;
  throw createSettingError(settings, 'historyStore', {
    expected: 'the history store: --store DIR (a folder) or --data-branch NAME (a branch of the remote)',
    received: 'neither',
    example: 'embedprof-history',
  });
}

export async function runHistoryAddCommand(settings: ResolvedSettings): Promise<number> {
  const { profileFile, commit, historyParent, historyBranch, historyDate, comparisonFile } = settings.values;
  if (profileFile === null) {
    throw createSettingError(settings, 'profileFile', {
      expected: 'the profile.json to record',
      received: 'nothing',
      example: 'embedprof-out/profile.json',
    });
  }
  const cwd = process.cwd();
  const outcome = await runHistoryAdd(
    {
      profilePath: profileFile,
      store: chooseStoreTarget(settings, cwd),
      ...(commit === null ? {} : { commit }),
      ...(historyParent === null ? {} : { parent: historyParent }),
      ...(historyBranch === null ? {} : { branch: historyBranch }),
      ...(historyDate === null ? {} : { date: historyDate }),
      ...(comparisonFile === null ? {} : { comparisonPath: comparisonFile }),
    },
    { readCommitContext: createCommitContextReader(cwd, process.env) },
  );
  const verb = outcome.status === 'added' ? 'Added' : 'Already recorded';
  const chained = outcome.record.chained === null ? '' : ', with chained ratios';
  print(`${verb} ${outcome.recordPath} (${outcome.bytes} bytes${chained}): ${outcome.record.commit}`);
  return outcome.exitCode;
}

/** The dashboard's title and commit links: --title and --repository-url, else from the runner's environment. */
export function chooseSiteContext(settings: ResolvedSettings): HistorySiteRequest['context'] {
  const { siteTitle, repositoryUrl } = settings.values;
  const repository = repositoryUrl ?? readRepositoryUrl(process.env);
  const title =
    siteTitle ??
    `embedprof history${repository === null ? '' : `: ${repository.replace(/^https?:\/\//, '')}`}`;
  return { title, repositoryUrl: repository };
}

export async function runHistorySiteCommand(settings: ResolvedSettings): Promise<number> {
  const cwd = process.cwd();
  const history = await readHistory(chooseStoreTarget(settings, cwd));
  const deps = createDefaultDeps(true);
  const outcome = await runHistorySite(
    { series: history.series, context: chooseSiteContext(settings), outDir: settings.values.siteOut },
    deps,
  );
  print(
    `Wrote ${outcome.files.join(', ')}: ${outcome.cells} cells, ${history.records.length} runs from ${history.source}`,
  );
  return 0;
}

/** A store that is not there: `history check` only reads, so a typo must not pass as an empty history. */
function createMissingStoreError(settings: ResolvedSettings, target: HistoryStoreTarget) {
  switch (target.kind) {
    case 'folder':
      return createSettingError(settings, 'historyStore', {
        expected: 'the folder of a history store (records/ written by `embedprof history add --store DIR`)',
        received: `${JSON.stringify(target.dir)}, which does not exist`,
        example: 'embedprof-history',
        fix: 'Check the path, or record a first run with `embedprof history add --store DIR`.',
      });
    case 'branch':
      return createSettingError(settings, 'dataBranch', {
        expected: `a branch of remote ${target.remote} holding the history`,
        received: `${JSON.stringify(target.branch ?? '')}, which remote ${target.remote} does not have`,
        example: 'embedprof-data',
        fix: `Check the name (the action's mode history writes embedprof-data), or record a first run with \`embedprof history add --data-branch NAME\`.`,
      });
  }
}

export async function runHistoryCheckCommand(settings: ResolvedSettings): Promise<number> {
  const target = chooseStoreTarget(settings, process.cwd());
  const history = await readHistory(target);
  if (!history.found) throw createMissingStoreError(settings, target);
  const outcome = runHistoryCheck(history, buildHistoryCheckRequest(settings));
  print(outcome.lines.join('\n'));
  return outcome.exitCode;
}
