import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldValue, type DocumentReference } from 'firebase-admin/firestore';
import { adminBucket, adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer, HELENE, someone } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';
import { rowId } from '../../functions/src/store/customers/rowIds';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Customers');
  await team.owner.call('setCustomFields', { chainId: team.chainId, fields: [{ key: 'shoe_size', label: 'Shoe size' }] });
});
afterAll(() => team.closeAll());

const customerDoc = (id: string) => adminDb.doc(paths.customer(team.chainId, id));

describe('saveCustomer: create', () => {
  it('stores every field, normalized, with system fields, index row, history and consent', async () => {
    const { customerId, version } = await createCustomer(
      team.staff,
      team.chainId,
      { ...HELENE, customFields: { shoe_size: '38' } },
      {
        source: 'pos',
        consent: { email: true, postalMail: false },
      },
    );
    expect(version).toBe(1);
    const doc = (await customerDoc(customerId).get()).data()!;
    expect(doc).toMatchObject({
      firstName: 'Hélène',
      lastName: 'Müller-Straße',
      birthDate: '1984-02-29',
      email: 'Helene.Muller@Example.com',
      // no chain country: numbers with their country code in E.164, the others as typed (test/integration/phones.test.ts)
      phones: { home: '(123)123-1234', work: '123-123-1234', mobile: '+33612345678', pager: '', fax: '1231231234' },
      website: 'https://www.atelier.example',
      address: { city: 'Paris', state: 'Île-de-France' },
      customFields: { shoe_size: '38' },
      tags: ['VIP', 'Végétarien'],
      source: 'pos',
      createdBy: team.staff.uid,
      updatedBy: team.staff.uid,
      version: 1,
      cardCodes: [],
    });
    expect(doc.consent.email).toMatchObject({ granted: true, by: team.staff.uid, source: 'pos' });
    expect(doc.consent.postalMail).toBeNull();
    expect(doc.createdAt.toDate()).toBeInstanceOf(Date);

    const index = await adminDb.collection(paths.customerIndex(team.chainId)).where('customerId', '==', customerId).get();
    expect(index.size).toBe(1);
    // spread over key ranges (rowIds.ts): `!`, the range, then the folded names and the id
    expect(index.docs[0]!.id).toBe(rowId({ firstName: 'Hélène', lastName: 'Müller-Straße' }, customerId));
    expect(index.docs[0]!.id).toMatch(new RegExp(`^![0-3]muller-strasse helene ${customerId}$`));

    const history = await team.staff.call('getCustomerHistory', { chainId: team.chainId, customerId });
    expect(history.history).toHaveLength(1);
    expect(history.history[0]).toMatchObject({ action: 'create', by: team.staff.uid, source: 'pos' });
    expect(history.consentLog).toEqual([expect.objectContaining({ channel: 'email', granted: true, by: team.staff.uid, source: 'pos' })]);
  });

  it('rejects bad input with every field path, and stores nothing', async () => {
    const before = (await adminDb.collection(paths.customers(team.chainId)).count().get()).data().count;
    const err = await callError(
      createCustomer(team.staff, team.chainId, {
        firstName: '',
        lastName: 'x'.repeat(128),
        email: 'not-an-email',
        phones: { mobile: '1'.repeat(41) },
        address: { postalCode: 'x'.repeat(64) },
      }),
    );
    expect(err.code).toBe('invalid-argument');
    expect(err.details.problems.map((p: { path: string }) => p.path)).toEqual([
      'customer.firstName',
      'customer.lastName',
      'customer.email',
      'customer.phones.mobile',
      'customer.address.postalCode',
    ]);
    expect((await adminDb.collection(paths.customers(team.chainId)).count().get()).data().count).toBe(before);
  });

  it('rejects a custom field or a type the chain does not have', async () => {
    const field = await callError(createCustomer(team.staff, team.chainId, someone({ customFields: { hat_size: '7' } })));
    expect(field.code).toBe('invalid-argument');
    expect(field.details.problems[0].path).toBe('customer.customFields.hat_size');
    const type = await callError(createCustomer(team.staff, team.chainId, someone({ customerTypeId: 'nope' })));
    expect(type.details.problems[0].path).toBe('customer.customerTypeId');
  });
});

describe('saveCustomer: duplicates', () => {
  it('refuses the same email (any case) or the same phone (any format), naming the customer, unless confirmed', async () => {
    const first = someone({ email: 'Jeanne.Doe@Example.test', phones: { mobile: '06 99 88 77 66' } });
    const { customerId } = await createCustomer(team.staff, team.chainId, first);

    const sameEmail = await callError(createCustomer(team.staff, team.chainId, someone({ email: 'JEANNE.DOE@example.TEST' })));
    expect(sameEmail.code).toBe('already-exists');
    expect(sameEmail.details.duplicates).toEqual([{ customerId, firstName: first.firstName, lastName: first.lastName, matched: ['email'] }]);
    expect(sameEmail.message).toContain(customerId);

    const samePhone = await callError(createCustomer(team.staff, team.chainId, someone({ phones: { home: '0699887766' } })));
    expect(samePhone.code).toBe('already-exists');
    expect(samePhone.details.duplicates[0]).toMatchObject({ customerId, matched: ['phone'] });

    const confirmed = await createCustomer(team.staff, team.chainId, someone({ email: 'jeanne.doe@example.test' }), { confirmDuplicate: true });
    expect(confirmed.customerId).not.toBe(customerId);
  });

  it('two simultaneous creations with the same email: exactly one succeeds, the other is already-exists', async () => {
    for (let round = 0; round < 3; round++) {
      const email = `twin-${Date.now()}-${round}@example.test`;
      const results = await Promise.all([
        createCustomer(team.staff, team.chainId, someone({ email })).then(
          () => 'created',
          (e: { code: string }) => e.code,
        ),
        createCustomer(team.manager, team.chainId, someone({ email: email.toUpperCase() })).then(
          () => 'created',
          (e: { code: string }) => e.code,
        ),
      ]);
      expect(results.sort()).toEqual(['created', 'functions/already-exists']);
      const stored = await adminDb.collection(paths.customers(team.chainId)).where('email', 'in', [email, email.toUpperCase()]).get();
      expect(stored.size).toBe(1);
    }
  });
});

describe('saveCustomer: update', () => {
  it('updates based on the current version and records the changes', async () => {
    const c = someone({ tags: ['a'] });
    const { customerId } = await createCustomer(team.staff, team.chainId, c);
    // A manager: staff change contact details only where the chain allows it (staff-contact.test.ts).
    const updated = await team.manager.call('saveCustomer', {
      chainId: team.chainId,
      customerId,
      expectedVersion: 1,
      customer: { ...c, lastName: 'Renamed', phones: { mobile: c.phones.mobile, home: '0123456789' } },
    });
    // the chain has no country: national numbers are kept as typed, with a warning each (test/integration/phones.test.ts)
    expect(updated).toEqual({
      customerId,
      version: 2,
      changed: true,
      warnings: [
        expect.objectContaining({ path: 'customer.phones.home', code: 'phoneKept' }),
        expect.objectContaining({ path: 'customer.phones.mobile', code: 'phoneKept' }),
      ],
    });
    const doc = (await customerDoc(customerId).get()).data()!;
    expect(doc.lastName).toBe('Renamed');
    expect(doc.createdBy).toBe(team.staff.uid);
    const rows = await adminDb.collection(paths.customerIndex(team.chainId)).where('customerId', '==', customerId).get();
    expect(rows.docs.map((d) => d.id)).toEqual([rowId({ firstName: c.firstName, lastName: 'Renamed' }, customerId)]);
    const { history } = await team.manager.call('getCustomerHistory', { chainId: team.chainId, customerId });
    expect(history[0].changes).toEqual([
      { field: 'lastName', before: c.lastName, after: 'Renamed' },
      { field: 'phones.home', before: '', after: '0123456789' },
    ]);
  });

  it('an update based on a stale version fails with aborted and overwrites nothing', async () => {
    const c = someone();
    const { customerId } = await createCustomer(team.staff, team.chainId, c);
    await team.manager.call('saveCustomer', { chainId: team.chainId, customerId, expectedVersion: 1, customer: { ...c, notes: 'first edit' } });
    const err = await callError(
      team.staff.call('saveCustomer', { chainId: team.chainId, customerId, expectedVersion: 1, customer: { ...c, notes: 'stale edit' } }),
    );
    expect(err.code).toBe('aborted');
    expect(err.details).toMatchObject({ currentVersion: 2, expectedVersion: 1 });
    expect((await customerDoc(customerId).get()).get('notes')).toBe('first edit');
  });

  it('two concurrent edits of the same version: exactly one wins', async () => {
    const c = someone();
    const { customerId } = await createCustomer(team.staff, team.chainId, c);
    const results = await Promise.allSettled(
      ['from staff', 'from manager'].map((notes, i) =>
        [team.staff, team.manager][i]!.call('saveCustomer', { chainId: team.chainId, customerId, expectedVersion: 1, customer: { ...c, notes } }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.code).toBe('functions/aborted');
    expect((await customerDoc(customerId).get()).get('version')).toBe(2);
  });

  it('saving unchanged data changes nothing, and an unknown customer is not-found', async () => {
    const c = someone();
    const { customerId } = await createCustomer(team.staff, team.chainId, c);
    expect(await team.staff.call('saveCustomer', { chainId: team.chainId, customerId, expectedVersion: 1, customer: c })).toEqual({
      customerId,
      version: 1,
      changed: false,
      // staff who may not see contact details keep the stored phones: nothing read, nothing to warn about
      warnings: [],
    });
    expect(await team.manager.call('saveCustomer', { chainId: team.chainId, customerId, expectedVersion: 1, customer: c })).toMatchObject({
      changed: false,
      warnings: [expect.objectContaining({ path: 'customer.phones.mobile', code: 'phoneKept' })],
    });
    const missing = await callError(team.staff.call('saveCustomer', { chainId: team.chainId, customerId: 'nope', expectedVersion: 1, customer: c }));
    expect(missing.code).toBe('not-found');
  });

  it('records consent grants and withdrawals with who, when and where', async () => {
    const c = someone();
    // A location of this chain (one of another chain, or of none, is refused: hardening-chain-ids).
    const location = (await adminDb.collection(paths.locations(team.chainId)).limit(1).get()).docs[0]!.id;
    const { customerId } = await createCustomer(team.staff, team.chainId, c, { consent: { email: true, phone: true } });
    await team.manager.call('saveCustomer', {
      chainId: team.chainId,
      customerId,
      expectedVersion: 1,
      customer: c,
      consent: { email: false, phone: true, postalMail: true },
      source: 'backoffice',
      locationId: location,
    });
    const doc = (await customerDoc(customerId).get()).data()!;
    expect(doc.consent.email).toMatchObject({ granted: false, by: team.manager.uid, source: 'backoffice', locationId: location });
    expect(doc.consent.phone).toMatchObject({ granted: true, by: team.staff.uid });
    const { consentLog } = await team.staff.call('getCustomerHistory', { chainId: team.chainId, customerId });
    expect(consentLog.map((e: { channel: string; granted: boolean }) => `${e.channel}:${e.granted}`).sort()).toEqual([
      'email:false',
      'email:true',
      'phone:true',
      'postalMail:true',
    ]);
  });
});

describe('roles', () => {
  it('outsiders can neither create nor read history; staff cannot erase', async () => {
    expect((await callError(createCustomer(team.outsider, team.chainId, someone()))).code).toBe('permission-denied');
    const { customerId } = await createCustomer(team.staff, team.chainId, someone());
    expect((await callError(team.outsider.call('getCustomerHistory', { chainId: team.chainId, customerId }))).code).toBe('permission-denied');
    expect((await callError(team.staff.call('deleteCustomer', { chainId: team.chainId, customerId }))).code).toBe('permission-denied');
    expect((await customerDoc(customerId).get()).exists).toBe(true);
  });
});

describe('deleteCustomer: erasure', () => {
  const keysOfChain = async () => (await adminDb.collection(paths.customerKeys(team.chainId)).get()).docs.map((d) => d.data());
  async function settled(jobRef: DocumentReference) {
    for (let i = 0; i < 80 && ['pending', 'sending'].includes((await jobRef.get()).get('status')); i++) await new Promise((r) => setTimeout(r, 250));
  }

  it('removes the data, releases bound cards, and keeps an audit entry without personal data', async () => {
    const c = someone({ firstName: 'Erasmus', lastName: 'Forgotten', notes: 'secret', address: { postalCode: '31000' }, custom: 'LOYAL-777' });
    const { customerId } = await createCustomer(team.staff, team.chainId, c, { consent: { email: true } });
    await team.staff.call('saveCustomer', { chainId: team.chainId, customerId, expectedVersion: 1, customer: { ...c, notes: 'more' } });
    // A card seeded directly, and two through the card callables: one bound (its email job holds
    // the address), one bound then revoked (the card keeps its email state).
    const batch = adminDb.doc(paths.cardBatch(team.chainId, 'b1'));
    await batch.set({ name: 'Batch 1', size: 1, bound: 1 });
    await batch.collection('cards').doc('CODE1').set({ chainId: team.chainId, code: 'CODE1', status: 'bound', customerId });
    await customerDoc(customerId).update({ cardCodes: FieldValue.arrayUnion('CODE1') });
    const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'Erase', size: 2 });
    const [bound, revoked] = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs.map((d) => d.id);
    await team.staff.call('bindCard', { chainId: team.chainId, code: bound, customerId });
    await team.staff.call('bindCard', { chainId: team.chainId, code: revoked, customerId });
    await team.manager.call('revokeCard', { chainId: team.chainId, code: revoked });
    const jobs = adminDb.collection(paths.cardEmails(team.chainId)).where('customerId', '==', customerId);
    const jobsBefore = await jobs.get();
    expect(jobsBefore.docs.map((d) => d.get('to'))).toEqual([c.email, c.email]);
    for (const job of jobsBefore.docs) await settled(job.ref);
    const email = c.email.toLowerCase();
    const personal = ['erasmus', 'forgotten', email, c.phones.mobile, 'loyal-777'];
    expect(JSON.stringify(await keysOfChain()).toLowerCase()).toContain(email);
    // A copy of the customer's data asked for before: its files go too, not 24 hours later.
    const copy = await team.manager.call('exportCustomerData', { chainId: team.chainId, customerId });
    expect((await adminBucket.file(copy.files[0].path).exists())[0]).toBe(true);

    const result = await team.manager.call('deleteCustomer', { chainId: team.chainId, customerId });
    expect(result).toEqual({ erased: true, cardsReleased: 2 });

    expect((await customerDoc(customerId).get()).exists).toBe(false);
    expect((await customerDoc(customerId).collection('history').get()).size).toBe(0);
    expect((await customerDoc(customerId).collection('consentLog').get()).size).toBe(0);
    expect((await adminDb.collection(paths.customerIndex(team.chainId)).where('customerId', '==', customerId).get()).size).toBe(0);
    const card = (await batch.collection('cards').doc('CODE1').get()).data()!;
    expect(card).toMatchObject({ status: 'unbound', customerId: null });
    expect((await batch.get()).get('bound')).toBe(0);
    const cards = adminDb.collection(paths.cards(team.chainId, batchId));
    expect((await cards.doc(bound!).get()).data()).toMatchObject({ status: 'unbound', customerId: null, email: { status: 'none' } });
    expect((await cards.doc(revoked!).get()).data()).toMatchObject({ status: 'revoked' });

    // Lookup keys (email, phone, name with postal code, custom value): no document holds them any more.
    const keys = await keysOfChain();
    expect(keys.filter((k) => (k.ids as string[]).includes(customerId))).toEqual([]);
    const keysText = JSON.stringify(keys).toLowerCase();
    for (const p of personal) expect(keysText).not.toContain(p);
    // Card email jobs keep their outcome, not the address; so do the cards.
    for (const f of copy.files as { path: string }[]) expect((await adminBucket.file(f.path).exists())[0]).toBe(false);
    const jobsAfter = await jobs.get();
    expect(jobsAfter.size).toBe(2);
    for (const job of jobsAfter.docs) expect(job.get('to')).toBeUndefined();
    const cardText = JSON.stringify([...(await cards.get()).docs, ...(await batch.collection('cards').get()).docs].map((d) => d.data())).toLowerCase();
    expect(JSON.stringify(jobsAfter.docs.map((d) => d.data())).toLowerCase() + cardText).not.toContain(email);

    const audit = await adminDb.collection(paths.audit(team.chainId)).where('target.id', '==', customerId).orderBy('at').get();
    expect(audit.docs.map((d) => d.data())).toEqual([
      expect.objectContaining({ action: 'customer.dataExport' }),
      expect.objectContaining({ action: 'customer.erase', actorUid: team.manager.uid, details: { cardsReleased: 2, mergedProfiles: [], pendingSignUps: 0 } }),
    ]);
    const text = JSON.stringify(audit.docs.map((d) => d.data())).toLowerCase();
    for (const p of [...personal, 'secret']) expect(text).not.toContain(p);

    expect((await callError(team.manager.call('getCustomerHistory', { chainId: team.chainId, customerId }))).code).toBe('not-found');
    expect((await callError(team.manager.call('deleteCustomer', { chainId: team.chainId, customerId: 'never-was' }))).code).toBe('not-found');
  });

  it('a retry finishes an erasure whose history deletion failed after the commit', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, someone({ firstName: 'Retry' }), { consent: { phone: true } });
    await team.manager.call('deleteCustomer', { chainId: team.chainId, customerId });
    // What a failed recursive delete leaves behind: entries under a customer that no longer exists.
    await customerDoc(customerId)
      .collection('history')
      .doc('left')
      .set({ action: 'update', changes: [{ field: 'firstName', before: null, after: 'Retry' }] });
    await customerDoc(customerId).collection('consentLog').doc('left').set({ channel: 'phone', granted: true });
    expect(await team.manager.call('deleteCustomer', { chainId: team.chainId, customerId })).toEqual({ erased: true, cardsReleased: 0 });
    expect((await customerDoc(customerId).collection('history').get()).size).toBe(0);
    expect((await customerDoc(customerId).collection('consentLog').get()).size).toBe(0);
  });
});

describe('saveCustomer: a custom field the chain removed', () => {
  it('a save may keep or clear (omit or empty) the removed field, never set it anew; the other customer and chain are untouched', async () => {
    const own = await createTeam('Removed field');
    const other = await createTeam('Removed field, other chain');
    try {
      const both = [
        { key: 'shoe_size', label: 'Shoe size' },
        { key: 'locker', label: 'Locker' },
      ];
      await own.owner.call('setCustomFields', { chainId: own.chainId, fields: both });
      await other.owner.call('setCustomFields', { chainId: other.chainId, fields: both });
      const make = async (t: Team, lastName: string) =>
        (await createCustomer(t.staff, t.chainId, { firstName: 'Rémi', lastName, customFields: { shoe_size: '42', locker: 'L7' } })).customerId;
      const [omit, empty, renew, keep] = [await make(own, 'Omit'), await make(own, 'Empty'), await make(own, 'Renew'), await make(own, 'Keep')];
      const elsewhere = await make(other, 'Elsewhere');
      await own.owner.call('setCustomFields', { chainId: own.chainId, fields: [both[0]] });
      const doc = async (t: Team, id: string) => (await adminDb.doc(paths.customer(t.chainId, id)).get()).data()!;
      const save = (customerId: string | undefined, lastName: string, customFields: Record<string, string>, expectedVersion?: number) =>
        own.staff.call('saveCustomer', {
          chainId: own.chainId,
          ...(customerId ? { customerId, expectedVersion } : {}),
          customer: { firstName: 'Rémi', lastName, customFields },
        });

      // A new value for the removed field: refused, naming it; nothing changes.
      const renewBefore = await doc(own, renew);
      const refused = await callError(save(renew, 'Renew', { shoe_size: '43', locker: 'L9' }, 1));
      expect(refused.code).toBe('invalid-argument');
      expect(refused.details.problems).toEqual([expect.objectContaining({ path: 'customer.customFields.locker', code: 'unknownCustomField' })]);
      expect(await doc(own, renew)).toEqual(renewBefore);
      // A new customer with it: refused too.
      expect((await callError(save(undefined, 'New', { locker: 'L1' }))).details.problems[0].path).toBe('customer.customFields.locker');

      // Omitted or emptied: saved, and the removed field leaves the profile.
      await save(omit, 'Omit', { shoe_size: '44' }, 1);
      expect((await doc(own, omit)).customFields).toEqual({ shoe_size: '44' });
      await save(empty, 'Empty', { shoe_size: '45', locker: '' }, 1);
      expect((await doc(own, empty)).customFields).toEqual({ shoe_size: '45' });
      // Sent back unchanged (a form that still holds it): saved, the stored value kept as it was.
      await save(keep, 'Keep', { shoe_size: '46', locker: 'L7' }, 1);
      expect((await doc(own, keep)).customFields).toEqual({ shoe_size: '46', locker: 'L7' });

      expect((await doc(other, elsewhere)).customFields).toEqual({ shoe_size: '42', locker: 'L7' });
    } finally {
      await Promise.all([own.closeAll(), other.closeAll()]);
    }
  });
});
