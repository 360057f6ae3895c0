import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Types');
});
afterAll(() => team.closeAll());

describe('customer types', () => {
  it('managers create and rename types; names are unique; staff cannot', async () => {
    const { typeId } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Student', discount: 10, salesTax: '' });
    await team.manager.call('saveCustomerType', { chainId: team.chainId, typeId, name: 'Students', discount: 15 });
    expect((await adminDb.doc(`chains/${team.chainId}/customerTypes/${typeId}`).get()).data()).toMatchObject({ name: 'Students', discount: 15 });
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
    expect((await adminDb.doc(`chains/${team.chainId}/customerTypes/${vip}`).get()).exists).toBe(true);

    const done = await team.manager.call('deleteCustomerType', { chainId: team.chainId, typeId: vip, reassignTo: staffType });
    expect(done).toEqual({ deleted: true, reassigned: 2 });
    for (const { customerId } of [a, b]) {
      const doc = (await adminDb.doc(`chains/${team.chainId}/customers/${customerId}`).get()).data()!;
      expect(doc).toMatchObject({ customerTypeId: staffType, version: 2 });
    }
    const found = await team.staff.call('searchCustomers', { chainId: team.chainId, query: { customerTypeId: staffType } });
    expect(found.rows.map((r: { customerId: string }) => r.customerId).sort()).toEqual([a.customerId, b.customerId].sort());
    const audit = await adminDb.collection(`chains/${team.chainId}/audit`).where('target.id', '==', vip).get();
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

describe('custom fields', () => {
  it('managers define them; keys must be unique and well-formed', async () => {
    await team.manager.call('setCustomFields', { chainId: team.chainId, fields: [{ key: 'shoe_size', label: 'Pointure' }] });
    expect((await adminDb.doc(`chains/${team.chainId}`).get()).get('customFields')).toEqual([{ key: 'shoe_size', label: 'Pointure' }]);
    const dup = await callError(
      team.manager.call('setCustomFields', { chainId: team.chainId, fields: [{ key: 'a', label: 'A' }, { key: 'a', label: 'B' }] }),
    );
    expect(dup.details.problems[0].path).toBe('fields.1.key');
    const bad = await callError(team.manager.call('setCustomFields', { chainId: team.chainId, fields: [{ key: 'Shoe Size', label: '' }] }));
    expect(bad.details.problems.map((p: { path: string }) => p.path)).toEqual(['fields.0.key', 'fields.0.label']);
    expect((await callError(team.staff.call('setCustomFields', { chainId: team.chainId, fields: [] }))).code).toBe('permission-denied');
  });
});
