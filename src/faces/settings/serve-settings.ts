/**
 * The settings of `embedprof serve-profile`: which server (a URL, or a command embedprof starts and stops),
 * which API, the load (open-loop arrivals, texts per request, rates, windows, rounds) and the objective the
 * knee is found against. embedprof.config.json keeps the ones a repository fixes under `serve`.
 */
import { defineOptionalSetting, defineSetting } from '../../measure/protocol/setting-kit/setting-entry.js';
import {
  choiceKind,
  intKind,
  intListKind,
  numberKind,
  numberListKind,
  textKind,
  urlKind,
} from '../../measure/protocol/setting-kit/setting-kinds.js';

const SERVING = ['serve-profile', 'serve-gate'] as const;

/**
 * The serve gate's rounds when nothing sets them (both faces' own default layer): the fewest whose paired t
 * interval resolves its ±5 % horizon (docs/serve-gate.md), where a single serve profile takes 3.
 */
export const SERVE_GATE_ROUNDS = 8;
const serving = { input: null, commands: SERVING, group: 'Serving' } as const;

export const SERVE_SETTINGS = {
  serveUrl: defineOptionalSetting({
    kind: urlKind('http://127.0.0.1:8080'),
    ...{ ...serving, flag: 'url', flagArg: 'URL', config: null, commands: ['serve-profile'] },
    help: 'the base URL of a server already running (the API path is added to it)',
  }),
  serveCommand: defineOptionalSetting({
    kind: textKind('none', 'embedprof serve-reference'),
    ...{ ...serving, flag: 'serve-command', flagArg: 'CMD', config: 'serve.command', input: 'serve-command' },
    help: 'a shell command that starts the server; embedprof gives it a free port as $PORT and {port}, waits until --ready-path answers 2xx, and stops its whole process group at the end',
    inputHelp:
      'modes serve and serve-gate: the shell command that starts the server on $PORT (or {port}); its whole process group is stopped at the end. The other serve settings live under serve in embedprof.config.json.',
  }),
  readyPath: defineSetting({
    kind: textKind('none', '/health'),
    fallback: '/health',
    ...{ ...serving, flag: 'ready-path', flagArg: 'PATH', config: 'serve.readyPath' },
    help: 'the path whose first 2xx answer means a started server is ready (default /health)',
  }),
  readyTimeoutSeconds: defineSetting({
    kind: numberKind('120'),
    fallback: 120,
    ...{ ...serving, flag: 'ready-timeout', flagArg: 'SECONDS', config: 'serve.readyTimeoutSeconds' },
    help: 'how long a started server may take to become ready (default 120)',
  }),
  serveApi: defineSetting({
    kind: choiceKind(['openai', 'tei', 'template'] as const),
    fallback: 'openai' as const,
    ...{ ...serving, flag: 'api', flagArg: 'openai|tei|template', config: 'serve.api' },
    help: 'the API: openai (POST /v1/embeddings, {input, model}), tei (POST /embed, {inputs}), or template (--request-template) (default openai)',
  }),
  apiPath: defineOptionalSetting({
    kind: textKind('none', '/v1/embeddings'),
    ...{ ...serving, flag: 'api-path', flagArg: 'PATH', config: 'serve.path' },
    help: "the API's path (default /v1/embeddings for openai, /embed for tei, / for template)",
  }),
  apiModel: defineOptionalSetting({
    kind: textKind('none', 'all-MiniLM-L6-v2'),
    ...{ ...serving, flag: 'api-model', flagArg: 'NAME', config: 'serve.model' },
    help: 'the `model` field of OpenAI requests (default: none sent)',
  }),
  requestTemplate: defineOptionalSetting({
    kind: textKind('none', '{"texts": {{texts}}}'),
    ...{ ...serving, flag: 'request-template', flagArg: 'JSON', config: 'serve.requestTemplate' },
    help: 'with --api template: the JSON body, with {{texts}} where the array of texts goes',
  }),
  serveLatencySloMs: defineSetting({
    kind: numberKind('100'),
    fallback: 100,
    ...{
      ...serving,
      flag: 'latency-slo-ms',
      flagArg: 'MS',
      config: 'serve.latencySloMs',
      input: 'latency-slo-ms',
    },
    help: 'the latency objective: the knee is the highest rate whose --slo-quantile latency stays within it (default 100)',
    inputHelp:
      'modes serve and serve-gate: the latency objective in ms the knee is found against (default 100).',
  }),
  sloQuantile: defineSetting({
    kind: choiceKind(['p95', 'p99'] as const),
    fallback: 'p95' as const,
    ...{ ...serving, flag: 'slo-quantile', flagArg: 'p95|p99', config: 'serve.sloQuantile' },
    help: 'the latency quantile held to the objective (default p95)',
  }),
  maxErrorRate: defineSetting({
    kind: numberKind('0.01', 1),
    fallback: 0.01,
    ...{ ...serving, flag: 'max-error-rate', flagArg: 'F', config: 'serve.maxErrorRate' },
    help: 'a rate whose failed requests exceed this fraction is beyond the knee (default 0.01)',
  }),
  textsPerRequest: defineSetting({
    kind: intListKind('1,8,32', 4096),
    fallback: [8],
    ...{ ...serving, flag: 'texts-per-request', flagArg: 'LIST', config: 'serve.textsPerRequest' },
    help: 'texts in each request; a list sweeps them, one rate sweep each (default 8)',
  }),
  serveRates: defineOptionalSetting({
    kind: numberListKind('20,40,80'),
    ...{ ...serving, flag: 'rates', flagArg: 'LIST', config: 'serve.rates' },
    help: 'the request rates (per second) to measure; default: a ramp from a few warm-up requests doubles until the objective breaks, then rates around that bracket',
  }),
  referenceRate: defineOptionalSetting({
    kind: numberKind('50'),
    ...{
      ...serving,
      flag: 'reference-rate',
      flagArg: 'R',
      config: 'serve.referenceRate',
      input: 'reference-rate',
    },
    help: 'also measure p95 latency at this fixed rate (per second), the figure a serve gate compares',
    inputHelp:
      'modes serve and serve-gate: also measure p95 latency at this fixed rate (per second), which serve-gate compares.',
  }),
  arrivals: defineSetting({
    kind: choiceKind(['poisson', 'constant'] as const),
    fallback: 'poisson' as const,
    ...{ ...serving, flag: 'arrivals', flagArg: 'poisson|constant', config: 'serve.arrivals' },
    help: 'when requests are due: Poisson arrivals or a constant interval, from a seeded schedule (default poisson)',
  }),
  windowSeconds: defineSetting({
    kind: numberKind('5'),
    fallback: 5,
    ...{ ...serving, flag: 'window-seconds', flagArg: 'S', config: 'serve.windowSeconds' },
    help: 'the length of one measurement window at one rate (default 5)',
  }),
  serveRounds: defineSetting({
    kind: intKind(1, 50, '3'),
    fallback: 3,
    ...{ ...serving, flag: 'rounds', flagArg: 'N', config: 'serve.rounds' },
    help: 'windows per rate, in rounds whose order of rates is shuffled (default 3)',
  }),
  maxInFlight: defineSetting({
    kind: intKind(1, 65_536, '256'),
    fallback: 256,
    ...{ ...serving, flag: 'max-in-flight', flagArg: 'N', config: 'serve.maxInFlight' },
    help: 'at most N requests open at once; requests due beyond it wait (and are counted) (default 256)',
  }),
  requestTimeoutSeconds: defineSetting({
    kind: numberKind('10'),
    fallback: 10,
    ...{ ...serving, flag: 'request-timeout', flagArg: 'SECONDS', config: 'serve.requestTimeoutSeconds' },
    help: 'a request not answered this long after it was due is a timeout (default 10)',
  }),
  serveTimeBudgetSeconds: defineSetting({
    kind: numberKind('300'),
    fallback: 300,
    ...{ ...serving, flag: 'time-budget', flagArg: 'SECONDS', config: 'serve.timeBudgetSeconds' },
    help: 'wall-clock budget of the whole sweep; a round starts only when it fits, and at least one runs (default 300)',
  }),
};
