/**
 * The exit code of `embedprof compare` and `embedprof gate` from a comparison: 0 when the gate passes or the
 * comparison was skipped (another machine under --on-machine-mismatch skip), 1 when a metric named by
 * --fail-on regressed. A mismatched machine under 'fail' never gets here: it is an input error (exit 2),
 * raised by assertMachinePolicy before comparing.
 */
import type { Comparison } from '../compare/comparison-schema.js';

export function decideGateExitCode(comparison: Comparison): 0 | 1 {
  switch (comparison.overall.gate) {
    case 'pass':
    case 'skipped':
      return 0;
    case 'fail':
      return 1;
  }
}
