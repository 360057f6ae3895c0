// The customer's own page, opened from the link every customer email carries (a signed link naming
// one customer of one chain, common/links.ts): `getPreferences` shows what the chain holds about
// them and their contact permissions; `savePreferences` grants or withdraws each one, through the
// write path, logged with source `customer`. `unsubscribe` is the one-click List-Unsubscribe URL of
// the emails (RFC 8058): a POST withdraws the email permission; a GET (a link scanner, a person)
// changes nothing and opens the preferences page.
import type { Firestore } from 'firebase-admin/firestore';
import type { Request, Response } from 'express';
import { CONSENT_CHANNELS, type ConsentInput } from '../model/customer';
import { pickLang, type Lang } from '../model/lang';
import { formatPhone } from '../model/phone';
import { consentWordingOf, publicLinks, type Preferences, type PreferencesCard } from '../model/signUp';
import { AppError, fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { verifyLink } from '../common/links';
import type { WalletConfig } from '../common/walletConfig';
import { walletLinksOf } from '../common/walletLinks';
import { cardsOfCustomerQuery } from '../store/refs';
import { readPublicChain, type PublicCaller } from '../common/publicCallable';
import { preferencesSaved } from '../logs';
import { applyCustomerWrite, fieldsOf, isNoop, planCustomerWrite, readCustomer, readLookups, type Stored } from '../store/customers';
import { DocId } from '../model/ids';

/** Who writes, in history and consent entries, when the customer decides on their own page. */
export const CUSTOMER = 'customer';

async function customerIdOf(secret: string, token: string, chainId: string, lang: Lang): Promise<string> {
  const link = await verifyLink(secret, token, 'prefs', chainId);
  if (link.ok) return link.id;
  if (link.reason === 'expired') throw new AppError('failed-precondition', 'signUp.linkOld', lang);
  throw fieldError('invalid-argument', 'token', 'linkInvalid', lang);
}

/** The customer a link names, following a merge to the kept profile; `not-found` once erased. */
async function currentCustomer(db: Firestore, chainId: string, id: string, lang: Lang, tx?: FirebaseFirestore.Transaction): Promise<Stored> {
  let customer = await readCustomer(db, chainId, id, tx);
  if (customer?.doc.mergedInto) customer = await readCustomer(db, chainId, customer.doc.mergedInto, tx);
  if (!customer) throw new AppError('not-found', 'signUp.noSuchCustomer', lang);
  return customer;
}

/**
 * The customer's bound cards with a link per configured wallet (the same signed, expiring links as the
 * card email's); none at all when no wallet is configured (the page then shows no card).
 */
async function cardsWithWalletLinks(db: Firestore, chainId: string, customerId: string, wallet: WalletConfig | null): Promise<PreferencesCard[]> {
  if (!wallet || (!wallet.apple && !wallet.google)) return [];
  const cards = (await cardsOfCustomerQuery(db, chainId, customerId).get()).docs.map((d) => d.data()).filter((c) => c.status === 'bound');
  cards.sort((x, y) => x.code.localeCompare(y.code));
  return Promise.all(cards.map(async (card) => ({ start: card.code.slice(0, 4), ...(await walletLinksOf(wallet, chainId, card)) })));
}

export async function getPreferences(
  { db }: Deps,
  caller: PublicCaller,
  input: { chainId: string; token: string },
  options: { secret: string; wallet: WalletConfig | null },
): Promise<Preferences> {
  const id = await customerIdOf(options.secret, input.token, input.chainId, caller.lang);
  const chain = await readPublicChain(db, input.chainId, caller.lang);
  const { id: customerId, doc } = await currentCustomer(db, input.chainId, id, caller.lang);
  return {
    chainName: chain.name,
    logoUrl: chain.brand.logoUrl,
    accentColor: chain.brand.accentColor,
    firstName: doc.firstName,
    lastName: doc.lastName,
    email: doc.email,
    // As the back office shows it: national for the chain's country (`06 12 34 56 78`), else international.
    phone: formatPhone(doc.phones?.mobile || Object.values(doc.phones ?? {}).find(Boolean) || '', chain.country),
    birthDate: doc.birthDate,
    language: doc.language,
    consent: Object.fromEntries(CONSENT_CHANNELS.map((ch) => [ch, doc.consent?.[ch]?.granted ?? null])) as Preferences['consent'],
    consentWording: consentWordingOf(chain.name, chain.signUp.consentWording),
    cards: await cardsWithWalletLinks(db, input.chainId, customerId, options.wallet),
  };
}

/** The customer's decisions (stated: a withdrawal is recorded even with no earlier decision), in a transaction. */
async function saveConsent(db: Firestore, chainId: string, id: string, consent: ConsentInput, lang: Lang): Promise<{ customerId: string; changed: number }> {
  return db.runTransaction(async (tx) => {
    const customer = await currentCustomer(db, chainId, id, lang, tx);
    const plan = planCustomerWrite(customer.id, customer.doc, fieldsOf(customer.doc), consent, { by: CUSTOMER, source: 'customer', statedConsent: true });
    if (isNoop(plan, customer.doc)) return { customerId: customer.id, changed: 0 };
    const lookups = await readLookups(tx, db, chainId, []);
    applyCustomerWrite(tx, db, chainId, plan, customer.doc, { lookups });
    return { customerId: customer.id, changed: plan.consentEntries.length };
  });
}

export async function savePreferences(
  { db }: Deps,
  caller: PublicCaller,
  input: { chainId: string; token: string; consent: ConsentInput },
  options: { secret: string },
): Promise<{ changed: number }> {
  const id = await customerIdOf(options.secret, input.token, input.chainId, caller.lang);
  await readPublicChain(db, input.chainId, caller.lang);
  const saved = await saveConsent(db, input.chainId, id, input.consent, caller.lang);
  preferencesSaved(input.chainId, saved.customerId, 'page', saved.changed);
  return { changed: saved.changed };
}

/** The List-Unsubscribe URL (`/unsubscribe?c=<chainId>&t=<link>`, through Hosting). */
export async function unsubscribe(db: Firestore, secret: string, publicUrl: string, req: Request, res: Response): Promise<void> {
  const lang = pickLang(req.headers['accept-language']?.toString());
  const chainId = typeof req.query.c === 'string' ? req.query.c : '';
  const token = typeof req.query.t === 'string' ? req.query.t : '';
  res.set('Cache-Control', 'no-store');
  if (!DocId.safeParse(chainId).success || token === '' || token.length > 1000) {
    res.status(400).send('Bad link');
    return;
  }
  if (req.method === 'GET') {
    res.redirect(303, `${publicUrl.replace(/\/+$/, '')}${publicLinks.preferences(chainId, token)}`);
    return;
  }
  if (req.method !== 'POST') {
    res.status(405).set('Allow', 'GET, POST').send('Method not allowed');
    return;
  }
  try {
    const id = await customerIdOf(secret, token, chainId, lang);
    const saved = await saveConsent(db, chainId, id, { email: false }, lang);
    preferencesSaved(chainId, saved.customerId, 'unsubscribe', saved.changed);
    res.status(200).send('Unsubscribed');
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // An erased customer has nothing left to unsubscribe from: that is done too.
    res.status(err.code === 'not-found' ? 200 : 400).send(err.code === 'not-found' ? 'Unsubscribed' : 'Bad link');
  }
}
