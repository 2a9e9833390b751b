/**
 * The settings of `embedprof serve-reference`, the bundled reference server (measure/serve/): the port it
 * listens on and the slowdown of its deliberately slowed variant. The model it serves takes the measuring
 * commands' own settings (--model, --dtype, --tokenizer, --threads, --cache-dir, --hub-endpoint).
 */
import { defineOptionalSetting, defineSetting } from '../../measure/protocol/setting-kit/setting-entry.js';
import { intKind, numberKind, textKind } from '../../measure/protocol/setting-kit/setting-kinds.js';

const SERVING = ['serve-reference'] as const;

export const REFERENCE_SERVER_SETTINGS = {
  referencePort: defineSetting({
    kind: intKind(1, 65_535, '8080'),
    fallback: 8080,
    environment: 'PORT',
    ...{ flag: 'port', flagArg: 'N', input: null, config: null, commands: SERVING },
    group: 'Runtime',
    help: 'the port to listen on (default $PORT, which --serve-command gives a server it starts, else 8080)',
  }),
  referenceHost: defineSetting({
    kind: textKind('none', '127.0.0.1'),
    fallback: '127.0.0.1',
    ...{ flag: 'host', flagArg: 'ADDRESS', input: null, config: null, commands: SERVING },
    group: 'Runtime',
    help: 'the address to listen on (default 127.0.0.1: this machine only)',
  }),
  referenceSlowPercent: defineOptionalSetting({
    kind: numberKind('15'),
    ...{ flag: 'slow-percent', flagArg: 'P', input: null, config: null, commands: SERVING },
    group: 'Runtime',
    help: "stretch each request's compute by P % (a busy wait in proportion to its measured time): a deliberately slower server for tests and validation",
  }),
};
