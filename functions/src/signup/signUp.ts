// The public sign-up page's two callables. `signUpInfo`: what the page shows about the chain (name,
// logo, accent colour, language, consent wording, the location's name). `signUp`: stores what the
// customer typed as a pending sign-up (48 hours) and nothing else; the confirmation email goes out
// from its creation (mail/signUpEmail.ts), and nothing is created in the directory before the link in
// it is followed (confirm.ts). The answer is the same whether the email is already a customer's or
// not, and for the honeypot: nobody can learn from it who is a customer.
import { FieldValue, Timestamp, type Transaction } from 'firebase-admin/firestore';
import { emailKey } from '../model/ids';
import { parsePhone } from '../model/phone';
import { consentWordingOf, SIGN_UP_TTL_MS, type PendingSignUpDoc, type SignUpInfo, type SignUpInput } from '../model/signUp';
import type { Deps } from '../common/firebase';
import { hashedAddress } from '../common/links';
import { requireSignUpOpen, type PublicCaller } from '../common/publicCallable';
import { fieldError } from '../common/errors';
import { signUpStored } from '../logs';
import { locationsOf, signUpsOf } from '../store/refs';
import { DEFAULT_LIMITS, takeSlot, type Limits } from './limits';

export async function signUpInfo({ db }: Deps, caller: PublicCaller, input: { chainId: string; locationId?: string }): Promise<SignUpInfo> {
  const chain = await requireSignUpOpen(db, input.chainId, caller.lang);
  let locationName: string | null = null;
  if (input.locationId) {
    const location = await locationsOf(db, input.chainId).doc(input.locationId).get();
    if (!location.exists) throw fieldError('not-found', 'locationId', 'noSuchLocation', caller.lang);
    locationName = String(location.get('name') ?? '');
  }
  return {
    chainId: input.chainId,
    name: chain.name,
    language: chain.language,
    logoUrl: chain.brand.logoUrl,
    accentColor: chain.brand.accentColor,
    locationName,
    consentWording: consentWordingOf(chain.name, chain.signUp.consentWording),
  };
}

/** The location, read in the transaction that stores it: one of another chain is `not-found`. */
async function checkLocation(tx: Transaction, deps: Deps, chainId: string, locationId: string | undefined, caller: PublicCaller) {
  if (locationId && !(await tx.get(locationsOf(deps.db, chainId).doc(locationId))).exists)
    throw fieldError('not-found', 'locationId', 'noSuchLocation', caller.lang);
}

export async function signUp(
  deps: Deps,
  caller: PublicCaller,
  input: SignUpInput,
  options: { secret: string; now?: number; limits?: Limits },
): Promise<{ status: 'check-your-email' }> {
  const { db } = deps;
  const now = options.now ?? Date.now();
  const chain = await requireSignUpOpen(db, input.chainId, caller.lang);
  const address = hashedAddress(options.secret, caller.ip);
  const ref = signUpsOf(db, input.chainId).doc();
  // A filled honeypot (a field people never see) is counted against the limits and answered like
  // any sign-up, but nothing is stored and no email goes out.
  const bot = input.website !== '';
  await db.runTransaction(async (tx) => {
    await checkLocation(tx, deps, input.chainId, input.locationId, caller);
    const count = await takeSlot(tx, db, input.chainId, address, caller.lang, now, options.limits ?? DEFAULT_LIMITS);
    count();
    if (bot) return;
    const pending: PendingSignUpDoc = {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      emailKey: emailKey(input.email),
      // In E.164 when the chain's country reads it, else as the customer typed it (as saveCustomer does).
      phone: parsePhone(input.phone, chain.country).value,
      birthDate: input.birthDate,
      language: input.language,
      consent: input.consent,
      locationId: input.locationId ?? null,
      createdAt: FieldValue.serverTimestamp(),
      expiresAt: Timestamp.fromMillis(now + SIGN_UP_TTL_MS),
      mail: { status: 'pending' },
    };
    tx.create(ref, pending);
  });
  signUpStored(input.chainId, bot ? null : ref.id, bot);
  return { status: 'check-your-email' };
}
