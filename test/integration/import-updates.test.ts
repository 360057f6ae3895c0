// Import updates that never erase: blank cells keep stored values unless the clear option is
// chosen; a dry run changes nothing; consent columns of other systems become consent decisions
// with source "import", and a file never grants a permission it does not state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { importFile } from '../helpers/imports';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Import updates');
});
afterAll(() => team.closeAll());

const byEmail = async (email: string) => (await adminDb.collection(`chains/${team.chainId}/customers`).where('email', '==', email).get()).docs[0]!;

describe('blank cells', () => {
  it('leave the stored value when updating; the report counts unchanged rows', async () => {
    await createCustomer(team.staff, team.chainId, { firstName: 'Keep', lastName: 'Me', email: 'keep.me@example.test', company: 'ACME', phones: { mobile: '0611111111' }, address: { city: 'Lyon' } });
    const { report } = await importFile(team.chainId, 'blank.csv', 'Prénom,Nom,Courriel,Entreprise,Numéro de téléphone principal,Ville\nKeep,Me,keep.me@example.test,,,Paris\nKeep,Me,keep.me@example.test,,,\n');
    expect(report).toMatchObject({ emptyCells: 'keep', counts: { rows: 2, updated: 1, unchanged: 1, repeated: 1 } });
    expect((await byEmail('keep.me@example.test')).data()).toMatchObject({ company: 'ACME', phones: { mobile: '0611111111' }, address: { city: 'Paris' } });
  });

  it('clear the stored value with the clear option, recorded in the report', async () => {
    await createCustomer(team.staff, team.chainId, { firstName: 'Clear', lastName: 'Me', email: 'clear.me@example.test', company: 'ACME', tags: ['VIP'], discount: 5 });
    const { report } = await importFile(team.chainId, 'clear.csv', 'First Name,Last Name,Email,Company,Tags,Discount\nClear,Me,clear.me@example.test,,,\n', { metadata: { emptyCells: 'clear' } });
    expect(report).toMatchObject({ emptyCells: 'clear', counts: { updated: 1 } });
    expect((await byEmail('clear.me@example.test')).data()).toMatchObject({ company: '', tags: [], discount: null });
  });
});

describe('dry run', () => {
  it('produces the full report and error file and changes no customer', async () => {
    await createCustomer(team.staff, team.chainId, { firstName: 'Dry', lastName: 'Run', email: 'dry.run@example.test' });
    const customers = adminDb.collection(`chains/${team.chainId}/customers`);
    const before = (await customers.count().get()).data().count;
    const versions = (await customers.get()).docs.map((d) => `${d.id}:${d.get('version')}`).sort();
    const { report } = await importFile(team.chainId, 'dry.csv', 'Prénom,Nom,Courriel,Ville\nDry,Run,dry.run@example.test,Nice\nNew,Person,new.person@example.test,Lyon\nBad,Row,not-an-email,\n', {
      metadata: { mode: 'dry-run' },
    });
    expect(report).toMatchObject({ status: 'done', mode: 'dry-run', counts: { rows: 3, created: 1, updated: 1, failed: 1 } });
    expect(report.errorFile).toBeTruthy();
    expect((await customers.count().get()).data().count).toBe(before);
    expect((await customers.get()).docs.map((d) => `${d.id}:${d.get('version')}`).sort()).toEqual(versions);
    expect((await adminDb.collection(`chains/${team.chainId}/customerIndex`).where('lastName', '==', 'Person').get()).size).toBe(0);
    const audit = await adminDb.collection(`chains/${team.chainId}/audit`).where('action', '==', 'import.checked').get();
    expect(audit.size).toBe(1);
  });
});

describe('consent columns', () => {
  async function consentAfter(file: string, text: string) {
    const { report, importId } = await importFile(team.chainId, file, text);
    expect(report.counts.failed).toBe(0);
    return { importId };
  }

  it.each([
    ['Subscribed', true],
    ['Unsubscribed', false],
    ['Unknown', null],
    ['', null],
  ])("Square's Email Subscription Status %j", async (value, granted) => {
    const email = `square-${String(value || 'empty').toLowerCase()}@example.test`;
    await createCustomer(team.staff, team.chainId, { firstName: 'Sq', lastName: 'Uare', email }, { consent: { email: granted === false } });
    const { importId } = await consentAfter(`square-${value || 'empty'}.csv`, `First Name,Last Name,Email Address,Email Subscription Status\nSq,Uare,${email},${value}\n`);
    const doc = (await byEmail(email)).data();
    if (granted === null) expect(doc.consent.email).toBeNull();
    else expect(doc.consent.email).toMatchObject({ granted, source: 'import', importId });
  });

  it.each([
    ['yes', 'no', true, false],
    ['no', 'yes', false, true],
  ])("Shopify's Accepts Email Marketing %s and Accepts SMS Marketing %s", async (emailValue, smsValue, email, phone) => {
    const address = `shopify-${emailValue}@example.test`;
    await createCustomer(team.staff, team.chainId, { firstName: 'Sho', lastName: 'Pify', email: address }, { consent: { email: !email, phone: !phone } });
    const { importId } = await consentAfter(`shopify-${emailValue}.csv`, `First Name,Last Name,Email,Accepts Email Marketing,Accepts SMS Marketing\nSho,Pify,${address},${emailValue},${smsValue}\n`);
    const doc = (await byEmail(address)).data();
    expect(doc.consent.email).toMatchObject({ granted: email, source: 'import', importId });
    expect(doc.consent.phone).toMatchObject({ granted: phone, source: 'import', importId });
    const log = await adminDb.collection(`chains/${team.chainId}/customers/${(await byEmail(address)).id}/consentLog`).where('source', '==', 'import').get();
    expect(log.docs.map((d) => `${d.get('channel')}:${d.get('granted')}`).sort()).toEqual([`email:${email}`, `phone:${phone}`].sort());
  });

  it("regulars' own export columns (oui / non / ja / nein)", async () => {
    const email = 'own-columns@example.test';
    await createCustomer(team.staff, team.chainId, { firstName: 'Own', lastName: 'Cols', email });
    await consentAfter('own.csv', `Prénom;Nom;Courriel;Courriel (mode de communication);Courrier postal (mode de communication);Appel téléphonique (mode de communication)\nOwn;Cols;${email};oui;non;ja\n`);
    const doc = (await byEmail(email)).data();
    expect(doc.consent.email).toMatchObject({ granted: true, source: 'import' });
    expect(doc.consent.postalMail).toBeNull();
    expect(doc.consent.phone).toMatchObject({ granted: true, source: 'import' });
  });

  it('a file without consent columns grants nothing', async () => {
    const { report } = await importFile(team.chainId, 'no-consent.csv', 'Prénom,Nom,Courriel\nNo,Consent,no.consent@example.test\n');
    expect(report.counts.created).toBe(1);
    const doc = (await byEmail('no.consent@example.test')).data();
    expect(doc.consent).toEqual({ email: null, postalMail: null, phone: null });
    expect((await adminDb.collection(`chains/${team.chainId}/customers/${(await byEmail('no.consent@example.test')).id}/consentLog`).get()).size).toBe(0);
  });
});
