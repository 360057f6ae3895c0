import type { FunctionsErrorCode } from 'firebase-functions/v2/https';
import type { FieldProblem, Params } from '../model/issues';
import { problemMessage, summarizeProblems } from '../model/issues';
import type { Lang } from '../model/lang';
import { message, type MessageKey } from '../model/messages';

/**
 * An expected failure of a business operation, with the precise callable error code. It says what
 * went wrong with a catalog key and its params (`details.key`, `details.params`, beside the
 * operation's own details), and its message is that key rendered in the caller's language, so a
 * client can say it again in its own. The callable wrapper turns it into an HttpsError; anything
 * else becomes `internal`.
 */
export class AppError extends Error {
  readonly details: Record<string, unknown>;

  constructor(
    readonly code: FunctionsErrorCode,
    readonly key: MessageKey,
    lang: Lang,
    readonly params: Params = {},
    details: Record<string, unknown> = {},
    /** Said instead of the key's message when details carry more precise text (field problems). */
    text?: string,
  ) {
    super(text ?? message(lang, key, params));
    this.name = 'AppError';
    this.details = { ...details, key, params };
  }
}

/**
 * An error about fields: key `error.invalidInput` with the number of problems; its message lists
 * every problem (each from the catalog), which `details.problems` carries with its own key and params.
 */
export function problemsError(code: FunctionsErrorCode, problems: FieldProblem[], details: Record<string, unknown> = {}): AppError {
  // The problems' messages are already in the caller's language: the key's own message is not used.
  return new AppError(code, 'error.invalidInput', 'en', { count: problems.length }, { ...details, problems }, summarizeProblems(problems));
}

/** `invalid-argument` naming every offending field path. */
export function invalidArgument(problems: FieldProblem[], prefix = ''): AppError {
  const withPrefix = prefix ? problems.map((p) => ({ ...p, path: p.path ? `${prefix}.${p.path}` : prefix })) : problems;
  return problemsError('invalid-argument', withPrefix);
}

/** An error about one field, with a message from the catalog in the caller's language. */
export function fieldError(code: FunctionsErrorCode, path: string, key: string, lang: Lang, params?: Params): AppError {
  const problem: FieldProblem = { path, code: key, message: problemMessage(lang, key, params) };
  if (params) problem.params = params;
  return problemsError(code, [problem]);
}
