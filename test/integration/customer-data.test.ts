// exportCustomerData: everything stored about one customer, JSON and readable, in their language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBytes, ref } from 'firebase/storage';
import { adminBucket, adminDb } from '../helpers/admin';
import { callError, uniqueEmail } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Données');
});
afterAll(() => team.closeAll());

describe('exportCustomerData', () => {
  it('gathers fields, consent log, cards with their email status, history and audit entries', async () => {
    const email = uniqueEmail('gdpr');
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Ingrid', lastName: 'Weiß', email, language: 'de', notes: 'Mag Tee' }, { consent: { email: true } });
    const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'G', size: 1 });
    const code = (await adminDb.collection(`chains/${team.chainId}/cardBatches/${batchId}/cards`).get()).docs[0]!.id;
    await team.staff.call('bindCard', { chainId: team.chainId, code, customerId });
    await team.staff.call('revokeCard', { chainId: team.chainId, code }).catch(() => undefined);

    const result = await team.manager.call('exportCustomerData', { chainId: team.chainId, customerId });
    expect(result.files.map((f: { path: string }) => f.path)).toEqual([
      `exports/${team.chainId}/${result.exportId}-customer-data.json`,
      `exports/${team.chainId}/${result.exportId}-customer-data.html`,
    ]);
    const [json] = await adminBucket.file(result.files[0].path).download();
    const data = JSON.parse(json.toString('utf8'));
    expect(data.customer).toMatchObject({ firstName: 'Ingrid', lastName: 'Weiß', email, notes: 'Mag Tee' });
    expect(data.consentLog).toEqual([expect.objectContaining({ channel: 'email', granted: true, at: expect.stringMatching(/^\d{4}-/) })]);
    expect(data.history.map((h: { action: string }) => h.action)).toEqual(['create', 'card.bind', 'card.revoke']);
    expect(data.audit.map((a: { action: string }) => a.action)).toEqual(['card.revoke']);
    const html = (await getBytes(ref(team.manager.storage, result.files[1].path))) as ArrayBuffer;
    const text = new TextDecoder().decode(html);
    expect(text).toContain('<html lang="de">');
    expect(text).toContain('Ihre Daten bei Données');
    expect(text).toContain('Nachname');
    expect(text).toContain('Weiß');

    const audit = await adminDb.collection(`chains/${team.chainId}/audit`).where('target.id', '==', customerId).get();
    expect(audit.docs.map((d) => d.get('action'))).toEqual(['customer.dataExport']);
    const again = await team.manager.call('exportCustomerData', { chainId: team.chainId, customerId });
    const [json2] = await adminBucket.file(again.files[0].path).download();
    expect(JSON.parse(json2.toString('utf8')).audit.map((a: { action: string }) => a.action).sort()).toEqual(['card.revoke', 'customer.dataExport']);
  });

  it('is refused to staff and to other chains; staff cannot download one either', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'No', lastName: 'Access' });
    expect((await callError(team.staff.call('exportCustomerData', { chainId: team.chainId, customerId }))).code).toBe('permission-denied');
    expect((await callError(team.outsider.call('exportCustomerData', { chainId: team.chainId, customerId }))).code).toBe('permission-denied');
    const result = await team.owner.call('exportCustomerData', { chainId: team.chainId, customerId });
    await expect(getBytes(ref(team.staff.storage, result.files[0].path))).rejects.toMatchObject({ code: 'storage/unauthorized' });
    expect((await callError(team.manager.call('exportCustomerData', { chainId: team.chainId, customerId: 'nobody' }))).code).toBe('not-found');
  });
});
