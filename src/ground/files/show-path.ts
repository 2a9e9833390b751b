import { isAbsolute, relative } from 'node:path';

/** `path` relative to `cwd` when inside it, as messages show it. */
export function showPath(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}
