// Removing a location (removeLocation, owners): refused while anything uses it, with the uses named
// (failed-precondition at `locationId`, model/messages problem `locationInUse`); otherwise deleted,
// with an audit entry. Adding and renaming are saveLocation (chains.ts).
//
// What uses a location (README, data model): customers' visits (the search row's `~loc:<id>` key,
// kept while a customer has a visit there), consent given there (`consentLog.locationId`), customer
// records made there (`history.locationId`: creations and cards bound at the till), pending self
// sign-ups (`signUps.locationId`), and, while self sign-up is on, the location's sign-up page and its
// printed posters (`/join/<chain>/<location>`). Visits, sign-ups and the settings are read in the
// transaction that deletes the location (a check-in or a sign-up reads the location in its own, so
// neither slips in between); consent and records, kept under each customer, are read just before it.
import { FieldPath, type Firestore, type Query } from 'firebase-admin/firestore';
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

/** Where a location is used within this chain's documents (each check costs one read). */
function chainChecks(db: Firestore, chainId: string, locationId: string): [string, Query][] {
  return [
    [
      'visits',
      customerIndexOf(db, chainId)
        .where(new FieldPath('k', segmentKey.location(locationId)), '==', true)
        .limit(1),
    ],
    ['signUps', signUpsOf(db, chainId).where('locationId', '==', locationId).limit(1)],
  ];
}

/**
 * Consent given and records made at the location: collection-group queries (the entries live under
 * each customer), read before the transaction (a query over every chain's entries is not held in
 * it). Location ids are random document ids, so a match is of this chain; the path is checked anyway.
 */
async function recordUses(db: Firestore, chainId: string, locationId: string): Promise<string[]> {
  const inChain = `chains/${chainId}/`;
  const found = await Promise.all(
    (
      [
        ['consent', COLLECTION.consentLog],
        ['history', COLLECTION.history],
      ] as const
    ).map(async ([use, collection]) => {
      const snap = await db.collectionGroup(collection).where('locationId', '==', locationId).limit(5).get();
      return snap.docs.some((d) => d.ref.path.startsWith(inChain)) ? use : null;
    }),
  );
  return found.filter((u): u is 'consent' | 'history' => u !== null);
}

export async function removeLocation({ db }: Deps, caller: ChainCaller, input: RemoveLocationInput): Promise<{ locationId: string; removed: true }> {
  const ref = locationsOf(db, caller.chainId).doc(input.locationId);
  const records = await recordUses(db, caller.chainId, input.locationId);
  await db.runTransaction(async (tx) => {
    const checks = chainChecks(db, caller.chainId, input.locationId);
    const [snap, settings, ...found] = await Promise.all([
      tx.get(ref),
      chainSettings(db, caller.chainId, tx),
      ...checks.map(async ([use, query]) => ((await tx.get(query)).empty ? null : use)),
    ]);
    if (!snap.exists) throw fieldError('not-found', 'locationId', 'noSuchLocation', caller.lang);
    const uses = [...(found as (string | null)[]).filter((u): u is string => u !== null), ...records];
    if (settings.signUp.enabled) uses.push('posters');
    // In the order the message names them.
    const order = ['visits', 'consent', 'history', 'signUps', 'posters'];
    uses.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    if (uses.length) throw fieldError('failed-precondition', 'locationId', 'locationInUse', caller.lang, { uses: uses.join(',') });
    tx.delete(ref);
    audit(tx, db, caller.chainId, { action: 'location.remove', actorUid: caller.uid, target: { kind: 'location', id: ref.id } });
  });
  return { locationId: input.locationId, removed: true };
}
