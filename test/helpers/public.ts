// Calls of the public callables (sign-up, confirmation, preferences) over HTTP, as the public pages
// make them: nobody signed in, with or without the App Check stand-in of the emulators
// (model/appCheck.ts), from a given client address (X-Forwarded-For: the rate limits count the last entry).
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { localAppCheckToken } from '../../functions/src/model/appCheck';
import { PROJECT_ID, REGION, emulators } from './env';

export interface PublicOptions {
  appCheck?: boolean;
  lang?: string;
  ip?: string;
}

export type PublicAnswer<T> = { ok: true; data: T } | { ok: false; code: string; message: string; details: any };

/** A fresh client address per test, so that tests do not share the per-address limit. */
export const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export async function publicCall<T = any>(name: string, data: unknown, options: PublicOptions = {}): Promise<PublicAnswer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-language': options.lang ?? 'en' };
  if (options.appCheck !== false) headers['x-firebase-appcheck'] = localAppCheckToken('1:000000000000:web:regulars-tests', Date.now()).token;
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  const res = await fetch(`http://${emulators.functions.host}:${emulators.functions.port}/${PROJECT_ID}/${REGION}/${name}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ data }),
  });
  const body = (await res.json()) as { result?: T; error?: { status: string; message: string; details?: unknown } };
  if (body.error) return { ok: false, code: body.error.status.toLowerCase().replace(/_/g, '-'), message: body.error.message, details: body.error.details };
  return { ok: true, data: body.result as T };
}

/** The answer's data; throws with the error when the call failed. */
export async function publicOk<T = any>(name: string, data: unknown, options: PublicOptions = {}): Promise<T> {
  const answer = await publicCall<T>(name, data, options);
  if (!answer.ok) throw new Error(`${name} failed: ${answer.code} ${answer.message}`);
  return answer.data;
}

/** The emulators' link signing key (functions/.secret.local, written by the harness). */
export function localLinkKey(): string {
  const text = readFileSync(join(import.meta.dirname, '..', '..', 'functions', '.secret.local'), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith('LINK_SIGNING_KEY='));
  if (!line) throw new Error('functions/.secret.local has no LINK_SIGNING_KEY (the harness writes it)');
  return line.slice('LINK_SIGNING_KEY='.length).trim();
}

/** A link signed with the emulators' key, with any claims (to forge expired links, or links of another chain). */
export async function forgeLink(
  claims: { kind: 'confirm' | 'prefs'; chainId: string; id: string; iat: number; exp: number },
  key = localLinkKey(),
): Promise<string> {
  return new SignJWT({ c: claims.chainId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('regulars')
    .setAudience(claims.kind)
    .setSubject(claims.id)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(new TextEncoder().encode(key));
}

/** The token of a link from an email (`…#t=<token>` or `…?t=<token>`). */
export function tokenOf(link: string): string {
  const m = /[#?&]t=([A-Za-z0-9._-]+)/.exec(link);
  if (!m) throw new Error(`no token in ${link}`);
  return m[1]!;
}
