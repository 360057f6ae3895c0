// The one path every callable takes: authentication, then membership and role, then input
// validation, then the handler; errors become HttpsErrors with precise codes.
import { HttpsError, type CallableRequest } from 'firebase-functions/v2/https';
import type { z } from 'zod';
import { DocId } from '../model/ids';
import { validate } from '../model/issues';
import { pickLang, type Lang } from '../model/lang';
import type { MemberDoc } from '../model/chain';
import type { Role } from '../model/roles';
import type { CallableDef } from '../model/callables';
import { message } from '../model/messages';
import { callableFailed, callableRejected } from '../logs';
import { requireRole } from './access';
import { AppError, invalidArgument } from './errors';
import { deps, type Deps } from './firebase';

export interface Caller {
  uid: string;
  email: string | undefined;
  name: string | undefined;
  /** Language of the caller's UI (`Accept-Language`), for messages and export headers. */
  lang: Lang;
}

export interface ChainCaller extends Caller {
  chainId: string;
  member: MemberDoc;
}

/** The language of the caller's UI, known before anything else so every error can use it. */
export function langOf(request: CallableRequest): Lang {
  return pickLang(request.rawRequest?.headers?.['accept-language']?.toString());
}

function callerOf(request: CallableRequest, lang: Lang): Caller {
  if (!request.auth) throw new AppError('unauthenticated', 'error.signIn', lang);
  const token = request.auth.token;
  return {
    uid: request.auth.uid,
    email: typeof token.email === 'string' ? token.email : undefined,
    name: typeof token.name === 'string' ? token.name : undefined,
    lang,
  };
}

export function toHttpsError(name: string, uid: string | undefined, lang: Lang, err: unknown): HttpsError {
  if (err instanceof HttpsError) return err;
  if (err instanceof AppError) {
    const problems = (err.details.problems as { path: string }[] | undefined) ?? [];
    callableRejected(
      name,
      uid,
      err.code,
      problems.map((p) => p.path),
    );
    return new HttpsError(err.code, err.message, err.details);
  }
  callableFailed(name, uid, err);
  return new HttpsError('internal', message(lang, 'error.internal'), { key: 'error.internal', params: {} });
}

/** A callable that any signed-in user may call. */
export async function runCallable<S extends z.ZodType, R>(
  name: string,
  request: CallableRequest,
  input: S,
  handler: (d: Deps, caller: Caller, data: z.output<S>) => Promise<R>,
): Promise<R> {
  let uid: string | undefined;
  const lang = langOf(request);
  try {
    const caller = callerOf(request, lang);
    uid = caller.uid;
    const parsed = validate(input, request.data, caller.lang);
    if (!parsed.ok) throw invalidArgument(parsed.problems);
    return await handler(deps(), caller, parsed.value);
  } catch (err) {
    throw toHttpsError(name, uid, lang, err);
  }
}

/** A callable acting on one chain (`data.chainId`), allowed to the given roles. */
export async function runChainCallable<S extends z.ZodType, R>(
  name: string,
  request: CallableRequest,
  roles: readonly Role[],
  input: S,
  handler: (d: Deps, caller: ChainCaller, data: z.output<S>) => Promise<R>,
): Promise<R> {
  let uid: string | undefined;
  const lang = langOf(request);
  try {
    const caller = callerOf(request, lang);
    uid = caller.uid;
    const chainId = validate(DocId, (request.data as { chainId?: unknown } | null)?.chainId, caller.lang);
    if (!chainId.ok) throw invalidArgument(chainId.problems, 'chainId');
    const d = deps();
    const member = await requireRole(d.db, chainId.value, caller.uid, roles, caller.lang);
    const parsed = validate(input, request.data, caller.lang);
    if (!parsed.ok) throw invalidArgument(parsed.problems);
    return await handler(d, { ...caller, chainId: chainId.value, member }, parsed.value);
  } catch (err) {
    throw toHttpsError(name, uid, lang, err);
  }
}

/**
 * A callable of the contract (model/callables.ts): its name, roles and input schema come from the
 * contract, and the handler must return the contract's result type.
 */
export function runContract<I extends z.ZodType, O>(
  def: CallableDef<I, O>,
  request: CallableRequest,
  handler: (d: Deps, caller: ChainCaller, data: z.output<I>) => Promise<NoInfer<O>>,
): Promise<O> {
  if (!def.roles) throw new Error(`${def.name} is not a chain callable`);
  return runChainCallable(def.name, request, def.roles, def.input, handler);
}

/** A callable of the contract that any signed-in user may call (no chain). */
export function runUserContract<I extends z.ZodType, O>(
  def: CallableDef<I, O>,
  request: CallableRequest,
  handler: (d: Deps, caller: Caller, data: z.output<I>) => Promise<NoInfer<O>>,
): Promise<O> {
  return runCallable(def.name, request, def.input, handler);
}
