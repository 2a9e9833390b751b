/** Plans and sends one window against a test server: the load generator's tests share this set-up. */
import { planArrivals } from '../../../src/measure/serve/plan-arrivals.js';
import { prepareServeApi } from '../../../src/measure/serve/serve-api.js';
import type {
  PlannedRequest,
  ScheduleRequest,
  ServeApi,
  WindowResult,
} from '../../../src/measure/serve/serve-types.js';
import { sendSchedule } from '../../../src/measure/serve/send-schedule.js';

export const CORPUS = Array.from({ length: 40 }, (_, i) => `text number ${i}`);
export const TEI: ServeApi = { kind: 'tei', path: '/embed' };

export interface WindowOptions {
  api?: ServeApi;
  schedule?: Partial<ScheduleRequest>;
  plan?: PlannedRequest[];
  maxInFlight?: number;
  timeoutMs?: number;
}

export async function runWindow(baseUrl: string, options: WindowOptions = {}): Promise<WindowResult> {
  const schedule: ScheduleRequest = {
    ratePerSecond: 50,
    durationSeconds: 0.2,
    arrivals: { kind: 'constant' },
    seed: 7,
    textsPerRequest: 2,
    ...options.schedule,
  };
  return sendSchedule({
    baseUrl,
    api: prepareServeApi(options.api ?? TEI),
    corpus: CORPUS,
    schedule,
    plan: options.plan ?? planArrivals(schedule, CORPUS.length),
    maxInFlight: options.maxInFlight ?? 16,
    timeoutMs: options.timeoutMs ?? 2000,
  });
}
