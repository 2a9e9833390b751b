/** `embedprof COMMAND --help`: the command's synopsis and its flags by group, read off the settings table. */
import type { CommandName, HelpGroup } from '../../measure/protocol/setting-kit/setting-entry.js';
import { getEntry } from '../settings/setting-table.js';
import { listCommandKeys } from './read-flags.js';

const WIDTH = 110;
const FLAG_COLUMN = 26;

const SYNOPSIS: Record<CommandName, string> = {
  profile: `embedprof profile [options]

Runs the batch-size and text-length profiles (each cell in fresh worker processes) and the analysis, and
writes OUT/profile.json and the reports.`,
  gate: `embedprof gate [options] (--against REF | --baseline FILE|DIR)

Profiles the current code, compares it with a reference, and while some cells are inconclusive on a gated
metric and the time budget allows, measures more processes for just those cells and compares again. Writes
OUT/profile.json, OUT/comparison.json and the reports.

Exit codes: 0 pass (or skipped), 1 regression in a --fail-on metric (or a cell failed), 2 usage or input error.`,
  compare: `embedprof compare --baseline FILE|DIR --current profile.json [options]

Compares a profile.json with a baseline and writes OUT/comparison.json.

Exit codes: 0 pass (or skipped), 1 regression in a --fail-on metric, 2 usage or input error (including a
corrupt, truncated or newer-version baseline, and a mismatched machine under --on-machine-mismatch fail).`,
  merge: `embedprof merge --from DIR [--baseline FILE|DIR] [options] --out OUT

Merges the shards of a sharded run (\`--shard i/n\` in n matrix jobs; their output folders downloaded under
DIR) into one profile.json and compares it: when every shard ran in duet mode, the base profiles are merged
too and compared pairwise; otherwise with --baseline. Exit codes as for \`embedprof gate\`.`,
  report: `embedprof report --profile profile.json [--comparison comparison.json] --out DIR

Writes comment.md, summary.md, report.md, report.html, profile.csv and, with a comparison, comparison.csv.`,
  'baseline-update': `embedprof baseline update --from profile.json --name NAME [options]

Records what a profile measured as DIR/NAME.json (written atomically), with its machine fingerprint and
provenance (commit, ref, runner, workflow run from the GitHub Actions environment; else \`git rev-parse HEAD\`).`,
  export: `embedprof export --profile profile.json --format bmf|gab|gab-bigger|gab-smaller [--out FILE]

Writes a profile's cells as Bencher Metric Format JSON (\`bencher run --adapter json --file bmf.json\`) or as
github-action-benchmark's custom JSON: gab-bigger (throughput) for a \`tool: customBiggerIsBetter\` step,
gab-smaller (p95 latency, peak memory) for a \`tool: customSmallerIsBetter\` step, gab both. Values are medians over the
worker processes with their 95 % intervals; skipped and failed cells are left out and named. A serve-profile.json
(\`embedprof serve-profile\`) exports each sweep's knee (throughput, req/s; bigger is better) and its p95 at the
reference rate (latency; smaller is better), with their intervals.`,
  'history-add': `embedprof history add --profile profile.json (--store DIR | --data-branch NAME) [options]

Appends one compact record of the profile (per cell and metric the per-process values, the machine, the commit,
its parent and branch, and with --comparison the chained duet's ratios) to the history store. Records are
append-only files under records/; on a data branch the record is committed and pushed, retried when another run
pushed first. A serve-profile.json (\`embedprof serve-profile\`) is recorded as each sweep's knee and p95 at the
reference rate with their intervals, and the server's peak memory: \`history check\` and \`history site\` read them
as series of their own.`,
  'history-check': `embedprof history check (--store DIR | --data-branch NAME) [--newest N] [--fail-on LIST]

Finds change points in every cell × metric series of the store (per machine) and fails (exit 1) only on a new
regression of a --fail-on metric: one among the newest N runs. Each series is judged on its chained duet ratios
when the newest run has one, else on its level. Exit 0 when nothing new regressed or too few runs are recorded.`,
  'history-site': `embedprof history site (--store DIR | --data-branch NAME) --out SITE [options]

Writes a self-contained dashboard (SITE/index.html, no network request): per cell, throughput, p95 latency and
peak memory over the recorded commits with their intervals, change points and machine changes marked, and the
chained trend beside the absolute one.`,
  nightly: `embedprof nightly (--store DIR | --data-branch NAME) [options]

The action's mode history on the command line: measures this commit side by side with the newest recorded one
(a chained duet; a plain profile when the store is empty or that commit is not in this checkout), adds the
record to the store (a data branch is committed and pushed), checks for change points and writes the dashboard
to OUT/site.

Exit codes: 0 nothing new regressed (or too few runs), 1 a new regression change point in a --fail-on metric (or
a failed measurement or add), 2 usage or input error.`,
  'serve-profile': `embedprof serve-profile (--url URL | --serve-command CMD) [options]

Profiles an HTTP embedding server (OpenAI /v1/embeddings, TEI /embed, or a JSON template) under open-loop load:
per texts-per-request value, a rate sweep measured in windows over several rounds, latency p50/p95/p99 with
intervals, goodput, errors per kind, and the knee — the highest rate whose --slo-quantile latency stays within
--latency-slo-ms and whose errors stay under --max-error-rate — with its interval. A server it starts
(--serve-command) is stopped with its whole process group; its cold start and RSS over time are recorded.
Writes OUT/serve-profile.json and the reports.

Exit codes: 0 measured, 1 the server died or no request of a sweep succeeded (the reports hold what was
measured), 2 usage or input error (an unreachable URL, a server that never becomes ready).`,
  'serve-gate': `embedprof serve-gate --serve-command CMD --against REF [options]

The serve duet: starts the server twice — from a temporary git worktree of REF (after --base-setup) and from
the working tree — each on its own free port, and measures them in alternating windows at the same rates and
rounds with the same seeded arrivals. Compares per texts-per-request value the knee and the p95 latency at
--reference-rate by the decision rule, pair by pair (docs/serve-gate.md), and fails on a knee drop beyond
--max-knee-drop or a p95 growth beyond --max-p95-growth. Both servers and the worktree are removed at the end.
Writes OUT/serve-comparison.json, each side's serve-profile.json (OUT/base, OUT/head) and the reports.

Exit codes: 0 no regression (also inconclusive unless --fail-on-inconclusive), 1 a regression, a server that
died or answered nothing, 2 usage or input error (a server that never becomes ready, a REF that is not there).`,
  'serve-reference': `embedprof serve-reference [--model SPEC] [--dtype q8] [--tokenizer DIR] [--port N] [--slow-percent P]

Serves the model with embedprof's engine over HTTP until SIGINT or SIGTERM: POST /v1/embeddings (OpenAI:
{input, model} → {data: [{embedding, index}], model, usage}), POST /embed (Hugging Face TEI: {inputs} →
number[][], with TEI's x-queue-time, x-tokenization-time, x-inference-time and x-compute-time headers) and
GET /health. Requests are embedded one at a time in arrival order. A baseline server to profile: started by
embedprof with \`--serve-command "embedprof serve-reference"\`, it listens on the $PORT embedprof gives it.

Exit codes: 0 stopped by a signal, 1 the port is taken (EADDRINUSE) or the engine failed, 2 usage or input error.`,
};

function wrap(text: string, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return line === '' ? lines : [...lines, line];
}

function formatFlag(flag: string, arg: string | undefined, help: string): string {
  const head = `  --${flag}${arg === undefined ? '' : ` ${arg}`}`;
  const [first = '', ...rest] = wrap(help, FLAG_COLUMN);
  const pad = ' '.repeat(FLAG_COLUMN);
  const opening =
    head.length < FLAG_COLUMN ? `${head.padEnd(FLAG_COLUMN)}${first}` : `${head}\n${pad}${first}`;
  return [opening, ...rest.map((line) => `${pad}${line}`)].join('\n');
}

export function formatCommandHelp(command: CommandName): string {
  const groups = new Map<HelpGroup, string[]>();
  for (const key of listCommandKeys(command)) {
    const entry = getEntry(key);
    const lines = groups.get(entry.group) ?? [];
    lines.push(formatFlag(entry.flag ?? key, entry.flagArg, entry.help));
    groups.set(entry.group, lines);
  }
  const sections = [...groups].map(([group, lines]) => `${group}:\n${lines.join('\n')}`);
  return [SYNOPSIS[command], ...sections].join('\n\n');
}
