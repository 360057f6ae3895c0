// Ids in an input that name a document of the caller's chain are read under that chain before they
// are stored: a location id of another chain (or of none) is refused, never written into a consent log.
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import type { Lang } from '../model/lang';
import { locationsOf } from '../store/refs';
import { fieldError } from './errors';

/**
 * Checks that `locationId`, when given, is a location of `chainId`, read in the transaction that
 * stores it (so a location cannot go between the check and the write). `not-found` at `path` if not.
 */
export async function requireLocation(tx: Transaction, db: Firestore, chainId: string, locationId: string | null | undefined, lang: Lang, path = 'locationId') {
  if (!locationId) return;
  if (!(await tx.get(locationsOf(db, chainId).doc(locationId))).exists) throw fieldError('not-found', path, 'noSuchLocation', lang);
}
