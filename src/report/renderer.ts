/**
 * The one interface every output format implements (like hyperfine's `src/report/export/`): a pure function from a
 * profile and an optional comparison to the text of one file. No I/O, no environment, no clock.
 */
import type { Comparison } from '../decide/compare/comparison-schema.js';
import type { Profile } from '../measure/protocol/profile-schema.js';

export interface ReportInput {
  profile: Profile;
  /** null when the run was not compared with a baseline. */
  comparison: Comparison | null;
  /** Why nothing was compared because this change is the one that adds embedprof; absent otherwise. */
  adoption?: string | null;
}

export interface Renderer {
  /** The file name it writes, e.g. "comment.md". */
  file: string;
  /** 'comparison' renderers have nothing to say without a comparison; renderAll skips them then. */
  needs: 'profile' | 'comparison';
  render(input: ReportInput): string;
}
