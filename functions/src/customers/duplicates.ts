// findDuplicates: likely duplicate pairs of a chain, with the reason. Cheap at any size: it reads
// the lookup keys shared by two customers or more (n >= 2, maintained on every write), a page at a
// time, never the customers of the chain.
import { FieldPath } from 'firebase-admin/firestore';
import { reasonsOf, type DuplicatePair, type DuplicateReason, type DuplicateSide } from '../model/merge';
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { primaryPhone, readCustomers } from '../store/customers';
import { customerKeysOf } from '../store/refs';
import type { QueryShape } from '../model/queryShape';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [
  { name: 'duplicates: shared keys', collection: 'customerKeys', where: [{ field: 'n', op: '>=' }], orderBy: [{ field: 'n' }, { field: '__name__' }] },
];

const REASON: Record<string, DuplicateReason> = { e: 'email', p: 'phone', n: 'namePostal' };

export async function findDuplicates(
  { db }: Deps,
  caller: ChainCaller,
  input: { pageSize: number; cursor?: string | null | undefined },
): Promise<{ pairs: DuplicatePair[]; nextCursor: string | null }> {
  let q = customerKeysOf(db, caller.chainId).where('n', '>=', 2).orderBy('n').orderBy(FieldPath.documentId());
  if (input.cursor) {
    // The schema checked the format `<n>:<id>`; the id must name a key document of this chain.
    const [n, id] = input.cursor.split(':') as [string, string];
    if (!(await customerKeysOf(db, caller.chainId).doc(id).get()).exists) throw fieldError('invalid-argument', 'cursor', 'invalid', caller.lang);
    q = q.startAfter(Number(n), id);
  }
  const keys = await q.limit(input.pageSize + 1).get();
  const page = keys.docs.slice(0, input.pageSize);
  const pairs = new Map<string, { ids: [string, string]; reasons: Set<DuplicateReason> }>();
  for (const doc of page) {
    const reason = REASON[String(doc.get('key')).slice(0, 1)];
    const ids = [...new Set((doc.get('ids') as string[] | undefined) ?? [])].sort();
    if (!reason || ids.length < 2) continue;
    for (let i = 0; i < ids.length && i < 10; i++) {
      for (let j = i + 1; j < ids.length && j < 10; j++) {
        const key = `${ids[i]}|${ids[j]}`;
        if (!pairs.has(key)) pairs.set(key, { ids: [ids[i]!, ids[j]!], reasons: new Set() });
        pairs.get(key)!.reasons.add(reason);
      }
    }
  }
  const ids = [...new Set([...pairs.values()].flatMap((p) => p.ids))];
  const found = await readCustomers(db, caller.chainId, ids);
  const sides = new Map<string, DuplicateSide>();
  for (const [id, { doc: c }] of found) {
    if (c.mergedInto) continue;
    sides.set(id, {
      customerId: id,
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      phone: primaryPhone(c.phones),
      postalCode: c.address.postalCode,
      version: c.version,
    });
  }
  const last = page[page.length - 1];
  return {
    pairs: [...pairs.values()]
      .filter((p) => sides.has(p.ids[0]) && sides.has(p.ids[1]))
      .map((p) => ({ a: sides.get(p.ids[0])!, b: sides.get(p.ids[1])!, reasons: reasonsOf(sides.get(p.ids[0])!, sides.get(p.ids[1])!, p.reasons) })),
    nextCursor: keys.size > input.pageSize && last ? `${last.get('n')}:${last.id}` : null,
  };
}
