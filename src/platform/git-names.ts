/**
 * What git accepts as a branch name (git check-ref-format --branch), and what embedprof accepts as a ref or a
 * remote: checked in pure code, so a setting is refused in the face's words before any git runs, and a value
 * starting with "-" never reaches git where it could be read as an option.
 */

export interface NameProblem {
  /** The rule broken, e.g. `no ".." in it`. */
  rule: string;
  /** How to fix it, one sentence. */
  fix: string;
}

const BRANCH_CHARACTERS = /^[A-Za-z0-9._/-]{1,200}$/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/;

function breaks(rule: string, fix: string): NameProblem {
  return { rule, fix };
}

/** The first rule of a branch name that `name` breaks, or null when git would take it as a branch. */
export function findBranchNameProblem(name: string): NameProblem | null {
  const fix = 'Choose a name of letters, digits, ".", "_", "/" and "-", such as embedprof-data.';
  if (name.startsWith('-')) return breaks('not starting with "-"', fix);
  if (!BRANCH_CHARACTERS.test(name)) return breaks('1 to 200 letters, digits, ".", "_", "/" or "-"', fix);
  if (name.includes('..')) return breaks('no ".." in it', fix);
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
    return breaks('no empty part between "/"s, nor a "/" at either end', fix);
  if (name.endsWith('.')) return breaks('not ending with "."', fix);
  const parts = name.split('/');
  if (parts.some((part) => part.startsWith('.'))) return breaks('no part starting with "."', fix);
  if (parts.some((part) => part.endsWith('.lock'))) return breaks('no part ending with ".lock"', fix);
  if (name === 'HEAD') return breaks('not HEAD', fix);
  return null;
}

/** The problem with a ref (branch, tag, commit) or remote (name or URL) given to git, or null. */
export function findGitValueProblem(value: string): NameProblem | null {
  if (value === '') return breaks('not empty', 'Name a branch, tag, commit or remote.');
  if (value.startsWith('-'))
    return breaks(
      'not starting with "-"',
      'Name a branch, tag, commit or remote; git would read this as an option.',
    );
  if (CONTROL.test(value))
    return breaks(
      'no control characters',
      'Name a branch, tag, commit or remote without line breaks or tabs.',
    );
  return null;
}
