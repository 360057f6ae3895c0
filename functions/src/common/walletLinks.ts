// Signed, expiring links to a card's wallet pass (the card email, the preferences page), and the
// identifiers derived from the link secret (WALLET_LINK_SECRET): the pass id of a binding and the
// authentication token Apple devices present. Links are encrypted JWTs (jose, `dir` + A256GCM): the
// card code they carry does not show in URLs or request logs, and a changed byte fails decryption.
// jose is loaded on first use: every function loads index.js (the emulator's discovery has 10 s).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { CardDoc } from '../model/card';
import { passSerial } from '../model/wallet';

export type WalletKind = 'apple' | 'google';

/** What a link names: a card of a chain, as bound at `boundAtMs` (a later binding is not reached). */
export interface WalletLinkClaims {
  chainId: string;
  code: string;
  boundAtMs: number;
  kind: WalletKind;
}

/** How long a link from an email stays valid. */
export const WALLET_LINK_TTL_SECONDS = 30 * 24 * 3600;
/** A secret shorter than this is treated as not configured. */
export const MIN_SECRET_LENGTH = 32;

const keyOf = (secret: string) => new Uint8Array(createHash('sha256').update(`regulars-wallet-link:${secret}`).digest());

export async function signWalletLink(secret: string, claims: WalletLinkClaims, nowMs = Date.now(), ttlSeconds = WALLET_LINK_TTL_SECONDS): Promise<string> {
  const { EncryptJWT } = await import('jose');
  const iat = Math.floor(nowMs / 1000);
  return new EncryptJWT({ c: claims.chainId, k: claims.code, b: claims.boundAtMs, w: claims.kind })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .encrypt(keyOf(secret));
}

/** The link's claims, or null when it is expired, altered, or made with another secret. */
export async function verifyWalletLink(secret: string, token: string, nowMs = Date.now()): Promise<WalletLinkClaims | null> {
  const { jwtDecrypt } = await import('jose');
  try {
    const { payload } = await jwtDecrypt(token, keyOf(secret), { currentDate: new Date(nowMs), requiredClaims: ['exp'] });
    const { c, k, b, w } = payload as Record<string, unknown>;
    if (typeof c !== 'string' || typeof k !== 'string' || typeof b !== 'number' || (w !== 'apple' && w !== 'google')) return null;
    return { chainId: c, code: k, boundAtMs: b, kind: w };
  } catch {
    return null;
  }
}

/** The pass id of one binding of a card: 32 hex characters, the same for every download of it. */
export function walletPassId(secret: string, chainId: string, code: string, boundAtMs: number): string {
  return createHmac('sha256', secret).update(`pass:${chainId}:${code}:${boundAtMs}`).digest('hex').slice(0, 32);
}

/** The authentication token of a pass (Apple: at least 16 characters), derived, never stored. */
export function walletAuthToken(secret: string, chainId: string, passId: string): string {
  return createHmac('sha256', secret)
    .update(`auth:${passSerial(chainId, passId)}`)
    .digest('base64url');
}

export function authTokenMatches(secret: string, chainId: string, passId: string, presented: string): boolean {
  const expected = Buffer.from(walletAuthToken(secret, chainId, passId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The link a customer follows: the wallet function's download route with the token. */
export const walletLinkUrl = (baseUrl: string, kind: WalletKind, token: string) => `${baseUrl.replace(/\/+$/, '')}/pass/${kind}?t=${encodeURIComponent(token)}`;

/** A card's binding time in ms (what a link names), or null when it is not bound. */
export function boundAtMs(card: CardDoc | undefined): number | null {
  if (!card || card.status !== 'bound') return null;
  const at = card.boundAt as { toMillis?: () => number } | null;
  return typeof at?.toMillis === 'function' ? at.toMillis() : null;
}

/** The wallet links of a bound card, for the wallets that are configured (none otherwise). */
export async function walletLinksOf(
  config: { baseUrl: string | null; linkSecret: string | null; apple: unknown; google: unknown },
  chainId: string,
  card: CardDoc,
  nowMs = Date.now(),
): Promise<{ apple?: string; google?: string }> {
  const at = boundAtMs(card);
  const { baseUrl, linkSecret } = config;
  if (at === null || !baseUrl || !linkSecret) return {};
  const link = async (kind: WalletKind) =>
    walletLinkUrl(baseUrl, kind, await signWalletLink(linkSecret, { chainId, code: card.code, boundAtMs: at, kind }, nowMs));
  return {
    ...(config.apple ? { apple: await link('apple') } : {}),
    ...(config.google ? { google: await link('google') } : {}),
  };
}
