// exportCustomerData: everything stored about one customer, JSON and readable, in their language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBytes, ref } from 'firebase/storage';
import { adminBucket, adminDb } from '../helpers/admin';
import { callError, uniqueEmail } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Données');
});
afterAll(() => team.closeAll());

describe('exportCustomerData', () => {
  it('gathers fields, consent log, cards with their email status, history and audit entries', async () => {
    const email = uniqueEmail('gdpr');
    const { customerId } = await createCustomer(
      team.staff,
      team.chainId,
      { firstName: 'Ingrid', lastName: 'Weiß', email, language: 'de', notes: 'Mag Tee' },
      { consent: { email: true } },
    );
    const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'G', size: 2 });
    const cards = adminDb.collection(paths.cards(team.chainId, batchId));
    const [kept, lost] = (await cards.get()).docs.map((d) => d.id).sort();
    await team.staff.call('bindCard', { chainId: team.chainId, code: kept, customerId });
    for (let i = 0; i < 80 && (await cards.doc(kept!).get()).get('email.status') !== 'sent'; i++) await new Promise((r) => setTimeout(r, 250));
    await team.staff.call('bindCard', { chainId: team.chainId, code: lost, customerId });
    await team.manager.call('revokeCard', { chainId: team.chainId, code: lost });
    // The revoked card is no longer on the customer, but it was theirs: the export lists it.
    expect((await adminDb.doc(paths.customer(team.chainId, customerId)).get()).get('cardCodes')).toEqual([kept]);

    const result = await team.manager.call('exportCustomerData', { chainId: team.chainId, customerId });
    expect(result.files.map((f: { path: string }) => f.path)).toEqual([
      `exports/${team.chainId}/${result.exportId}-customer-data.json`,
      `exports/${team.chainId}/${result.exportId}-customer-data.html`,
    ]);
    const [json] = await adminBucket.file(result.files[0].path).download();
    const data = JSON.parse(json.toString('utf8'));
    expect(data.customer).toMatchObject({ firstName: 'Ingrid', lastName: 'Weiß', email, notes: 'Mag Tee' });
    expect(data.consentLog).toEqual([expect.objectContaining({ channel: 'email', granted: true, at: expect.stringMatching(/^\d{4}-/) })]);
    expect(data.cards).toEqual([
      expect.objectContaining({
        code: kept,
        status: 'bound',
        boundAt: expect.stringMatching(/^\d{4}-/),
        // The card keeps the email's state; the address is on the job (cards are read by staff at the till).
        email: expect.objectContaining({ status: 'sent' }),
      }),
      expect.objectContaining({
        code: lost,
        status: 'revoked',
        revokedAt: expect.stringMatching(/^\d{4}-/),
        email: expect.objectContaining({ status: expect.any(String) }),
      }),
    ]);
    expect(data.history.map((h: { action: string }) => h.action)).toEqual(['create', 'card.bind', 'card.bind', 'card.revoke']);
    // Audit entries about the customer or naming it (whether binding a card is audited is the cards' business).
    const actions = (entries: { action: string }[]) => entries.map((a) => a.action).filter((a) => a !== 'card.bind');
    expect(actions(data.audit)).toEqual(['card.revoke']);
    const html = (await getBytes(ref(team.manager.storage, result.files[1].path))) as ArrayBuffer;
    const text = new TextDecoder().decode(html);
    expect(text).toContain('<html lang="de">');
    expect(text).toContain('Ihre Daten bei Données');
    expect(text).toContain('Nachname');
    expect(text).toContain('Weiß');
    // Every section in words of the customer's language: no raw keys, no JSON.
    expect(text).toContain('<td>erteilt</td>');
    expect(text).toContain('gesperrt (verloren oder gestohlen)');
    expect(text).toContain('<td>gesendet</td>');
    expect(text).toContain('Karte ausgegeben');
    expect(text).toContain('Profil angelegt');
    expect(text).toContain(' UTC');
    for (const raw of ['&#34;', 'card.bind', 'card.revoke', '>bound<', '>revoked<', '>true<', 'backoffice']) expect(text).not.toContain(raw);

    const audit = await adminDb.collection(paths.audit(team.chainId)).where('target.id', '==', customerId).get();
    expect(audit.docs.map((d) => d.get('action'))).toEqual(['customer.dataExport']);
    const again = await team.manager.call('exportCustomerData', { chainId: team.chainId, customerId });
    const [json2] = await adminBucket.file(again.files[0].path).download();
    expect(actions(JSON.parse(json2.toString('utf8')).audit)).toEqual(['card.revoke', 'customer.dataExport']);
  });

  it('includes the profiles merged into the customer as the merge stored them, and their cards', async () => {
    const a = await createCustomer(team.staff, team.chainId, { firstName: 'Louise', lastName: 'Merged', email: uniqueEmail('louise'), language: 'fr' });
    const b = await createCustomer(team.staff, team.chainId, {
      firstName: 'Louise',
      lastName: 'Merged',
      company: 'Ancienne SARL',
      phones: { work: '01 44 55 66 77' },
    });
    const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'M', size: 1 });
    const code = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs[0]!.id;
    await team.staff.call('bindCard', { chainId: team.chainId, code, customerId: b.customerId });
    await team.manager.call('revokeCard', { chainId: team.chainId, code });
    // Bound then revoked: two writes of b (version 3).
    await team.manager.call('mergeCustomers', {
      chainId: team.chainId,
      keepId: a.customerId,
      mergeId: b.customerId,
      keepVersion: 1,
      mergeVersion: 3,
      picks: {},
    });

    const result = await team.manager.call('exportCustomerData', { chainId: team.chainId, customerId: a.customerId });
    const data = JSON.parse((await adminBucket.file(result.files[0].path).download())[0].toString('utf8'));
    expect(data.mergedProfiles).toEqual([
      expect.objectContaining({
        customerId: b.customerId,
        profile: expect.objectContaining({ company: 'Ancienne SARL', phones: expect.objectContaining({ work: '01 44 55 66 77' }) }),
      }),
    ]);
    expect(data.cards).toEqual([expect.objectContaining({ code, status: 'revoked' })]);
    const html = (await adminBucket.file(result.files[1].path).download())[0].toString('utf8');
    expect(html).toContain('Fiches fusionnées dans la vôtre');
    expect(html).toContain('Ancienne SARL');
    expect(html).toContain('Une autre fiche à votre nom a été fusionnée dans celle-ci');
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
