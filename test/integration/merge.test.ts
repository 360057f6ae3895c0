// Duplicates found from keys kept on every write, merge with per-field picks, undo within 30 days,
// and refusal to undo after a change.
import { createHash } from 'node:crypto';
import { Timestamp } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { callError, callErrorIn } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { importFile } from '../helpers/imports';
import { paths } from '../../functions/src/model/paths';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Merge');
  await team.owner.call('setCustomFields', { chainId: team.chainId, fields: [{ key: 'shoe_size', label: 'Pointure' }] });
  // Staff here edit contact details (emails, phones), which this chain allows them (staff-contact.test.ts has the default).
  await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { staffSeeContact: true } });
});
afterAll(() => team.closeAll());

const customer = async (id: string) => (await adminDb.doc(paths.customer(team.chainId, id)).get()).data()!;
async function pairs(): Promise<{ ids: string[]; reasons: string[] }[]> {
  const all: { ids: string[]; reasons: string[] }[] = [];
  let cursor: string | null = null;
  do {
    const page: { pairs: { a: { customerId: string }; b: { customerId: string }; reasons: string[] }[]; nextCursor: string | null } = await team.manager.call(
      'findDuplicates',
      { chainId: team.chainId, pageSize: 5, cursor },
    );
    all.push(...page.pairs.map((p) => ({ ids: [p.a.customerId, p.b.customerId].sort(), reasons: p.reasons.sort() })));
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
/** The lookup key document itself (`customerKeys/{sha1(key)}`), not what findDuplicates makes of it. */
const keyDoc = async (key: string) => {
  const snap = await adminDb.doc(`${paths.customerKeys(team.chainId)}/${createHash('sha1').update(key).digest('hex')}`).get();
  return snap.exists ? { ids: [...(snap.get('ids') as string[])].sort(), n: snap.get('n') as number } : null;
};
const pairOf = async (x: string, y: string) => {
  const ids = [x, y].sort();
  const found = (await pairs()).filter((p) => p.ids[0] === ids[0] && p.ids[1] === ids[1]);
  return found.length ? [...new Set(found.flatMap((p) => p.reasons))].sort() : null;
};

describe('findDuplicates', () => {
  it('keeps its keys up to date on create, update, import and erasure', async () => {
    const a = await createCustomer(team.staff, team.chainId, {
      firstName: 'Aline',
      lastName: 'Dupré',
      email: 'aline@example.test',
      phones: { mobile: '06 10 00 00 01' },
      address: { postalCode: '69001' },
    });
    const b = await createCustomer(team.staff, team.chainId, { firstName: 'Bea', lastName: 'Other', email: 'ALINE@example.test' }, { confirmDuplicate: true });
    expect(await pairOf(a.customerId, b.customerId)).toEqual(['email']);
    expect(await keyDoc('e:aline@example.test')).toEqual({ ids: [a.customerId, b.customerId].sort(), n: 2 });

    await team.manager.call('saveCustomer', {
      chainId: team.chainId,
      customerId: b.customerId,
      expectedVersion: 1,
      customer: { firstName: 'Bea', lastName: 'Other', email: 'bea@example.test' },
    });
    expect(await pairOf(a.customerId, b.customerId)).toBeNull();
    expect(await keyDoc('e:aline@example.test')).toEqual({ ids: [a.customerId], n: 1 });
    expect(await keyDoc('e:bea@example.test')).toEqual({ ids: [b.customerId], n: 1 });
    // A key nobody holds any more is deleted (it would keep the address for nobody).
    await team.staff.call('saveCustomer', {
      chainId: team.chainId,
      customerId: b.customerId,
      expectedVersion: 2,
      customer: { firstName: 'Bea', lastName: 'Other', email: 'bea2@example.test' },
    });
    expect(await keyDoc('e:bea@example.test')).toBeNull();

    // An import that updates a customer (matched by email) moves its keys too.
    const updated = await importFile(
      team.chainId,
      'dup-update.csv',
      'Prénom,Nom,Courriel,Numéro de téléphone principal\nBea,Other,bea2@example.test,0610000001\n',
    );
    expect(updated.report.counts).toMatchObject({ updated: 1, created: 0 });
    expect(await pairOf(a.customerId, b.customerId)).toEqual(['phone']);
    expect(await keyDoc('p:0610000001')).toEqual({ ids: [a.customerId, b.customerId].sort(), n: 2 });
    const moved = await importFile(
      team.chainId,
      'dup-update-2.csv',
      'Prénom,Nom,Courriel,Numéro de téléphone principal\nBea,Other,bea2@example.test,0610000009\n',
    );
    expect(moved.report.counts).toMatchObject({ updated: 1 });
    expect(await pairOf(a.customerId, b.customerId)).toBeNull();
    expect(await keyDoc('p:0610000001')).toEqual({ ids: [a.customerId], n: 1 });
    // A key the import left without any customer is deleted once its writes have landed.
    expect(await keyDoc('p:0610000009')).toEqual({ ids: [b.customerId], n: 1 });
    const vacated = await importFile(
      team.chainId,
      'dup-update-3.csv',
      'Prénom,Nom,Courriel,Numéro de téléphone principal\nBea,Other,bea2@example.test,0610000008\n',
    );
    expect(vacated.report.counts).toMatchObject({ updated: 1 });
    expect(await keyDoc('p:0610000009')).toBeNull();
    expect(await keyDoc('p:0610000008')).toEqual({ ids: [b.customerId], n: 1 });

    const { report } = await importFile(team.chainId, 'dup.csv', 'Prénom,Nom,Numéro de téléphone principal,Code postal\nALINE,Dupre,0610000001,69001\n');
    expect(report.counts.created).toBe(1);
    const c = (await adminDb.collection(paths.customers(team.chainId)).where('lastName', '==', 'Dupre').get()).docs[0]!.id;
    expect(await pairOf(a.customerId, c)).toEqual(['namePostal', 'phone']);
    expect(await keyDoc('n:aline|dupre|69001')).toEqual({ ids: [a.customerId, c].sort(), n: 2 });

    await team.manager.call('deleteCustomer', { chainId: team.chainId, customerId: c });
    expect(await pairOf(a.customerId, c)).toBeNull();
    // Read from the key documents themselves: findDuplicates would hide an erased customer anyway.
    expect(await keyDoc('p:0610000001')).toEqual({ ids: [a.customerId], n: 1 });
    expect(await keyDoc('n:aline|dupre|69001')).toEqual({ ids: [a.customerId], n: 1 });
  });

  it('is for managers and owners only', async () => {
    expect((await callError(team.staff.call('findDuplicates', { chainId: team.chainId }))).code).toBe('permission-denied');
  });
});

describe('mergeCustomers and unmergeCustomers', () => {
  let round = 0;
  async function twins() {
    round++;
    const keep = await createCustomer(
      team.staff,
      team.chainId,
      {
        firstName: 'Jean',
        lastName: 'Martin',
        title: 'M.',
        email: `jean.martin${round}@example.test`,
        phones: { mobile: `06 20 00 0${round} 01` },
        tags: ['VIP'],
        customFields: { shoe_size: '42' },
        address: { line1: '1 rue A', postalCode: '75001', city: 'Paris' },
      },
      { consent: { email: true } },
    );
    await new Promise((r) => setTimeout(r, 30));
    const other = await createCustomer(
      team.staff,
      team.chainId,
      {
        firstName: 'Jean',
        lastName: 'Martin',
        title: 'Dr',
        company: 'ACME',
        email: `jean.pro${round}@example.test`,
        phones: { mobile: `06 20 00 0${round} 02`, work: `01 40 00 0${round} 02` },
        tags: ['Moto', 'vip'],
        customFields: { shoe_size: '43' },
        discount: 10,
        address2: { line1: '9 quai B', city: 'Lyon' },
        notes: 'Prefers tea',
      },
      { consent: { postalMail: true }, confirmDuplicate: true },
    );
    return { keep, other };
  }

  it('merges every kind of field, the cards and the consent; the other profile stays readable; undo restores both exactly', async () => {
    const { keep, other } = await twins();
    const otherDoc = await customer(other.customerId);
    // The other profile withdraws email consent after the kept one granted it: the later decision stands.
    const { version: otherVersion } = await team.staff.call('saveCustomer', {
      chainId: team.chainId,
      customerId: other.customerId,
      expectedVersion: otherDoc.version,
      customer: Object.fromEntries(
        Object.entries(otherDoc).filter(([k]) =>
          ['firstName', 'lastName', 'title', 'company', 'email', 'phones', 'tags', 'customFields', 'discount', 'address2', 'notes'].includes(k),
        ),
      ),
      consent: { email: true },
    });
    const { version: otherVersion2 } = await team.staff.call('saveCustomer', {
      chainId: team.chainId,
      customerId: other.customerId,
      expectedVersion: otherVersion,
      customer: Object.fromEntries(
        Object.entries(await customer(other.customerId)).filter(([k]) =>
          ['firstName', 'lastName', 'title', 'company', 'email', 'phones', 'tags', 'customFields', 'discount', 'address2', 'notes'].includes(k),
        ),
      ),
      consent: { email: false },
    });
    const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'M', size: 2 });
    const codes = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs.map((d) => d.id);
    await team.staff.call('bindCard', { chainId: team.chainId, code: codes[0], customerId: keep.customerId });
    await team.staff.call('bindCard', { chainId: team.chainId, code: codes[1], customerId: other.customerId });
    const keepBefore = await customer(keep.customerId);
    const otherBefore = await customer(other.customerId);
    // Binding a card is a write of the customer: one version more.
    expect(otherBefore.version).toBe(otherVersion2 + 1);

    const merged = await team.manager.call('mergeCustomers', {
      chainId: team.chainId,
      keepId: keep.customerId,
      mergeId: other.customerId,
      keepVersion: keepBefore.version,
      mergeVersion: otherBefore.version,
      picks: { 'customFields.shoe_size': 'merge' },
    });
    const k = await customer(keep.customerId);
    expect(k).toMatchObject({
      title: 'M.',
      company: 'ACME',
      email: 'jean.martin1@example.test',
      email2: 'jean.pro1@example.test',
      discount: 10,
      notes: 'Prefers tea',
      phones: { mobile: '06 20 00 01 01', work: '01 40 00 01 02', home: '06 20 00 01 02' }, // no chain country: as typed
      tags: ['VIP', 'Moto'],
      customFields: { shoe_size: '43' },
      address: { line1: '1 rue A' },
      address2: { line1: '9 quai B', city: 'Lyon' },
      cardCodes: [codes[0], codes[1]],
    });
    expect(k.consent.email).toMatchObject({ granted: false });
    expect(k.consent.postalMail).toMatchObject({ granted: true });
    const card1 = (await adminDb.doc(`${paths.cards(team.chainId, batchId)}/${codes[1]}`).get()).data()!;
    expect(card1.customerId).toBe(keep.customerId);
    const log = await adminDb.collection(paths.consentLog(team.chainId, keep.customerId)).orderBy('at').get();
    expect(log.docs.map((d) => `${d.get('channel')}:${d.get('granted')}`)).toEqual(['email:true', 'postalMail:true', 'email:true', 'email:false']);

    const o = await customer(other.customerId);
    expect(o.mergedInto).toBe(keep.customerId);
    const search = await team.staff.call('searchCustomers', { chainId: team.chainId, query: { text: 'jean martin' } });
    expect(search.rows.map((r: { customerId: string }) => r.customerId)).toEqual([keep.customerId]);
    const otherHistory = await team.staff.call('getCustomerHistory', { chainId: team.chainId, customerId: other.customerId });
    expect(otherHistory.history[0]).toMatchObject({ action: 'merged-into', keepId: keep.customerId });
    const keepHistory = await team.staff.call('getCustomerHistory', { chainId: team.chainId, customerId: keep.customerId });
    expect(keepHistory.history[0]).toMatchObject({ action: 'merge', mergedId: other.customerId, mergeId: merged.mergeId });
    expect((await callError(team.staff.call('bindCard', { chainId: team.chainId, code: codes[0], customerId: other.customerId }))).code).toBe(
      'failed-precondition',
    );

    await team.manager.call('unmergeCustomers', { chainId: team.chainId, mergeId: merged.mergeId });
    // A profile that never had a visit comes back without a visit summary, exactly as it was.
    const strip = ({ version: _v, updatedAt: _u, updatedBy: _b, ...rest }: Record<string, unknown>) => rest;
    expect(strip(await customer(keep.customerId))).toEqual(strip(keepBefore));
    expect(strip(await customer(other.customerId))).toEqual(strip(otherBefore));
    expect((await adminDb.doc(`${paths.cards(team.chainId, batchId)}/${codes[1]}`).get()).get('customerId')).toBe(other.customerId);
    const logAfter = await adminDb.collection(paths.consentLog(team.chainId, keep.customerId)).get();
    expect(logAfter.size).toBe(1);
    const again = await team.staff.call('searchCustomers', { chainId: team.chainId, query: { text: 'jean martin' } });
    expect(again.rows.map((r: { customerId: string }) => r.customerId).sort()).toEqual([keep.customerId, other.customerId].sort());
    expect((await callError(team.manager.call('unmergeCustomers', { chainId: team.chainId, mergeId: merged.mergeId }))).details.problems[0].code).toBe(
      'mergeUndone',
    );
  });

  it('a profile edited while the merge was prepared: the merge fails cleanly and changes nothing', async () => {
    const { keep, other } = await twins();
    const [k, o] = [await customer(keep.customerId), await customer(other.customerId)];
    const results = await Promise.allSettled([
      team.manager.call('mergeCustomers', {
        chainId: team.chainId,
        keepId: keep.customerId,
        mergeId: other.customerId,
        keepVersion: k.version,
        mergeVersion: o.version,
      }),
      team.staff.call('saveCustomer', {
        chainId: team.chainId,
        customerId: keep.customerId,
        expectedVersion: k.version,
        customer: { firstName: 'Jean', lastName: 'Martin', email: k.email, notes: 'edited' },
      }),
    ]);
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason.code).toBe('functions/aborted');
    const after = await customer(other.customerId);
    if (results[0].status === 'rejected') expect(after.mergedInto).toBeUndefined();
    else expect((await customer(keep.customerId)).notes).not.toBe('edited');
  });

  it('never drops data: a picked primary email keeps the other addresses; too many tags or overflowing notes are refused and change nothing', async () => {
    const merge = (keepId: string, mergeId: string, picks: Record<string, string> = {}) =>
      team.manager.call('mergeCustomers', { chainId: team.chainId, keepId, mergeId, keepVersion: 1, mergeVersion: 1, picks });

    const a = await createCustomer(team.staff, team.chainId, {
      firstName: 'Nina',
      lastName: 'Keepall',
      email: 'nina.a@example.test',
      email2: 'nina.b@example.test',
    });
    const b = await createCustomer(team.staff, team.chainId, {
      firstName: 'Nina',
      lastName: 'Keepall',
      email: 'nina.c@example.test',
      phones: { mobile: '0611111111' },
    });
    await merge(a.customerId, b.customerId, { email: 'merge' });
    expect(await customer(a.customerId)).toMatchObject({ email: 'nina.c@example.test', email2: 'nina.a@example.test', notes: '+ nina.b@example.test' });
    expect((await customer(a.customerId)).phones.mobile).toBe('0611111111');

    const many = Array.from({ length: 48 }, (_, i) => `t${i}`);
    const c = await createCustomer(team.staff, team.chainId, { firstName: 'Tom', lastName: 'Tagged', tags: many });
    const d = await createCustomer(team.staff, team.chainId, { firstName: 'Tom', lastName: 'Tagged', tags: ['t1', 'Extra A', 'Extra B', 'Extra C'] });
    const [cBefore, dBefore] = [await customer(c.customerId), await customer(d.customerId)];
    const tags = await callError(merge(c.customerId, d.customerId));
    expect(tags.code).toBe('invalid-argument');
    expect(tags.details.problems).toEqual([expect.objectContaining({ path: 'merged.tags', code: 'mergeTooManyTags', params: { max: 50, tags: 'Extra C' } })]);
    expect(tags.message).toContain('Extra C');
    expect(await customer(c.customerId)).toEqual(cBefore);
    expect(await customer(d.customerId)).toEqual(dBefore);

    const notes = 'n'.repeat(3990);
    const e = await createCustomer(team.staff, team.chainId, {
      firstName: 'Noé',
      lastName: 'Noted',
      email: 'noe.a@example.test',
      email2: 'noe.b@example.test',
      notes,
    });
    const f = await createCustomer(team.staff, team.chainId, { firstName: 'Noé', lastName: 'Noted', email: 'noe.c@example.test' });
    const [eBefore, fBefore] = [await customer(e.customerId), await customer(f.customerId)];
    const overflow = await callError(merge(e.customerId, f.customerId));
    expect(overflow.code).toBe('invalid-argument');
    expect(overflow.details.problems).toEqual([expect.objectContaining({ path: 'merged.notes', code: 'mergeNotesTooLong' })]);
    expect(await customer(e.customerId)).toEqual(eBefore);
    expect(await customer(f.customerId)).toEqual(fBefore);
    expect((await adminDb.collection(paths.merges(team.chainId)).where('keepId', 'in', [c.customerId, e.customerId]).get()).size).toBe(0);
  });

  it('refuses to undo once a profile changed, and says what changed', async () => {
    const { keep, other } = await twins();
    const [k, o] = [await customer(keep.customerId), await customer(other.customerId)];
    const { mergeId, version } = await team.manager.call('mergeCustomers', {
      chainId: team.chainId,
      keepId: keep.customerId,
      mergeId: other.customerId,
      keepVersion: k.version,
      mergeVersion: o.version,
    });
    const merged = await customer(keep.customerId);
    const { tags, phones, firstName, lastName, email, email2, title, company, discount, customFields, address, address2, notes } = merged;
    await team.manager.call('saveCustomer', {
      chainId: team.chainId,
      customerId: keep.customerId,
      expectedVersion: version,
      customer: {
        tags,
        phones: { ...phones, fax: '0140000099' },
        firstName,
        lastName,
        email,
        email2,
        title,
        company,
        discount,
        customFields,
        address,
        address2,
        notes,
      },
    });
    const err = await callError(team.manager.call('unmergeCustomers', { chainId: team.chainId, mergeId }));
    expect(err.code).toBe('failed-precondition');
    expect(err.details.changed).toEqual(['kept customer: phones.fax']);
    expect((await customer(other.customerId)).mergedInto).toBe(keep.customerId);
  });

  const mergeTwins = async () => {
    const { keep, other } = await twins();
    const [k, o] = [await customer(keep.customerId), await customer(other.customerId)];
    const { mergeId } = await team.manager.call('mergeCustomers', {
      chainId: team.chainId,
      keepId: keep.customerId,
      mergeId: other.customerId,
      keepVersion: k.version,
      mergeVersion: o.version,
    });
    return { keepId: keep.customerId, otherId: other.customerId, mergeId: mergeId as string, otherBefore: o };
  };

  it('refuses to undo once a card was bound to the kept customer, naming the cards', async () => {
    const { keepId, otherId, mergeId } = await mergeTwins();
    const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'After merge', size: 1 });
    const code = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs[0]!.id;
    const versionBefore = (await customer(keepId)).version;
    await team.staff.call('bindCard', { chainId: team.chainId, code, customerId: keepId });
    // Binding a card is a write of the customer (one version more); the undo names the cards.
    expect((await customer(keepId)).version).toBe(versionBefore + 1);
    const err = await callError(team.manager.call('unmergeCustomers', { chainId: team.chainId, mergeId }));
    expect(err.code).toBe('failed-precondition');
    expect(err.details.changed).toEqual(['kept customer: cards']);
    expect((await customer(otherId)).mergedInto).toBe(keepId);
    expect((await customer(keepId)).cardCodes).toEqual([code]);
  });

  it('refuses to undo once the merged-away profile changed, naming what changed', async () => {
    const { keepId, otherId, mergeId } = await mergeTwins();
    // No callable writes a merged-away profile; whatever did (a script, a future path) is detected.
    await adminDb.doc(paths.customer(team.chainId, otherId)).update({ notes: 'changed behind the merge', cardCodes: ['SOMECARD'] });
    const err = await callError(team.manager.call('unmergeCustomers', { chainId: team.chainId, mergeId }));
    expect(err.code).toBe('failed-precondition');
    expect(err.details.changed).toEqual(['merged customer: notes', 'merged customer: cards']);
    expect((await customer(otherId)).mergedInto).toBe(keepId);
    // Said in the caller's language, fields by their label.
    const fr = await callErrorIn('fr', team.manager, 'unmergeCustomers', { chainId: team.chainId, mergeId });
    expect(fr.message).toBe('Annulation impossible : modifié depuis la fusion (client fusionné : Remarques; client fusionné : cartes).');
    expect(fr.details.problems[0].message).toBe('client fusionné : Remarques; client fusionné : cartes');
    const de = await callErrorIn('de', team.manager, 'unmergeCustomers', { chainId: team.chainId, mergeId });
    expect(de.message).toContain('zusammengeführter Kunde: Notizen; zusammengeführter Kunde: Karten');
  });

  it('undo is offered and allowed within 30 days only; staff cannot undo; merge and undo are audited without personal data', async () => {
    const { keepId, otherId, mergeId } = await mergeTwins();
    const audits = async (action: string) =>
      (await adminDb.collection(paths.audit(team.chainId)).where('action', '==', action).where('details.mergeId', '==', mergeId).get()).docs.map((d) =>
        d.data(),
      );
    const mergeAudit = await audits('customer.merge');
    expect(mergeAudit).toEqual([
      expect.objectContaining({ actorUid: team.manager.uid, target: { kind: 'customer', id: keepId }, details: { mergedId: otherId, mergeId, cardsMoved: 0 } }),
    ]);
    const merged = await customer(keepId);
    const personal = ['Jean', 'Martin', 'ACME', 'Paris', merged.email, merged.email2, merged.phones.mobile, merged.phones.work, 'Prefers tea'];
    for (const p of personal) expect(JSON.stringify(mergeAudit)).not.toContain(p);

    const mergeEntry = async () =>
      (
        (await team.manager.call('getCustomerHistory', { chainId: team.chainId, customerId: keepId })).history as {
          action: string;
          mergeId?: string;
          canUndo?: boolean;
        }[]
      ).find((h) => h.action === 'merge' && h.mergeId === mergeId);
    expect(await mergeEntry()).toMatchObject({ canUndo: true });
    expect((await callError(team.staff.call('unmergeCustomers', { chainId: team.chainId, mergeId }))).code).toBe('permission-denied');

    // The merge made 31 days ago: its undo deadline (30 days after) has passed.
    const record = adminDb.doc(`${paths.merges(team.chainId)}/${mergeId}`);
    const realDeadline = (await record.get()).get('undoUntil') as Timestamp;
    const at = Date.now() - 31 * 24 * 3600 * 1000;
    await record.update({ at: Timestamp.fromMillis(at), undoUntil: Timestamp.fromMillis(at + 30 * 24 * 3600 * 1000) });
    const tooOld = await callError(team.manager.call('unmergeCustomers', { chainId: team.chainId, mergeId }));
    expect(tooOld.code).toBe('failed-precondition');
    expect(tooOld.details.problems[0]).toMatchObject({ path: 'mergeId', code: 'mergeTooOld' });
    expect(await mergeEntry()).toMatchObject({ canUndo: false });
    expect((await customer(otherId)).mergedInto).toBe(keepId);

    await record.update({ undoUntil: realDeadline });
    await team.owner.call('unmergeCustomers', { chainId: team.chainId, mergeId });
    const unmergeAudit = await audits('customer.unmerge');
    expect(unmergeAudit).toEqual([
      expect.objectContaining({ actorUid: team.owner.uid, target: { kind: 'customer', id: keepId }, details: { mergedId: otherId, mergeId } }),
    ]);
    for (const p of personal) expect(JSON.stringify(unmergeAudit)).not.toContain(p);
    expect(await mergeEntry()).toMatchObject({ canUndo: false });
  });

  it('a key only the merged-away profile held is deleted at the merge, and back after undo', async () => {
    const keep = await createCustomer(team.staff, team.chainId, { firstName: 'Key', lastName: 'Keeper', email: 'keys@example.test', custom: 'K-1' });
    const other = await createCustomer(
      team.staff,
      team.chainId,
      { firstName: 'Key', lastName: 'Keeper', email: 'KEYS@example.test', custom: 'O-1' },
      { confirmDuplicate: true },
    );
    expect(await keyDoc('c:o-1')).toEqual({ ids: [other.customerId], n: 1 });
    const { mergeId } = await team.manager.call('mergeCustomers', {
      chainId: team.chainId,
      keepId: keep.customerId,
      mergeId: other.customerId,
      keepVersion: 1,
      mergeVersion: 1,
    });
    expect((await customer(keep.customerId)).custom).toBe('K-1');
    expect(await keyDoc('c:o-1')).toBeNull();
    expect(await keyDoc('e:keys@example.test')).toEqual({ ids: [keep.customerId], n: 1 });
    await team.manager.call('unmergeCustomers', { chainId: team.chainId, mergeId });
    expect(await keyDoc('c:o-1')).toEqual({ ids: [other.customerId], n: 1 });
    expect(await keyDoc('e:keys@example.test')).toEqual({ ids: [keep.customerId, other.customerId].sort(), n: 2 });
  });

  it('erasing a merged-away profile erases its data, not its keys a second time: real duplicates are still found', async () => {
    const { keepId, otherId, mergeId, otherBefore } = await mergeTwins();
    const proEmail = String(otherBefore.email);
    const twin = await createCustomer(team.staff, team.chainId, { firstName: 'Jeanne', lastName: 'Autre', email: proEmail }, { confirmDuplicate: true });
    expect(await pairOf(keepId, twin.customerId)).toEqual(['email']);
    const keptBefore = await customer(keepId);

    await team.manager.call('deleteCustomer', { chainId: team.chainId, customerId: otherId });
    expect((await adminDb.doc(paths.customer(team.chainId, otherId)).get()).exists).toBe(false);
    expect((await adminDb.doc(`${paths.merges(team.chainId)}/${mergeId}`).get()).exists).toBe(false);
    expect(await keyDoc(`e:${proEmail}`)).toEqual({ ids: [keepId, twin.customerId].sort(), n: 2 });
    expect(await pairOf(keepId, twin.customerId)).toEqual(['email']);
    expect(await customer(keepId)).toEqual(keptBefore);
  });

  it('checks its input', async () => {
    const a = await createCustomer(team.staff, team.chainId, { firstName: 'Solo', lastName: 'One' });
    const same = await callError(
      team.manager.call('mergeCustomers', { chainId: team.chainId, keepId: a.customerId, mergeId: a.customerId, keepVersion: 1, mergeVersion: 1 }),
    );
    expect(same.details.problems[0]).toMatchObject({ path: 'mergeId', code: 'sameCustomer' });
    const missing = await callError(
      team.manager.call('mergeCustomers', { chainId: team.chainId, keepId: a.customerId, mergeId: 'nope', keepVersion: 1, mergeVersion: 1 }),
    );
    expect(missing.code).toBe('not-found');
    expect(
      (await callError(team.staff.call('mergeCustomers', { chainId: team.chainId, keepId: a.customerId, mergeId: 'x', keepVersion: 1, mergeVersion: 1 }))).code,
    ).toBe('permission-denied');
  });
});
