import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerFields } from '../../functions/src/model/customer';
import { REASSIGN_BATCH } from '../../functions/src/customers/types';
import { applyCustomerWrite, planCustomerWrite } from '../../functions/src/store/customers';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Types');
});
afterAll(() => team.closeAll());

describe('customer types', () => {
  it('managers create and rename types; names are unique; staff cannot', async () => {
    const { typeId } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Student', discount: 10, salesTax: '' });
    await team.manager.call('saveCustomerType', { chainId: team.chainId, typeId, name: 'Students', discount: 15 });
    expect((await adminDb.doc(`${paths.customerTypes(team.chainId)}/${typeId}`).get()).data()).toMatchObject({ name: 'Students', discount: 15 });
    const dup = await callError(team.owner.call('saveCustomerType', { chainId: team.chainId, name: 'students' }));
    expect(dup.code).toBe('already-exists');
    expect(dup.details.problems[0].path).toBe('name');
    expect((await callError(team.staff.call('saveCustomerType', { chainId: team.chainId, name: 'VIP' }))).code).toBe('permission-denied');
    const bad = await callError(team.manager.call('saveCustomerType', { chainId: team.chainId, name: '', discount: 120 }));
    expect(bad.details.problems.map((p: { path: string }) => p.path)).toEqual(['name', 'discount']);
  });

  it('a type in use is not deleted silently; with a replacement its customers move', async () => {
    const { typeId: vip } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'VIP', discount: 20 });
    const { typeId: staffType } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Employee', discount: 30 });
    const a = await createCustomer(team.staff, team.chainId, someone({ customerTypeId: vip }));
    const b = await createCustomer(team.staff, team.chainId, someone({ customerTypeId: vip }));

    const refused = await callError(team.manager.call('deleteCustomerType', { chainId: team.chainId, typeId: vip }));
    expect(refused.code).toBe('failed-precondition');
    expect(refused.details.inUse).toBe(2);
    expect((await adminDb.doc(`${paths.customerTypes(team.chainId)}/${vip}`).get()).exists).toBe(true);

    const done = await team.manager.call('deleteCustomerType', { chainId: team.chainId, typeId: vip, reassignTo: staffType });
    expect(done).toEqual({ deleted: true, reassigned: 2 });
    for (const { customerId } of [a, b]) {
      const doc = (await adminDb.doc(paths.customer(team.chainId, customerId)).get()).data()!;
      expect(doc).toMatchObject({ customerTypeId: staffType, version: 2 });
    }
    const found = await team.staff.call('searchCustomers', { chainId: team.chainId, query: { customerTypeId: staffType } });
    expect(found.rows.map((r: { customerId: string }) => r.customerId).sort()).toEqual([a.customerId, b.customerId].sort());
    const audit = await adminDb.collection(paths.audit(team.chainId)).where('target.id', '==', vip).get();
    expect(audit.docs.map((d) => d.get('action')).sort()).toEqual(['customerType.create', 'customerType.delete']);
  });

  it('an unused type is deleted; reassigning to an unknown type is refused', async () => {
    const { typeId } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Temp' });
    const { typeId: other } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Other' });
    await createCustomer(team.staff, team.chainId, someone({ customerTypeId: other }));
    const unknown = await callError(team.manager.call('deleteCustomerType', { chainId: team.chainId, typeId: other, reassignTo: 'ghost' }));
    expect(unknown.details.problems[0].path).toBe('reassignTo');
    expect(await team.manager.call('deleteCustomerType', { chainId: team.chainId, typeId })).toEqual({ deleted: true, reassigned: 0 });
  });
});

describe('customer types: names without accents, deletion', () => {
  it('names are unique without case or accents', async () => {
    const { typeId } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Étudiant' });
    for (const name of ['etudiant', 'ÉTUDIANT', ' Etudiant ']) {
      const dup = await callError(team.manager.call('saveCustomerType', { chainId: team.chainId, name }));
      expect(dup.code).toBe('already-exists');
      expect(dup.details.problems[0]).toMatchObject({ path: 'name', code: 'typeNameTaken' });
    }
    // renaming a type to another spelling of its own name is fine
    await team.manager.call('saveCustomerType', { chainId: team.chainId, typeId, name: 'ÉTUDIANT' });
    expect((await adminDb.doc(`${paths.customerTypes(team.chainId)}/${typeId}`).get()).get('name')).toBe('ÉTUDIANT');
  });

  it('reassigning to none leaves the customers without a type, with history, and the search follows', async () => {
    const { typeId } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Gone soon' });
    const a = await createCustomer(team.staff, team.chainId, someone({ customerTypeId: typeId }));
    expect(await team.manager.call('deleteCustomerType', { chainId: team.chainId, typeId, reassignTo: '' })).toEqual({ deleted: true, reassigned: 1 });
    const doc = (await adminDb.doc(paths.customer(team.chainId, a.customerId)).get()).data()!;
    expect(doc).toMatchObject({ customerTypeId: '', version: 2 });
    const history = await team.staff.call('getCustomerHistory', { chainId: team.chainId, customerId: a.customerId });
    expect(history.history[0]).toMatchObject({ action: 'update', changes: [expect.objectContaining({ field: 'customerTypeId' })] });
    const none = await team.staff.call('searchCustomers', { chainId: team.chainId, query: { customerTypeId: '' } });
    expect(none.rows.map((r: { customerId: string }) => r.customerId)).toContain(a.customerId);
    expect((await adminDb.doc(`${paths.customerTypes(team.chainId)}/${typeId}`).get()).exists).toBe(false);
  });

  it('moves more customers than one batch, each read in its transaction', async () => {
    const { typeId } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Many' });
    const { typeId: to } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Many more' });
    const customers = adminDb.collection(paths.customers(team.chainId));
    const ids = await Promise.all(
      Array.from({ length: REASSIGN_BATCH + 3 }, async (_, i) => {
        const ref = customers.doc();
        const plan = planCustomerWrite(
          ref.id,
          null,
          CustomerFields.parse({ firstName: `M${i}`, lastName: 'Many', customerTypeId: typeId }),
          {},
          { by: 'seed', source: 'import' },
        );
        await adminDb.runTransaction(async (tx) => applyCustomerWrite(tx, adminDb, team.chainId, plan, null));
        return ref.id;
      }),
    );
    expect(await team.manager.call('deleteCustomerType', { chainId: team.chainId, typeId, reassignTo: to })).toEqual({ deleted: true, reassigned: ids.length });
    expect((await customers.where('customerTypeId', '==', to).count().get()).data().count).toBe(ids.length);
    expect((await customers.where('customerTypeId', '==', typeId).count().get()).data().count).toBe(0);
  });

  it('a type deleted while a customer is given it: never both', async () => {
    for (let round = 0; round < 4; round++) {
      const { typeId } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: `Race ${round}` });
      const [deleted, created] = await Promise.all([
        team.manager.call('deleteCustomerType', { chainId: team.chainId, typeId }).then(
          () => 'deleted',
          (e: { code: string }) => e.code,
        ),
        createCustomer(team.staff, team.chainId, someone({ customerTypeId: typeId })).then(
          () => 'created',
          (e: { code: string }) => e.code,
        ),
      ]);
      const typeExists = (await adminDb.doc(`${paths.customerTypes(team.chainId)}/${typeId}`).get()).exists;
      const users = (await adminDb.collection(paths.customers(team.chainId)).where('customerTypeId', '==', typeId).count().get()).data().count;
      if (deleted === 'deleted') {
        expect([created, typeExists, users]).toEqual(['functions/invalid-argument', false, 0]);
      } else {
        expect([deleted, created, typeExists, users]).toEqual(['functions/failed-precondition', 'created', true, 1]);
      }
    }
  });
});

describe('custom fields', () => {
  it('managers define them; keys must be unique and well-formed', async () => {
    await team.manager.call('setCustomFields', { chainId: team.chainId, fields: [{ key: 'shoe_size', label: 'Pointure' }] });
    expect((await adminDb.doc(paths.chain(team.chainId)).get()).get('customFields')).toEqual([{ key: 'shoe_size', label: 'Pointure' }]);
    const dup = await callError(
      team.manager.call('setCustomFields', {
        chainId: team.chainId,
        fields: [
          { key: 'a', label: 'A' },
          { key: 'a', label: 'B' },
        ],
      }),
    );
    expect(dup.details.problems[0].path).toBe('fields.1.key');
    const bad = await callError(team.manager.call('setCustomFields', { chainId: team.chainId, fields: [{ key: 'Shoe Size', label: '' }] }));
    expect(bad.details.problems.map((p: { path: string }) => p.path)).toEqual(['fields.0.key', 'fields.0.label']);
    expect((await callError(team.staff.call('setCustomFields', { chainId: team.chainId, fields: [] }))).code).toBe('permission-denied');
  });
});
