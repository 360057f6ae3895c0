// Removing a location (removeLocation, owners): refused while anything uses it, with the uses named
// (failed-precondition at `locationId`, model/messages problem `locationInUse`); otherwise deleted,
// with an audit entry. Adding and renaming are saveLocation (chains.ts).
//
// What uses a location (README, data model): customers' visits (the search row's `~loc:<id>` key,
// kept while a customer has a visit there), consent given there (`consentLog.locationId`), customer
// records made there (`history.locationId`: creations and cards bound at the till), pending self
// sign-ups (`signUps.locationId`), and, while self sign-up is on, the location's sign-up page and its
// printed posters (`/join/<chain>/<location>`). The checks are read in the transaction that deletes
// the location, so a check-in or a sign-up that reads the location cannot slip in between.
import { FieldPath, type Firestore, type Query, type Transaction } from 'firebase-admin/firestore';
import type { RemoveLocationInput } from '../model/chain';
import { COLLECTION } from '../model/paths';
import type { QueryShape } from '../model/queryShape';
import { segmentKey } from '../model/visits';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { chainSettings } from '../common/settings';
import { customerIndexOf, locationsOf, signUpsOf } from '../store/refs';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [
  { name: 'locations: visits there', collection: 'customerIndex', where: [{ field: 'k.*', op: '==' }] },
  { name: 'locations: consent given there', collection: 'consentLog', group: true, where: [{ field: 'locationId', op: '==' }] },
  { name: 'locations: records made there', collection: 'history', group: true, where: [{ field: 'locationId', op: '==' }] },
  { name: 'locations: pending sign-ups', collection: 'signUps', where: [{ field: 'locationId', op: '==' }] },
];

/** The uses of a location, in the order the message names them (each costs one read). */
async function usesOf(tx: Transaction, db: Firestore, chainId: string, locationId: string): Promise<string[]> {
  // Location ids are random document ids, so a collection-group match is of this chain; the path is checked anyway.
  const inChain = `chains/${chainId}/`;
  const group = (collection: string): Query => db.collectionGroup(collection).where('locationId', '==', locationId).limit(5);
  const checks: [string, Query, boolean][] = [
    [
      'visits',
      customerIndexOf(db, chainId)
        .where(new FieldPath('k', segmentKey.location(locationId)), '==', true)
        .limit(1),
      false,
    ],
    ['consent', group(COLLECTION.consentLog), true],
    ['history', group(COLLECTION.history), true],
    ['signUps', signUpsOf(db, chainId).where('locationId', '==', locationId).limit(1), false],
  ];
  const found = await Promise.all(
    checks.map(async ([use, query, grouped]) => {
      const snap = await tx.get(query);
      return snap.docs.some((d) => !grouped || d.ref.path.startsWith(inChain)) ? use : null;
    }),
  );
  return found.filter((u): u is string => u !== null);
}

export async function removeLocation({ db }: Deps, caller: ChainCaller, input: RemoveLocationInput): Promise<{ locationId: string; removed: true }> {
  const ref = locationsOf(db, caller.chainId).doc(input.locationId);
  await db.runTransaction(async (tx) => {
    const [snap, settings, uses] = await Promise.all([tx.get(ref), chainSettings(db, caller.chainId, tx), usesOf(tx, db, caller.chainId, input.locationId)]);
    if (!snap.exists) throw fieldError('not-found', 'locationId', 'noSuchLocation', caller.lang);
    if (settings.signUp.enabled) uses.push('posters');
    if (uses.length) throw fieldError('failed-precondition', 'locationId', 'locationInUse', caller.lang, { uses: uses.join(',') });
    tx.delete(ref);
    audit(tx, db, caller.chainId, { action: 'location.remove', actorUid: caller.uid, target: { kind: 'location', id: ref.id } });
  });
  return { locationId: input.locationId, removed: true };
}
