/**
 * Cells the reference measured but the run under test did not: each is a failed check with its cause. A cell
 * over the memory cap is a memory regression; a crash, a timeout or an error thrown by the embedder is a
 * failure of the code under test, never a pass by omission.
 */
import type { BaselineCell } from '../baseline/baseline-schema.js';
import { cellId, createCellKey, formatCellLabel } from '../../ground/schema/cell-key.js';
import { NO_PROCESS_COMPLETED, type BatchCell, type LengthCell } from '../../ground/schema/cell-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import type { HeadFailure } from './comparison-schema.js';

type UnmeasuredCell = Exclude<BatchCell | LengthCell, { status: 'measured' }>;

function classifyError(error: string): HeadFailure['cause'] {
  if (/timed out/i.test(error)) return 'timeout';
  if (/exited \(code .*, signal .*\) without a result/i.test(error)) return 'crash';
  return 'embedder-error';
}

function describeFailure(cell: UnmeasuredCell): Pick<HeadFailure, 'cause' | 'detail'> {
  switch (cell.status) {
    case 'skipped':
      return { cause: cell.reason, detail: cell.detail };
    case 'failed':
      return { cause: classifyError(cell.error), detail: cell.error };
  }
}

function listCells(profile: Profile): (BatchCell | LengthCell)[] {
  return [...profile.batchSweep, ...profile.lengthSweep];
}

/** The ids of a duet base's cells lost only because the head's process of the pair failed. */
function listLostToHead(referenceProfile: Profile | null): Set<string> {
  const lost = referenceProfile === null ? [] : listCells(referenceProfile);
  return new Set(
    lost
      .filter((cell) => cell.status === 'failed' && cell.error === NO_PROCESS_COMPLETED)
      .map((cell) => cellId(createCellKey(cell))),
  );
}

/**
 * The unmeasured cells of `profile` that the reference measured (`reference`), or, in duet mode, that the base
 * (`referenceProfile`) lost only because this side failed; in sweep order. A cell both sides lost for reasons
 * of their own (both over the cap) does not count.
 */
export function findHeadFailures(
  profile: Profile,
  reference: readonly BaselineCell[],
  referenceProfile: Profile | null = null,
): HeadFailure[] {
  const counted = listLostToHead(referenceProfile);
  for (const cell of reference) counted.add(cellId(cell.key));
  return listCells(profile).flatMap((cell) => {
    if (cell.status === 'measured') return [];
    const key = createCellKey(cell);
    if (!counted.has(cellId(key))) return [];
    return [{ key, label: formatCellLabel(key), ...describeFailure(cell) }];
  });
}

/**
 * Duet mode: the cells the base (`referenceProfile`) failed or was stopped in on its own account, i.e. not
 * merely because the head's process of the pair failed; in sweep order.
 */
export function findBaseFailures(referenceProfile: Profile | null): HeadFailure[] {
  const cells = referenceProfile === null ? [] : listCells(referenceProfile);
  return cells.flatMap((cell) => {
    if (cell.status === 'measured') return [];
    if (cell.status === 'failed' && cell.error === NO_PROCESS_COMPLETED) return [];
    const key = createCellKey(cell);
    return [{ key, label: formatCellLabel(key), ...describeFailure(cell) }];
  });
}

const CAUSE_WORDS: Record<HeadFailure['cause'], string> = {
  'memory-cap': 'over the memory cap',
  'allocation-failure': 'out of memory',
  crash: 'the worker crashed',
  timeout: 'timed out',
  'embedder-error': 'the embedder threw',
};

/** "batch 256: over the memory cap (…)", for reasons and headlines. */
export function describeHeadFailure(failure: HeadFailure): string {
  return `${failure.label}: ${CAUSE_WORDS[failure.cause]} (${failure.detail})`;
}
