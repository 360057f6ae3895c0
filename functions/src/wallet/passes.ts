// What a pass shows, read when it is served: the card's binding (still the one the pass was made
// for?), the customer's first name and language, the chain's name and brand.
import type { Firestore } from 'firebase-admin/firestore';
import type { CardDoc } from '../model/card';
import { pickLang, type Lang } from '../model/lang';
import { brandOf, type WalletBrand, type WalletPassDoc } from '../model/wallet';
import { passOfBinding } from '../store/customers';
import { cardQuery, chainRef, customersOf } from '../store/refs';
import { boundAtMs } from '../common/walletLinks';

export interface Shown {
  brand: WalletBrand;
  firstName: string | null;
  lang: Lang;
}

/** The pass of the binding a link names, made on first use; null when that binding is over. */
export async function passOfLink(
  db: Firestore,
  chainId: string,
  code: string,
  linkBoundAtMs: number,
  passIdOf: (boundAtMs: number) => string,
  nowMs: number,
): Promise<{ passId: string; pass: WalletPassDoc; card: CardDoc } | null> {
  const ref = (await cardQuery(db, chainId, code).get()).docs[0]?.ref;
  if (!ref) return null;
  return db.runTransaction(async (tx) => {
    const card = (await tx.get(ref)).data();
    const at = boundAtMs(card);
    if (!card || at === null || at !== linkBoundAtMs) return null;
    const passId = passIdOf(at);
    const pass = await passOfBinding(tx, db, chainId, card, at, passId, nowMs);
    return pass.status === 'active' ? { passId, pass, card } : null;
  });
}

/** Is the pass still its card's binding? (A pass whose card was revoked or released shows as voided.) */
export async function stillBound(db: Firestore, pass: WalletPassDoc): Promise<CardDoc | null> {
  const card = (await cardQuery(db, pass.chainId, pass.code).get()).docs[0]?.data();
  return pass.status === 'active' && boundAtMs(card) === pass.boundAtMs ? card! : null;
}

export async function shownFor(db: Firestore, chainId: string, customerId: string | null, acceptLanguage?: string): Promise<Shown> {
  const [chain, customer] = await Promise.all([chainRef(db, chainId).get(), customerId ? customersOf(db, chainId).doc(customerId).get() : null]);
  const data = customer?.data();
  const settingsLang = chain.get('settings.language') as string | undefined;
  return {
    brand: brandOf(chain.data()),
    firstName: data ? String(data.firstName ?? '') : null,
    lang: pickLang(data?.language || settingsLang || acceptLanguage),
  };
}
