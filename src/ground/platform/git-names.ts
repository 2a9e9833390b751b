/**
 * What git accepts as a branch name (git check-ref-format --branch), and what embedprof accepts as a ref or a
 * remote: checked in pure code, so a setting is refused in the face's words before any git runs, and a value
 * starting with "-" never reaches git where it could be read as an option.
 */

/** The rule a name breaks, e.g. `no ".." in it`. */
export type NameProblem = string;

const BRANCH_CHARACTERS = /^[A-Za-z0-9._/-]{1,200}$/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The first rule of a branch name that `name` breaks, or null when git would take it as a branch. */
export function findBranchNameProblem(name: string): NameProblem | null {
  if (name.startsWith('-')) return 'not starting with "-"';
  if (!BRANCH_CHARACTERS.test(name)) return '1 to 200 letters, digits, ".", "_", "/" or "-"';
  if (name.includes('..')) return 'no ".." in it';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
    return 'no empty part between "/"s, nor a "/" at either end';
  if (name.endsWith('.')) return 'not ending with "."';
  const parts = name.split('/');
  if (parts.some((part) => part.startsWith('.'))) return 'no part starting with "."';
  if (parts.some((part) => part.endsWith('.lock'))) return 'no part ending with ".lock"';
  if (name === 'HEAD') return 'not HEAD';
  return null;
}

/** The problem with a ref (branch, tag, commit) or remote (name or URL) given to git, or null. */
export function findGitValueProblem(value: string): NameProblem | null {
  if (value === '') return 'not empty';
  if (value.startsWith('-')) return 'not starting with "-": git would read it as an option';
  if (CONTROL.test(value)) return 'no line breaks, tabs or other control characters';
  return null;
}
