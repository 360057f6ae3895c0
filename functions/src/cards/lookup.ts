// lookupCard: what the point of sale shows for a scanned or typed code: the card's customer (their
// search row; without email and phone for staff who may not see contact details), or that the card is
// free, revoked or unknown. Every member may look cards up.
import { FieldPath } from 'firebase-admin/firestore';
import type { ChainCaller } from '../common/callable';
import { callerSeesContact } from '../common/access';
import type { Deps } from '../common/firebase';
import { rowWithoutContact } from '../model/contact';
import type { QueryShape } from '../model/queryShape';
import { filterKey, type CustomerRow } from '../model/search';
import type { CardLookup } from '../model/callables';
import type { CheckInResult } from '../model/visits';
import { checkInCustomer } from '../common/checkIn';
import { chainSettings } from '../common/settings';
import { cardQuery, customerIndexOf } from '../store/refs';

/** Checked by `npm run deploy:check` (the card by its code is `store/refs.ts`' cardQuery). */
export const QUERIES: QueryShape[] = [{ name: 'point of sale: customer by card', collection: 'customerIndex', where: [{ field: 'k.*', op: '==' }] }];

/** The chain's automatic check-in on scan (`visits.autoCheckIn`): a visit at the till's location, or null when off. */
async function checkInOnScan(db: Deps['db'], caller: ChainCaller, customerId: string, locationId: string): Promise<CheckInResult | null> {
  const settings = await chainSettings(db, caller.chainId);
  if (!settings.visits.autoCheckIn) return null;
  return checkInCustomer(db, caller.chainId, settings, {
    customerId,
    locationId,
    source: 'scan',
    by: caller.uid,
    lang: caller.lang,
    locationPath: 'scannedAt',
  });
}

export async function lookupCard({ db }: Deps, caller: ChainCaller, input: { code: string; scannedAt?: string | undefined }): Promise<CardLookup> {
  const { code } = input;
  const [rows, seesContact] = await Promise.all([
    customerIndexOf(db, caller.chainId)
      .where(new FieldPath('k', filterKey.card(code)), '==', true)
      .limit(1)
      .get(),
    callerSeesContact(db, caller.chainId, caller.member.role),
  ]);
  const row = rows.docs[0]?.data() as
    (CustomerRow & { k?: unknown; cy?: unknown; cm?: unknown; cd?: unknown; version?: unknown; sl?: unknown; sn?: unknown }) | undefined;
  if (row) {
    const { k: _k, cy: _cy, cm: _cm, cd: _cd, version: _v, sl: _sl, sn: _sn, ...customer } = row;
    const checkIn = input.scannedAt ? await checkInOnScan(db, caller, customer.customerId, input.scannedAt) : null;
    return { kind: 'bound', code, customer: seesContact ? customer : rowWithoutContact(customer), checkIn };
  }
  const card = (await cardQuery(db, caller.chainId, code).get()).docs[0]?.data();
  if (!card) return { kind: 'unknown', code };
  return { kind: card.status === 'revoked' ? 'revoked' : 'unbound', code };
}
