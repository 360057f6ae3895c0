// Documents one customer write issues, as the import commits them (issue 19, fewer documents per
// row): counted from the write path's own writer calls, so a change that writes more fails here.
import { initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { RecordedWrites } from '../../functions/src/imports/commits';
import { CustomerFields, type CustomerDoc } from '../../functions/src/model/customer';
import { applyCustomerWrite, isNoop, planCustomerWrite, sortId } from '../../functions/src/store/customers';
import { rowId } from '../../functions/src/store/customers/rowIds';

const db = getFirestore(initializeApp({ projectId: 'demo-docs-per-row' }, 'docs-per-row'));
const meta = (row: number) => ({ by: 'import', source: 'import' as const, importId: 'imp', row });
const simple = CustomerFields.parse({ firstName: 'Jean', lastName: 'Dupont', email: 'jean@example.test', phones: { mobile: '+33612345678' } });

/** What a write of `fields` over `before` issues: kinds of documents, in order. */
function writes(before: CustomerDoc | null, fields: CustomerFields) {
  const plan = planCustomerWrite('c1', before, fields, {}, meta(2));
  const w = new RecordedWrites();
  if (!isNoop(plan, before)) applyCustomerWrite(w, db, 'chain', plan, before);
  return { plan, kinds: w.ops.map((op) => `${op.kind} ${op.ref.parent.id}`) };
}

/** The customer as the write left it (what the next import reads). */
const stored = (before: CustomerDoc | null, fields: CustomerFields) =>
  ({ ...(before ?? {}), ...planCustomerWrite('c1', before, fields, {}, meta(2)).doc, createdDay: '2026-12-01' }) as unknown as CustomerDoc;

describe('documents per imported row', () => {
  it('a new customer with an email and a phone: 5 (customer, search row, history, two lookup keys)', () => {
    const { kinds, plan } = writes(null, simple);
    expect(kinds).toEqual(['create customers', 'set customerIndex', 'set history', 'set customerKeys', 'set customerKeys']);
    expect(plan.doc.indexId).toBe(rowId(simple, 'c1'));
  });

  it('notes changed: 2 (customer and history); the search row and the keys are unchanged, not rewritten', () => {
    const before = stored(null, simple);
    expect(writes(before, { ...simple, notes: 'Prefers the terrace' }).kinds).toEqual(['update customers', 'set history']);
  });

  it('nothing changed: nothing written', () => {
    expect(writes(stored(null, simple), simple).kinds).toEqual([]);
  });

  it('a shown column changed (company): the search row is rewritten in place, the keys are not', () => {
    expect(writes(stored(null, simple), { ...simple, company: 'ACME' }).kinds).toEqual(['update customers', 'set customerIndex', 'set history']);
  });

  it('renamed: the row moves within its range (deleted, written), the keys stay', () => {
    const { kinds } = writes(stored(null, simple), { ...simple, lastName: 'Durand' });
    expect(kinds).toEqual(['update customers', 'delete customerIndex', 'set customerIndex', 'set history']);
  });

  it('email changed: the old key loses the customer, the new one gains it', () => {
    const { kinds } = writes(stored(null, simple), { ...simple, email: 'j.dupont@example.test' });
    expect(kinds).toEqual(['update customers', 'set customerIndex', 'set history', 'set customerKeys', 'set customerKeys']);
  });

  it('a customer stored before the change (legacy row, no indexId): its row moves to the spread id, its phone key of before phones were parsed is removed', () => {
    const { indexId: _drop, ...legacy } = stored(null, simple) as CustomerDoc & { indexId?: string };
    const { kinds, plan } = writes(legacy as CustomerDoc, { ...simple, notes: 'x' });
    expect(kinds).toEqual(['update customers', 'delete customerIndex', 'set customerIndex', 'set history', 'set customerKeys']);
    expect(plan.lookupBefore).toContain('p:33612345678');
    expect(plan.staleIndexId).toBe(sortId(simple, 'c1'));
    expect(plan.indexId).toBe(rowId(simple, 'c1'));
  });
});
