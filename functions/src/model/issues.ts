// One formatter for validation problems: zod issues -> { path, code, message } in a language.
// Used by the callables (invalid-argument details), the import report, and the web forms.
import type { z } from 'zod';
import type { Lang } from './lang';
import { message, messageOf, type Params } from './messages';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `customer.phones.mobile`; empty for the whole input. */
  path: string;
  /** Machine-readable reason: a zod issue code, or our own key for custom rules (e.g. `phone`). */
  code: string;
  /** Human-readable message in the requested language. */
  message: string;
  /** What the message needs (e.g. `limit`), so a client can say it again in its own language. */
  params?: Params;
}

export type { Params } from './messages';

/** Translates one field-problem key of the catalog (`problem.<key>`; also used for custom refinements via `params.i18n`). */
export function problemMessage(lang: Lang, key: string, params: Params = {}): string {
  return messageOf(lang, `problem.${key}`, params) ?? message(lang, 'problem.invalid');
}

function keyOf(issue: z.core.$ZodIssue): { key: string; params: Params } {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? { key: 'required', params: {} } : { key: 'tooShort', params: { min: Number(issue.minimum) } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'tooSmall', params: { min: Number(issue.minimum) } };
      return { key: 'tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') {
        // The seeds phrase limits as "under N characters": max(127) is "under 128".
        return { key: 'tooLong', params: { limit: Number(issue.maximum) + (issue.inclusive === false ? 0 : 1) } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'tooMany', params: { max: Number(issue.maximum) } };
      return { key: 'tooBig', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'email', params: {} };
      if (issue.format === 'date') return { key: 'date', params: {} };
      if (issue.format === 'url') return { key: 'url', params: {} };
      return { key: 'format', params: {} };
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { key: 'required', params: {} };
      if (issue.expected === 'int') return { key: 'integer', params: {} };
      if (issue.expected === 'number') return { key: 'number', params: {} };
      return { key: 'type', params: { expected: String(issue.expected) } };
    case 'invalid_value':
      return { key: 'oneOf', params: { values: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { key: 'unknownKeys', params: { keys: issue.keys.join(', '), count: issue.keys.length } };
    case 'custom': {
      const { i18n, ...params } = (issue.params ?? {}) as { i18n?: string } & Params;
      return { key: i18n ?? 'invalid', params };
    }
    default:
      return { key: 'invalid', params: {} };
  }
}

function perKey(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'unrecognized_keys') return [issue];
  return issue.keys.map((key) => ({ ...issue, keys: [key], path: [...issue.path, key] }));
}

export function pathString(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Readable problems for every issue of a zod error, with their field paths. An unknown key is
 * reported at its own path (`extra`, `customer.extra`), one problem per key, not at its object's.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], lang: Lang = 'en'): FieldProblem[] {
  return issues.flatMap(perKey).map((issue) => {
    const { key, params } = keyOf(issue);
    const problem: FieldProblem = { path: pathString(issue.path), code: key, message: problemMessage(lang, key, params) };
    if (Object.keys(params).length) problem.params = params;
    return problem;
  });
}

/** One line, e.g. `email: is not a valid email address; lastName: is required`. */
export function summarizeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Half of a surrogate pair without its other half: not text (Firestore refuses to store it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where `data` holds a string (a value or an object key) with a lone UTF-16 surrogate. */
export function loneSurrogatePaths(data: unknown, path: PropertyKey[] = [], into: PropertyKey[][] = []): PropertyKey[][] {
  if (typeof data === 'string') {
    if (LONE_SURROGATE.test(data)) into.push(path);
  } else if (Array.isArray(data)) {
    data.forEach((item, i) => loneSurrogatePaths(item, [...path, i], into));
  } else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      if (LONE_SURROGATE.test(key)) into.push([...path, key]);
      else loneSurrogatePaths(value, [...path, key], into);
    }
  }
  return into;
}

/**
 * Parses `data` with `schema`; on failure, every problem with its path and a message in `lang`.
 * Every string of every schema is checked first for lone surrogates (here, once, rather than in each
 * `z.string()`): such input is refused with its field path and `problem.loneSurrogate`.
 */
export function validate<S extends z.ZodType>(schema: S, data: unknown, lang: Lang = 'en'): Validation<z.output<S>> {
  const broken = loneSurrogatePaths(data);
  if (broken.length) {
    return { ok: false, problems: broken.map((path) => ({ path: pathString(path), code: 'loneSurrogate', message: problemMessage(lang, 'loneSurrogate') })) };
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: describeIssues(result.error.issues, lang) };
}
