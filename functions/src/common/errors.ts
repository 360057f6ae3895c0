import type { FunctionsErrorCode } from 'firebase-functions/v2/https';
import type { FieldProblem, Params } from '../model/issues';
import { problemMessage, summarizeProblems } from '../model/issues';
import type { Lang } from '../model/lang';

/**
 * An expected failure of a business operation, with the precise callable error code.
 * The callable wrapper turns it into an HttpsError; anything else becomes `internal`.
 */
export class AppError extends Error {
  constructor(
    readonly code: FunctionsErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** `invalid-argument` naming every offending field path. */
export function invalidArgument(problems: FieldProblem[], prefix = ''): AppError {
  const withPrefix = prefix
    ? problems.map((p) => ({ ...p, path: p.path ? `${prefix}.${p.path}` : prefix }))
    : problems;
  return new AppError('invalid-argument', summarizeProblems(withPrefix), { problems: withPrefix });
}

/** An error about one field, with a message from the catalog in the caller's language. */
export function fieldError(code: FunctionsErrorCode, path: string, key: string, lang: Lang, params?: Params): AppError {
  const problem: FieldProblem = { path, code: key, message: problemMessage(lang, key, params) };
  if (params) problem.params = params;
  return new AppError(code, summarizeProblems([problem]), { problems: [problem] });
}
