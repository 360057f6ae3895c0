// A pass just voided (its card revoked, its customer erased): the devices that registered for it are
// pushed through APNs (they then ask the web service for the voided pass), registrations whose token
// APNs says is gone are deleted, and the Google Wallet object expires. A redelivered event pushes
// again, which is harmless: a push only makes a device ask for the latest pass.
import type { Firestore } from 'firebase-admin/firestore';
import type { WalletPassDoc } from '../model/wallet';
import { walletNotified } from '../logs';
import { walletRegistrationsOf } from '../store/refs';
import type { PassPusher } from './apns';
import { googleObjectId } from './googlePass';
import type { WalletObjects } from './googleApi';

export interface NotifyDeps {
  db: Firestore;
  pusher: PassPusher | null;
  google: { issuerId: string; objects: WalletObjects } | null;
}

export async function notifyVoidedPass(
  deps: NotifyDeps,
  chainId: string,
  passId: string,
  before: WalletPassDoc | undefined,
  after: WalletPassDoc | undefined,
): Promise<void> {
  if (before?.status !== 'active' || after?.status !== 'voided') return;
  const registrations = (await walletRegistrationsOf(deps.db, chainId, passId).get()).docs;
  const [pushed, google] = await Promise.allSettled([
    deps.pusher ? deps.pusher.push(registrations.map((r) => r.data().pushToken)) : Promise.resolve(null),
    deps.google ? deps.google.objects.expire(googleObjectId(deps.google.issuerId, passId)) : Promise.resolve('not configured'),
  ]);
  if (pushed.status === 'fulfilled' && pushed.value?.gone.length) {
    const gone = new Set(pushed.value.gone);
    await Promise.all(registrations.filter((r) => gone.has(r.data().pushToken)).map((r) => r.ref.delete()));
  }
  walletNotified(
    chainId,
    passId,
    pushed.status === 'fulfilled' ? (pushed.value ?? { apple: 'not configured' }) : { error: String(pushed.reason) },
    google.status === 'fulfilled' ? String(google.value) : `failed: ${String(google.reason)}`,
  );
  // A failed Google update is retried with the event (the push is harmless to repeat).
  if (google.status === 'rejected') throw google.reason;
}
