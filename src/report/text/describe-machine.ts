/**
 * The machine line every output shares: what ran where ("MODEL (q8) on CPU, 4 threads") and how the
 * comparison's machine check came out ("same machine"). The report and the terminal word the custom
 * embedder and the mismatch setting each their own way; that difference is the `face` parameter.
 */
import type { MachineComparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { sanitizeText } from './escape.js';

/** Who reads the line: a report (Markdown, HTML, summary) or the terminal of `embedprof profile/compare/gate`. */
export type MachineFace = 'report' | 'terminal';

/** Longest model spec or CPU name a report quotes. */
const MAX_NAME_CHARS = 120;

/**
 * "Xenova/all-MiniLM-L6-v2 (q8) on AMD EPYC 7763, 4 threads". A report sanitizes the spec and the CPU name
 * and says "custom embedder"; the terminal prints them as recorded and says "custom".
 */
export function describeRunMachine(profile: Profile, face: MachineFace): string {
  const { model, environment } = profile;
  switch (face) {
    case 'report': {
      const spec = sanitizeText(model.spec, MAX_NAME_CHARS);
      const cpu = sanitizeText(environment.cpuModel, MAX_NAME_CHARS);
      return `${spec} (${model.dtype ?? 'custom embedder'}) on ${cpu}, ${environment.threads} threads`;
    }
    case 'terminal':
      return `${model.spec} (${model.dtype ?? 'custom'}) on ${environment.cpuModel}, ${environment.threads} threads`;
  }
}

/** The mismatch policy as each face names its setting: "(onMachineMismatch warn)", ", --on-machine-mismatch warn". */
function describePolicy(
  machine: Extract<MachineComparison, { kind: 'different' }>,
  face: MachineFace,
): string {
  switch (face) {
    case 'report':
      return ` (onMachineMismatch ${machine.policy})`;
    case 'terminal':
      return `, --on-machine-mismatch ${machine.policy}`;
  }
}

/** "same machine", "another machine or configuration (onMachineMismatch normalize)", "machine unknown". */
export function describeMachineCheck(machine: MachineComparison, face: MachineFace): string {
  switch (machine.kind) {
    case 'same':
      return 'same machine';
    case 'different':
      return `another machine or configuration${describePolicy(machine, face)}`;
    case 'unknown':
      return 'machine unknown';
  }
}
