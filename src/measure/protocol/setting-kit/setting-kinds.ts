/**
 * The kinds of value a setting holds: how a flag or action input's text becomes the value, which zod schema
 * checks it in embedprof.config.json, and how it is shown back. A parse failure returns what was expected and
 * an example; the caller names the setting in the words of the face the value came from.
 */
import { z } from 'zod';
import {
  findBranchNameProblem,
  findGitValueProblem,
  type NameProblem,
} from '../../../ground/platform/git-names.js';
import type { PathRole } from '../../../ground/files/check-path.js';
import { findKnownArchitecture, listArchitectureNames } from '../../onnx/architectures.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; expected: string; example: string };

export interface SettingKind<T> {
  /** The value from a flag's or input's text (already trimmed, never empty). */
  parseText(text: string): ParseResult<T>;
  /** What embedprof.config.json must hold for it. */
  configSchema: z.ZodType<T>;
  /** The value as a flag or input would be written. */
  formatText(value: T): string;
  /**
   * A path is resolved against the folder of the layer that gave it, and checked for its role before the run
   * (files/check-path.ts); a model is a path only when it is written as one ("./folder").
   */
  path: 'none' | 'model' | PathRole;
}

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(expected: string, example: string): ParseResult<T> => ({ ok: false, expected, example });
const isPositiveInt = (text: string) =>
  /^\d+$/.test(text) && Number(text) > 0 && Number.isSafeInteger(Number(text));

export function textKind(path: SettingKind<string>['path'] = 'none', example = 'value'): SettingKind<string> {
  return {
    parseText: (text) => (text === '' ? fail('a non-empty value', example) : ok(text)),
    configSchema: z.string().min(1),
    formatText: (value) => value,
    path,
  };
}

/** An http(s) URL, e.g. a Hugging Face hub mirror. */
export function urlKind(example: string): SettingKind<string> {
  const isHttp = (text: string) => URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);
  const expected = `an http(s) URL such as ${example}`;
  return {
    parseText: (text) => (isHttp(text) ? ok(text) : fail(expected, example)),
    configSchema: z.string().refine(isHttp, `expected ${expected}`),
    formatText: (value) => value,
    path: 'none',
  };
}

/**
 * A model: synthetic:NAME (NAME a known architecture), a folder written as a path, or a hub id. Only the
 * synthetic names are checked here; a folder is checked for its role, a hub id when it is resolved.
 */
export function modelKind(example: string): SettingKind<string> {
  const names = listArchitectureNames();
  const valid = (text: string) =>
    !text.startsWith('synthetic:') || findKnownArchitecture(text.slice('synthetic:'.length)) !== undefined;
  const expected = `synthetic:NAME with NAME one of ${names.join(', ')}; a model folder ("./folder"); or a hub id org/name[@revision]`;
  return {
    parseText: (text) => (valid(text) ? ok(text) : fail(expected, example)),
    configSchema: z.string().min(1).refine(valid, `expected ${expected}`),
    formatText: (value) => value,
    path: 'model',
  };
}

export function patternKind(pattern: RegExp, expected: string, example: string): SettingKind<string> {
  return {
    parseText: (text) => (pattern.test(text) ? ok(text) : fail(expected, example)),
    configSchema: z.string().regex(pattern, `expected ${expected}`),
    formatText: (value) => value,
    path: 'none',
  };
}

/** A value handed to git: a branch name (`branch`), or a ref or remote (`value`) that git must not read as an option. */
export function gitNameKind(what: 'branch' | 'ref' | 'remote', example: string): SettingKind<string> {
  const find = (text: string): NameProblem | null =>
    what === 'branch' ? findBranchNameProblem(text) : findGitValueProblem(text);
  const noun = {
    branch: 'a git branch name',
    ref: 'a git branch, tag or commit',
    remote: 'a git remote name or URL',
  }[what];
  const describe = (problem: NameProblem) => `${noun} (${problem})`;
  return {
    parseText: (text) => {
      const problem = find(text);
      return problem === null ? ok(text) : fail(describe(problem), example);
    },
    configSchema: z.string().superRefine((text, context) => {
      const problem = find(text);
      if (problem !== null) context.addIssue({ code: 'custom', message: `expected ${describe(problem)}` });
    }),
    formatText: (value) => value,
    path: 'none',
  };
}

export function intKind(min = 1, max = Number.MAX_SAFE_INTEGER, example = String(min)): SettingKind<number> {
  const expected =
    max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `an integer from ${min} to ${max}`;
  return {
    parseText: (text) => {
      const value = Number(text);
      return isPositiveInt(text) && value >= min && value <= max ? ok(value) : fail(expected, example);
    },
    configSchema: z.number().int().min(min).max(max),
    formatText: String,
    path: 'none',
  };
}

export function numberKind(example: string, below: number | null = null): SettingKind<number> {
  const expected = below === 1 ? 'a fraction between 0 and 1 (0.10 = 10 %)' : 'a positive number';
  const valid = (value: number) => Number.isFinite(value) && value > 0 && (below === null || value < below);
  const schema = below === null ? z.number().gt(0) : z.number().gt(0).lt(below);
  return {
    parseText: (text) => (valid(Number(text)) ? ok(Number(text)) : fail(expected, example)),
    configSchema: schema,
    formatText: String,
    path: 'none',
  };
}

/** A limit in seconds, where 0 means none (the protocol then sets no timer). */
export function timeLimitKind(example: string): SettingKind<number> {
  const valid = (text: string, value: number) => text !== '' && Number.isFinite(value) && value >= 0;
  return {
    parseText: (text) =>
      valid(text, Number(text)) ? ok(Number(text)) : fail('a number of seconds, or 0 for no limit', example),
    configSchema: z.number().min(0),
    formatText: String,
    path: 'none',
  };
}

/** A comma-separated list of positive integers, each at most `max`. */
export function intListKind(example: string, max = Number.MAX_SAFE_INTEGER): SettingKind<number[]> {
  const expected =
    max === Number.MAX_SAFE_INTEGER
      ? 'a comma-separated list of positive integers'
      : `a comma-separated list of integers from 1 to ${max}`;
  return {
    parseText: (text) => {
      const parts = text.split(',').map((part) => part.trim());
      if (!parts.every((part) => isPositiveInt(part) && Number(part) <= max)) return fail(expected, example);
      return ok([...new Set(parts.map(Number))].sort((a, b) => a - b));
    },
    configSchema: z.array(z.number().int().positive().max(max)).min(1),
    formatText: (value) => value.join(','),
    path: 'none',
  };
}

/** A comma-separated list of positive numbers (rates such as 0.5,2,8), deduplicated and sorted. */
export function numberListKind(example: string): SettingKind<number[]> {
  const expected = 'a comma-separated list of positive numbers';
  const valid = (part: string) => part !== '' && Number.isFinite(Number(part)) && Number(part) > 0;
  return {
    parseText: (text) => {
      const parts = text.split(',').map((part) => part.trim());
      if (!parts.every(valid)) return fail(expected, example);
      return ok([...new Set(parts.map(Number))].sort((a, b) => a - b));
    },
    configSchema: z.array(z.number().positive()).min(1),
    formatText: (value) => value.join(','),
    path: 'none',
  };
}

export function choiceKind<const T extends string>(choices: readonly [T, ...T[]]): SettingKind<T> {
  return {
    parseText: (text) => {
      const match = choices.find((choice) => choice === text);
      return match === undefined ? fail(`one of ${choices.join(', ')}`, choices[0]) : ok(match);
    },
    configSchema: z.enum(choices) as unknown as z.ZodType<T>,
    formatText: (value) => value,
    path: 'none',
  };
}

/** true or false only: a typo must fail, not quietly become false. */
export function booleanKind(): SettingKind<boolean> {
  return {
    parseText: (text) =>
      text === 'true' ? ok(true) : text === 'false' ? ok(false) : fail('true or false', 'true'),
    configSchema: z.boolean(),
    formatText: String,
    path: 'none',
  };
}
