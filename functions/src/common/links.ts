// Signed links of the public pages (jose, HS256 with the LINK_SIGNING_KEY secret): a confirmation
// link names one pending sign-up of one chain, a preferences link one customer of one chain. A link
// carries ids only (no name, no address); it is refused when its signature, its kind, its chain or
// its expiry does not match. Single use of a confirmation link is enforced by the transaction that
// consumes the pending sign-up (signUp/confirm.ts), not here.
import { createHmac } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

export type LinkKind = 'confirm' | 'prefs';

const ISSUER = 'regulars';

export interface LinkClaims {
  kind: LinkKind;
  chainId: string;
  /** The pending sign-up (confirm) or the customer (prefs). */
  id: string;
}

function keyOf(secret: string): Uint8Array {
  if (secret.length < 16) throw new Error('LINK_SIGNING_KEY is too short (at least 16 characters, 32 random bytes advised)');
  return new TextEncoder().encode(secret);
}

/** A compact JWS: `{ iss, aud: kind, sub: id, c: chainId, iat, exp }`. */
export async function signLink(secret: string, claims: LinkClaims, ttlMs: number, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ c: claims.chainId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(claims.kind)
    .setSubject(claims.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + Math.ceil(ttlMs / 1000))
    .sign(keyOf(secret));
}

export type LinkCheck = { ok: true; id: string } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks a link: signature (HS256 only), issuer, kind, chain, expiry. */
export async function verifyLink(secret: string, token: string, kind: LinkKind, chainId: string, now = Date.now()): Promise<LinkCheck> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: kind,
      currentDate: new Date(now),
      requiredClaims: ['sub', 'exp', 'c'],
    });
    if (payload.c !== chainId || typeof payload.sub !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(payload.sub)) return { ok: false, reason: 'invalid' };
    return { ok: true, id: payload.sub };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    if (err instanceof joseErrors.JOSEError) return { ok: false, reason: 'invalid' };
    throw err;
  }
}

/** An IP address as stored in a rate-limit counter: keyed by the secret, so the address cannot be read back. */
export function hashedAddress(secret: string, ip: string): string {
  return createHmac('sha256', keyOf(secret)).update(`ip:${ip}`).digest('hex').slice(0, 32);
}
