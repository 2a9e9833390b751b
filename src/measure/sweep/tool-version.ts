import { readFileSync } from 'node:fs';

/** The version from package.json, found relative to this file in both build/ and dist/ layouts. */
export function readToolVersion(): string {
  for (const relative of ['../../../../package.json', '../../../package.json', '../package.json']) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));
      const version =
        typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'version') : undefined;
      const name = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'name') : undefined;
      if (name === 'embedprof' && typeof version === 'string') return version;
    } catch {
      // try the next layout
    }
  }
  return 'unknown';
}
