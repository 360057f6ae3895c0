// The wallet passes of a customer's cards are links between the customer and a card (as the card's
// binding): they are made, voided and erased here, in the transactions of the write path.
import { FieldValue, type DocumentReference, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { CardDoc } from '../../model/card';
import type { WalletPassDoc } from '../../model/wallet';
import { walletPassesOf, walletPassesOfCardQuery } from '../refs';

export interface StoredPass {
  ref: DocumentReference<WalletPassDoc>;
  doc: WalletPassDoc;
}

/** The passes of these cards, read in the transaction (a revocation, an erasure). */
export async function walletPassesOfCards(tx: Transaction, db: Firestore, chainId: string, codes: string[]): Promise<StoredPass[]> {
  const snaps = await Promise.all(codes.map((code) => tx.get(walletPassesOfCardQuery(db, chainId, code))));
  return snaps.flatMap((s) => s.docs).map((d) => ({ ref: d.ref, doc: d.data() }));
}

/** The pass of a card's current binding, made on its first download (the card read in this transaction, bound). */
export async function passOfBinding(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  card: CardDoc,
  boundAtMs: number,
  passId: string,
  nowMs: number,
): Promise<WalletPassDoc> {
  const ref = walletPassesOf(db, chainId).doc(passId);
  const existing = (await tx.get(ref)).data();
  if (existing) return existing;
  const doc: WalletPassDoc = {
    chainId,
    batchId: card.batchId,
    code: card.code,
    boundAtMs,
    status: 'active',
    updatedAtMs: nowMs,
    voidedAtMs: null,
    createdAt: FieldValue.serverTimestamp(),
  };
  tx.create(ref, doc);
  return doc;
}

/**
 * Voids the active passes (a revoked card, an erased customer's cards): devices that registered are
 * told by the `notifyWalletPass` trigger and fetch the voided pass; Google's object expires.
 */
export function voidWalletPasses(tx: Transaction, passes: StoredPass[], nowMs: number): number {
  const active = passes.filter((p) => p.doc.status === 'active');
  for (const pass of active) {
    // At least a second after the last change: Last-Modified has a one-second resolution, and a device
    // holding the pass served within the same second must not get 304 for the voided one.
    const at = Math.max(nowMs, pass.doc.updatedAtMs + 1000);
    tx.update(pass.ref, { status: 'voided', updatedAtMs: at, voidedAtMs: at });
  }
  return active.length;
}
