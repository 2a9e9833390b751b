import { createDefaultCorpus, readCorpus, type Corpus } from '../corpus/index.js';
import { openSession } from '../engine/onnx-session.js';
import { resolveModel, type ResolvedModel } from '../model/resolve-model.js';
import { createProgressReporter, type ProgressReporter } from '../protocol/schedule/progress.js';
import { profileSchema } from '../schema/profile-schema.js';
import { applyConfig } from './apply-config.js';
import { formatProfileTable } from './format-table.js';
import { prepareOutputDir, writeJsonAtomically } from './output-files.js';
import { parseProfileArgs, PROFILE_HELP, type ProfileOptions } from './profile-args.js';
import { createProfileMeasurement } from './profile-measurement.js';
import { writeReports } from './write-reports.js';

export interface PreparedRun {
  options: ProfileOptions;
  outDir: string;
  corpus: Corpus;
  model: ResolvedModel;
  progress: ProgressReporter;
}

/**
 * Resolves every input of a profile (output folder, corpus, model) before any worker starts, so input errors
 * surface at once with exit code 2.
 */
export async function prepareRun(options: ProfileOptions): Promise<PreparedRun> {
  const progress = createProgressReporter(process.stderr, options.quiet ? 'silent' : 'auto');
  const outDir = await prepareOutputDir(options.out);
  const corpus = options.corpus === null ? createDefaultCorpus() : await readCorpus(options.corpus);
  const model = await resolveModel({ ...options, onProgress: (m) => progress.note(m) });
  if (model.engine.kind === 'onnx') await (await openSession(model.engine.onnxPath, model.engine)).release();
  return { options, outDir, corpus, model, progress };
}

/** `embedprof profile`: resolve inputs, run the sweeps and the analysis, write profile.json. */
export async function runProfileCommand(argv: string[]): Promise<number> {
  const options = parseProfileArgs((await applyConfig('profile', argv)).argv);
  if (options.help) {
    process.stdout.write(`${PROFILE_HELP}\n`);
    return 0;
  }
  const { outDir, corpus, model, progress } = await prepareRun(options);
  const measurement = createProfileMeasurement({ options, model, corpus, progress, startedAt: new Date() });
  const states = await measurement.measure(measurement.cells, options.processes, options.seed);
  const profile = measurement.build(states, await measurement.analyze());
  const path = await writeJsonAtomically(outDir, 'profile.json', profileSchema.parse(profile));
  const reports = await writeReports(outDir, profile, null);
  progress.finish();
  process.stdout.write(`${formatProfileTable(profile)}\nWrote ${path} and ${reports.length} reports\n`);
  const failed = [...profile.batchSweep, ...profile.lengthSweep].filter((cell) => cell.status === 'failed');
  return failed.length > 0 ? 1 : 0;
}
