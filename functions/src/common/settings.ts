// Reads a chain's settings with their defaults (model/chain.ts resolveSettings).
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { resolveSettings, type ChainSettings, type ResolvedSettings } from '../model/chain';
import { chainRef } from '../store/refs';

export async function chainSettings(db: Firestore, chainId: string, tx?: Transaction): Promise<ResolvedSettings> {
  const ref = chainRef(db, chainId);
  const snap = tx ? await tx.get(ref) : await ref.get();
  return resolveSettings(snap.get('settings') as ChainSettings | undefined);
}
