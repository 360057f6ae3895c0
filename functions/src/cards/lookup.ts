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
import { cardQuery, customerIndexOf } from '../store/refs';

/** Checked by `npm run deploy:check` (the card by its code is `store/refs.ts`' cardQuery). */
export const QUERIES: QueryShape[] = [{ name: 'point of sale: customer by card', collection: 'customerIndex', where: [{ field: 'k.*', op: '==' }] }];

export async function lookupCard({ db }: Deps, caller: ChainCaller, input: { code: string }): Promise<CardLookup> {
  const { code } = input;
  const [rows, seesContact] = await Promise.all([
    customerIndexOf(db, caller.chainId)
      .where(new FieldPath('k', filterKey.card(code)), '==', true)
      .limit(1)
      .get(),
    callerSeesContact(db, caller.chainId, caller.member.role),
  ]);
  const row = rows.docs[0]?.data() as (CustomerRow & { k?: unknown; cy?: unknown; cm?: unknown; cd?: unknown; version?: unknown }) | undefined;
  if (row) {
    const { k: _k, cy: _cy, cm: _cm, cd: _cd, version: _v, ...customer } = row;
    return { kind: 'bound', code, customer: seesContact ? customer : rowWithoutContact(customer) };
  }
  const card = (await cardQuery(db, caller.chainId, code).get()).docs[0]?.data();
  if (!card) return { kind: 'unknown', code };
  return { kind: card.status === 'revoked' ? 'revoked' : 'unbound', code };
}
