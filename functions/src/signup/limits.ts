// Rate limits of self sign-up: at most MAX_PER_IP sign-ups per client address and MAX_PER_CHAIN per
// chain in each fixed window of RATE_WINDOW_MS, counted in Firestore documents (`signUpLimits`) in
// the transaction that stores the pending sign-up. Over a limit: `resource-exhausted` with the
// seconds until the window ends (`details.retryAfterSeconds`). Counters carry `expiresAt` (the end
// of their window) and are purged with the expired sign-ups (purge.ts). The address is stored only
// as a keyed hash (common/links.ts).
import { FieldValue, Timestamp, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { Lang } from '../model/lang';
import { MAX_PER_CHAIN, MAX_PER_IP, RATE_WINDOW_MS } from '../model/signUp';
import { AppError } from '../common/errors';
import { ipSignUpLimits, signUpLimitsOf } from '../store/refs';

export interface Limits {
  perIp: number;
  perChain: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: Limits = { perIp: MAX_PER_IP, perChain: MAX_PER_CHAIN, windowMs: RATE_WINDOW_MS };

/** Counts one sign-up for the address and the chain, or refuses it; reads first, as a transaction requires, and returns the writes to make. */
export async function takeSlot(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  addressHash: string,
  lang: Lang,
  now = Date.now(),
  limits: Limits = DEFAULT_LIMITS,
): Promise<() => void> {
  const start = Math.floor(now / limits.windowMs) * limits.windowMs;
  const end = start + limits.windowMs;
  const chainCounter = signUpLimitsOf(db, chainId).doc(`w${start}`);
  const ipCounter = ipSignUpLimits(db).doc(`${addressHash}-w${start}`);
  const [c, i] = await tx.getAll(chainCounter, ipCounter);
  const used = { chain: Number(c!.get('count') ?? 0), ip: Number(i!.get('count') ?? 0) };
  if (used.ip >= limits.perIp || used.chain >= limits.perChain) {
    const retryAfterSeconds = Math.max(1, Math.ceil((end - now) / 1000));
    throw new AppError(
      'resource-exhausted',
      'signUp.tooMany',
      lang,
      { minutes: Math.ceil(retryAfterSeconds / 60) },
      { retryAfterSeconds, limit: used.ip >= limits.perIp ? 'ip' : 'chain' },
    );
  }
  const expiresAt = Timestamp.fromMillis(end);
  return () => {
    tx.set(chainCounter, { count: FieldValue.increment(1), expiresAt }, { merge: true });
    tx.set(ipCounter, { count: FieldValue.increment(1), expiresAt }, { merge: true });
  };
}
