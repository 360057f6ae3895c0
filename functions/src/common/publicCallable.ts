// The one path of the public callables (sign-up page, confirmation, preferences page): nobody is
// signed in, so instead of auth → role: App Check (the onCall option `enforceAppCheck` refuses a
// request without a valid token before this code runs; this wrapper refuses one without an app id
// as well), then zod input, then the chain named by `chainId` (not-found at `chainId` when unknown),
// then the handler. Errors become HttpsErrors with precise codes, as in callable.ts.
import type { CallableRequest } from 'firebase-functions/v2/https';
import type { Firestore } from 'firebase-admin/firestore';
import type { z } from 'zod';
import { validate } from '../model/issues';
import type { Lang } from '../model/lang';
import { resolveSettings, type ChainSettings } from '../model/chain';
import type { BrandSettings, SignUpSettings } from '../model/signUp';
import { chainRef } from '../store/refs';
import { langOf, toHttpsError } from './callable';
import { AppError, fieldError, invalidArgument } from './errors';
import { deps, type Deps } from './firebase';

export interface PublicCaller {
  lang: Lang;
  /** The client's address as Google's front end saw it (for rate limits only; never stored as such). */
  ip: string;
}

/**
 * The last X-Forwarded-For entry (appended by Google's front end; entries before it are whatever the
 * client sent), else the socket's address.
 */
export function clientAddress(request: CallableRequest): string {
  const raw = request.rawRequest;
  const forwarded = raw?.headers?.['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((s) => s.trim());
  return list.filter(Boolean).at(-1) ?? raw?.socket?.remoteAddress ?? raw?.ip ?? 'unknown';
}

export async function runPublicCallable<S extends z.ZodType, R>(
  name: string,
  request: CallableRequest,
  input: S,
  handler: (d: Deps, caller: PublicCaller, data: z.output<S>) => Promise<R>,
): Promise<R> {
  const lang = langOf(request);
  try {
    if (typeof request.app?.appId !== 'string' || request.app.appId === '') throw new AppError('unauthenticated', 'signUp.appCheck', lang);
    const parsed = validate(input, request.data, lang);
    if (!parsed.ok) throw invalidArgument(parsed.problems);
    return await handler(deps(), { lang, ip: clientAddress(request) }, parsed.value);
  } catch (err) {
    throw toHttpsError(name, undefined, lang, err);
  }
}

export interface PublicChain {
  name: string;
  language: Lang;
  /** Phones typed on the public pages are read with it (model/phone.ts); not shown to the public. */
  country: string | null;
  signUp: SignUpSettings;
  brand: BrandSettings;
}

/** The chain's public face (name, language, sign-up and brand settings); not-found at `chainId` when it does not exist. */
export async function readPublicChain(db: Firestore, chainId: string, lang: Lang): Promise<PublicChain> {
  const snap = await chainRef(db, chainId).get();
  if (!snap.exists) throw fieldError('not-found', 'chainId', 'noSuchChain', lang);
  const settings = resolveSettings(snap.get('settings') as ChainSettings | undefined);
  return { name: String(snap.get('name') ?? ''), language: settings.language, country: settings.country, signUp: settings.signUp, brand: settings.brand };
}

/** The chain, refused with `failed-precondition` (`signUp.off`) when its owners switched sign-up off. */
export async function requireSignUpOpen(db: Firestore, chainId: string, lang: Lang): Promise<PublicChain> {
  const chain = await readPublicChain(db, chainId, lang);
  if (!chain.signUp.enabled) throw new AppError('failed-precondition', 'signUp.off', lang);
  return chain;
}
