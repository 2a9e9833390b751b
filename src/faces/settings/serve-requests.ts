/**
 * The serve run's request from resolved settings (both faces): which server (exactly one of a URL and a
 * command), which API with its path, and the plan of the sweep. Contradictions are input errors in the words
 * of the face and layer that set them.
 */
import type { ServeProfileRequest } from '../../core/run-serve-profile.js';
import type { ServeGateRequest } from '../../core/serve-gate-request.js';
import type { ServeTargetRequest } from '../../measure/serve/open-serve-target.js';
import type { ServePlan } from '../../measure/serve/serve-profile-schema.js';
import type { ServeApi } from '../../measure/serve/serve-types.js';
import { createInputNames, describeSetupTimeout } from './build-requests.js';
import { listChosenSettings } from './describe-settings.js';
import { createSettingError, type ResolvedSettings } from './resolve-settings.js';
import { nameSetting } from './setting-names.js';

const DEFAULT_PATHS: Record<ServeApi['kind'], string> = {
  openai: '/v1/embeddings',
  tei: '/embed',
  template: '/',
};

export function buildServeProfileRequest(settings: ResolvedSettings): ServeProfileRequest {
  const { values } = settings;
  return {
    target: selectTarget(settings),
    api: selectApi(settings),
    corpus: values.corpus,
    tokenizer: values.tokenizer,
    plan: buildServePlan(settings),
    textsPerRequest: values.textsPerRequest,
    timeBudgetSeconds: values.serveTimeBudgetSeconds,
    outDir: values.out,
    record: { commit: values.commit, settings: listChosenSettings(settings) },
    names: createInputNames(settings),
    templateLabel: name(settings, 'requestTemplate'),
  };
}

/** The serve duet's request: the serve run's, the base ref (required) with its setup, and the thresholds. */
export function buildServeGateRequest(settings: ResolvedSettings, headLabel?: string): ServeGateRequest {
  const { values } = settings;
  if (values.against === null) {
    throw createSettingError(settings, 'against', {
      expected: 'the git ref whose server is the base, measured side by side with this tree’s',
      received: 'nothing',
      example: 'origin/main',
      fix: `Pass e.g. ${name(settings, 'against')} origin/main (fetched first if the clone is shallow).`,
    });
  }
  return {
    ...buildServeProfileRequest(settings),
    base: {
      ref: values.against,
      setup: values.baseSetup,
      setupTimeout: describeSetupTimeout(settings),
      command: null,
    },
    compare: { maxKneeDrop: values.maxKneeDrop, maxP95Growth: values.maxP95Growth },
    failOnInconclusive: values.failOnInconclusive,
    ...(headLabel === undefined ? {} : { headLabel }),
  };
}

const name = (settings: ResolvedSettings, key: Parameters<typeof nameSetting>[0]) =>
  nameSetting(key, settings.face, settings.sources[key]);

function selectTarget(settings: ResolvedSettings): ServeTargetRequest {
  const { serveUrl, serveCommand, readyPath, readyTimeoutSeconds } = settings.values;
  if (serveUrl !== null && serveCommand !== null) {
    throw createSettingError(settings, 'serveUrl', {
      expected: `either a running server's URL or ${name(settings, 'serveCommand')}, not both`,
      received: 'both',
      example: 'http://127.0.0.1:8080',
      fix: `Keep ${name(settings, 'serveUrl')} for a server already running, or ${name(settings, 'serveCommand')} for one embedprof starts and stops.`,
    });
  }
  if (serveUrl !== null) return { kind: 'url', url: serveUrl, label: name(settings, 'serveUrl') };
  if (serveCommand === null) {
    throw createSettingError(settings, 'serveUrl', {
      expected: `the server to measure: ${name(settings, 'serveUrl')} of a running one, or ${name(settings, 'serveCommand')} to start one`,
      received: 'neither',
      example: 'http://127.0.0.1:8080',
      fix: `Pass e.g. ${name(settings, 'serveUrl')} http://127.0.0.1:8080, or ${name(settings, 'serveCommand')} "embedprof serve-reference".`,
    });
  }
  return {
    kind: 'command',
    command: serveCommand,
    readyPath,
    readyTimeoutMs: readyTimeoutSeconds * 1000,
    labels: {
      command: name(settings, 'serveCommand'),
      readyPath: name(settings, 'readyPath'),
      readyTimeout: name(settings, 'readyTimeoutSeconds'),
    },
  };
}

function selectApi(settings: ResolvedSettings): ServeApi {
  const { serveApi, apiPath, apiModel, requestTemplate } = settings.values;
  const path = apiPath ?? DEFAULT_PATHS[serveApi];
  if (requestTemplate !== null && serveApi !== 'template') {
    throw createSettingError(settings, 'requestTemplate', {
      expected: `${name(settings, 'serveApi')} template beside a request template`,
      received: `${name(settings, 'serveApi')} ${serveApi}`,
      example: 'template',
      fix: `Set ${name(settings, 'serveApi')} to template, or drop ${name(settings, 'requestTemplate')}.`,
    });
  }
  switch (serveApi) {
    case 'openai':
      return { kind: 'openai', path, model: apiModel };
    case 'tei':
      return { kind: 'tei', path };
    case 'template':
      if (requestTemplate === null) {
        throw createSettingError(settings, 'requestTemplate', {
          expected: `the JSON body of each request, with {{texts}} where the texts go (${name(settings, 'serveApi')} template)`,
          received: 'nothing',
          example: '{"texts": {{texts}}}',
        });
      }
      return { kind: 'template', path, body: requestTemplate };
  }
}

function buildServePlan(settings: ResolvedSettings): ServePlan {
  const { values } = settings;
  return {
    arrivals: values.arrivals,
    seed: values.seed,
    windowSeconds: values.windowSeconds,
    rounds: values.serveRounds,
    latencySloMs: values.serveLatencySloMs,
    sloQuantile: values.sloQuantile,
    maxErrorRate: values.maxErrorRate,
    maxInFlight: values.maxInFlight,
    requestTimeoutMs: values.requestTimeoutSeconds * 1000,
    rates: values.serveRates ?? 'auto',
    referenceRatePerSecond: values.referenceRate,
  };
}
