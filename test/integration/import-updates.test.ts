// Import updates that never erase: blank cells keep stored values unless the clear option is
// chosen; a dry run changes nothing; consent columns of other systems become consent decisions
// with source "import", and a file never grants a permission it does not state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { importFile } from '../helpers/imports';
import { paths } from '../../functions/src/model/paths';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Import updates');
});
afterAll(() => team.closeAll());

const byEmail = async (email: string) => (await adminDb.collection(paths.customers(team.chainId)).where('email', '==', email).get()).docs[0]!;
const byEmailOrNull = async (email: string) => (await adminDb.collection(paths.customers(team.chainId)).where('email', '==', email).get()).docs[0] ?? null;

describe('blank cells', () => {
  it('leave the stored value when updating; the report counts unchanged rows', async () => {
    await createCustomer(team.staff, team.chainId, {
      firstName: 'Keep',
      lastName: 'Me',
      email: 'keep.me@example.test',
      company: 'ACME',
      phones: { mobile: '0611111111' },
      address: { city: 'Lyon' },
    });
    const { report } = await importFile(
      team.chainId,
      'blank.csv',
      'Prénom,Nom,Courriel,Entreprise,Numéro de téléphone principal,Ville\nKeep,Me,keep.me@example.test,,,Paris\nKeep,Me,keep.me@example.test,,,\n',
    );
    expect(report).toMatchObject({ emptyCells: 'keep', counts: { rows: 2, updated: 1, unchanged: 1, repeated: 1 } });
    expect((await byEmail('keep.me@example.test')).data()).toMatchObject({ company: 'ACME', phones: { mobile: '0611111111' }, address: { city: 'Paris' } });
  });

  it('clear the stored value with the clear option, recorded in the report', async () => {
    await createCustomer(team.staff, team.chainId, {
      firstName: 'Clear',
      lastName: 'Me',
      email: 'clear.me@example.test',
      company: 'ACME',
      tags: ['VIP'],
      discount: 5,
    });
    const { report } = await importFile(team.chainId, 'clear.csv', 'First Name,Last Name,Email,Company,Tags,Discount\nClear,Me,clear.me@example.test,,,\n', {
      metadata: { emptyCells: 'clear' },
    });
    expect(report).toMatchObject({ emptyCells: 'clear', counts: { updated: 1 } });
    expect((await byEmail('clear.me@example.test')).data()).toMatchObject({ company: '', tags: [], discount: null });
  });
});

describe('dry run', () => {
  it('produces the full report and error file and changes no customer', async () => {
    await createCustomer(team.staff, team.chainId, { firstName: 'Dry', lastName: 'Run', email: 'dry.run@example.test' });
    const customers = adminDb.collection(paths.customers(team.chainId));
    const before = (await customers.count().get()).data().count;
    const versions = (await customers.get()).docs.map((d) => `${d.id}:${d.get('version')}`).sort();
    const { report } = await importFile(
      team.chainId,
      'dry.csv',
      'Prénom,Nom,Courriel,Ville\nDry,Run,dry.run@example.test,Nice\nNew,Person,new.person@example.test,Lyon\nBad,Row,not-an-email,\n',
      {
        metadata: { mode: 'dry-run' },
      },
    );
    expect(report).toMatchObject({ status: 'done', mode: 'dry-run', counts: { rows: 3, created: 1, updated: 1, failed: 1 } });
    expect(report.errorFile).toBeTruthy();
    expect((await customers.count().get()).data().count).toBe(before);
    expect((await customers.get()).docs.map((d) => `${d.id}:${d.get('version')}`).sort()).toEqual(versions);
    expect((await adminDb.collection(paths.customerIndex(team.chainId)).where('lastName', '==', 'Person').get()).size).toBe(0);
    const audit = await adminDb.collection(paths.audit(team.chainId)).where('action', '==', 'import.checked').get();
    expect(audit.size).toBe(1);
  });

  it('counts a customer repeated in the file exactly as the real import does', async () => {
    await createCustomer(team.staff, team.chainId, { firstName: 'Rep', lastName: 'Old', email: 'rep.old@example.test', address: { city: 'Paris' } });
    const text = [
      'Prénom,Nom,Courriel,Ville,Accepts Email Marketing',
      'Rep,New,rep.new@example.test,Paris,no',
      'Rep,New,REP.NEW@example.test,Lyon,no', // the new customer again: an update of what row 2 created
      'Rep,Old,rep.old@example.test,Nice,',
      'Rep,Old,rep.old@example.test,Nice,', // the existing customer again, as row 4 left it: unchanged
      '',
    ].join('\n');
    const dry = await importFile(team.chainId, 'dry-repeated.csv', text, { metadata: { mode: 'dry-run' } });
    expect(await byEmailOrNull('rep.new@example.test')).toBeNull();
    const real = await importFile(team.chainId, 'real-repeated.csv', text);
    expect(real.report.counts).toEqual({ rows: 4, created: 1, updated: 2, unchanged: 1, skipped: 0, failed: 0, repeated: 2 });
    expect(dry.report.counts).toEqual(real.report.counts);
    expect(dry.report.repeatedRows).toEqual(real.report.repeatedRows);
  });
});

describe('profiles merged into another', () => {
  it('a row naming a merged profile by its regulars ID is refused, naming the kept profile; nothing is written to it', async () => {
    const keep = await createCustomer(team.staff, team.chainId, { firstName: 'Kept', lastName: 'Profile', email: 'kept.profile@example.test' });
    const gone = await createCustomer(team.staff, team.chainId, { firstName: 'Gone', lastName: 'Profile', email: 'gone.profile@example.test' });
    await team.manager.call('mergeCustomers', {
      chainId: team.chainId,
      keepId: keep.customerId,
      mergeId: gone.customerId,
      keepVersion: keep.version,
      mergeVersion: gone.version,
    });
    const goneRef = adminDb.doc(paths.customer(team.chainId, gone.customerId));
    const tombstone = (await goneRef.get()).data()!;
    expect(tombstone.mergedInto).toBe(keep.customerId);
    const keyDocs = async () => (await adminDb.collection(paths.customerKeys(team.chainId)).where('ids', 'array-contains', gone.customerId).get()).size;
    expect(await keyDocs()).toBe(0);

    const { report } = await importFile(
      team.chainId,
      'merged-id.csv',
      `regulars ID,First name,Last name,Email,City\n${gone.customerId},Gone,Profile,gone.profile@example.test,Berlin\n`,
    );
    expect(report.counts).toMatchObject({ rows: 1, failed: 1, updated: 0, created: 0 });
    expect(report.errors).toEqual([
      { row: 2, column: 'regulars ID', value: gone.customerId, message: expect.stringContaining(`merged into customer ${keep.customerId}`) },
    ]);
    expect((await goneRef.get()).data()).toEqual(tombstone);
    expect(await keyDocs()).toBe(0);
    expect((await adminDb.collection(paths.customerIndex(team.chainId)).where('lastName', '==', 'Profile').get()).docs.map((d) => d.get('firstName'))).toEqual([
      'Kept',
    ]);
  });

  it("matching by the merged profile's email updates the kept profile, never the merged one", async () => {
    const keep = await createCustomer(team.staff, team.chainId, { firstName: 'Kept', lastName: 'Match', email: 'kept.match@example.test' });
    const gone = await createCustomer(team.staff, team.chainId, { firstName: 'Kept', lastName: 'Match', email: 'gone.match@example.test' });
    await team.manager.call('mergeCustomers', {
      chainId: team.chainId,
      keepId: keep.customerId,
      mergeId: gone.customerId,
      keepVersion: keep.version,
      mergeVersion: gone.version,
    });
    const tombstone = (await adminDb.doc(paths.customer(team.chainId, gone.customerId)).get()).data()!;
    const { report } = await importFile(team.chainId, 'merged-email.csv', 'First name,Last name,Email,City\nKept,Match,gone.match@example.test,Bern\n');
    expect(report.counts).toMatchObject({ rows: 1, updated: 1, created: 0, failed: 0 });
    const kept = (await adminDb.doc(paths.customer(team.chainId, keep.customerId)).get()).data()!;
    expect(kept).toMatchObject({ email2: 'gone.match@example.test', address: { city: 'Bern' } });
    expect((await adminDb.doc(paths.customer(team.chainId, gone.customerId)).get()).data()).toEqual(tombstone);
  });
});

describe('consent columns', () => {
  async function consentAfter(file: string, text: string) {
    const { report, importId } = await importFile(team.chainId, file, text);
    expect(report.counts.failed).toBe(0);
    return { importId };
  }

  it.each([
    ['Subscribed', false, true],
    ['Unsubscribed', true, false],
    ['Unknown', true, 'unchanged'],
    ['', true, 'unchanged'],
    ['Unknown', false, 'unchanged'],
  ] as const)("Square's Email Subscription Status %j for a customer who had granted: %s", async (value, hadGranted, expected) => {
    const email = `square-${String(value || 'empty').toLowerCase()}-${hadGranted}@example.test`;
    await createCustomer(team.staff, team.chainId, { firstName: 'Sq', lastName: 'Uare', email }, { consent: { email: hadGranted } });
    const before = (await byEmail(email)).data();
    const { importId } = await consentAfter(
      `square-${value || 'empty'}-${hadGranted}.csv`,
      `First Name,Last Name,Email Address,Email Subscription Status\nSq,Uare,${email},${value}\n`,
    );
    const doc = (await byEmail(email)).data();
    if (expected === 'unchanged') expect(doc.consent.email).toEqual(before.consent.email);
    else expect(doc.consent.email).toMatchObject({ granted: expected, source: 'import', importId });
    if (hadGranted) expect(before.consent.email).toMatchObject({ granted: true, source: 'backoffice' });
  });

  it('a stated refusal with no prior decision is recorded as a refusal from the import', async () => {
    const email = 'refuses.first@example.test';
    const existing = await createCustomer(team.staff, team.chainId, { firstName: 'Re', lastName: 'Fuses', email });
    expect((await byEmail(email)).get('consent')).toEqual({ email: null, postalMail: null, phone: null });
    const { report, importId } = await importFile(
      team.chainId,
      'refusal.csv',
      `First Name,Last Name,Email,Email Subscription Status,Accepts SMS Marketing\nRe,Fuses,${email},Unsubscribed,no\nNew,Refuser,new.refuser@example.test,Unsubscribed,\n`,
    );
    expect(report.counts).toMatchObject({ updated: 1, created: 1, unchanged: 0 });
    for (const id of [existing.customerId, (await byEmail('new.refuser@example.test')).id]) {
      const doc = (await adminDb.doc(paths.customer(team.chainId, id)).get()).data()!;
      expect(doc.consent.email).toMatchObject({ granted: false, source: 'import', importId });
      const log = await adminDb.collection(paths.consentLog(team.chainId, id)).get();
      const entries = log.docs.map((d) => `${d.get('channel')}:${d.get('granted')}:${d.get('source')}:${d.get('importId')}`).sort();
      if (id === existing.customerId) expect(entries).toEqual([`email:false:import:${importId}`, `phone:false:import:${importId}`]);
      else expect(entries).toEqual([`email:false:import:${importId}`]);
    }
    // The same file again changes nothing: the refusals are already on record.
    const again = await importFile(
      team.chainId,
      'refusal-again.csv',
      `First Name,Last Name,Email,Email Subscription Status,Accepts SMS Marketing\nRe,Fuses,${email},Unsubscribed,no\n`,
    );
    expect(again.report.counts).toMatchObject({ unchanged: 1, updated: 0 });
  });

  it('the back-office form still records no refusal for an unticked box', async () => {
    await createCustomer(
      team.staff,
      team.chainId,
      { firstName: 'Form', lastName: 'Unticked', email: 'form.unticked@example.test' },
      { consent: { email: false } },
    );
    const doc = await byEmail('form.unticked@example.test');
    expect(doc.get('consent')).toEqual({ email: null, postalMail: null, phone: null });
    expect((await doc.ref.collection('consentLog').get()).size).toBe(0);
  });

  it.each([
    ['yes', 'no', true, false],
    ['no', 'yes', false, true],
  ])("Shopify's Accepts Email Marketing %s and Accepts SMS Marketing %s", async (emailValue, smsValue, email, phone) => {
    const address = `shopify-${emailValue}@example.test`;
    await createCustomer(team.staff, team.chainId, { firstName: 'Sho', lastName: 'Pify', email: address }, { consent: { email: !email, phone: !phone } });
    const { importId } = await consentAfter(
      `shopify-${emailValue}.csv`,
      `First Name,Last Name,Email,Accepts Email Marketing,Accepts SMS Marketing\nSho,Pify,${address},${emailValue},${smsValue}\n`,
    );
    const doc = (await byEmail(address)).data();
    expect(doc.consent.email).toMatchObject({ granted: email, source: 'import', importId });
    expect(doc.consent.phone).toMatchObject({ granted: phone, source: 'import', importId });
    const log = await adminDb
      .collection(paths.consentLog(team.chainId, (await byEmail(address)).id))
      .where('source', '==', 'import')
      .get();
    expect(log.docs.map((d) => `${d.get('channel')}:${d.get('granted')}`).sort()).toEqual([`email:${email}`, `phone:${phone}`].sort());
  });

  it.each([
    [
      'French',
      'Prénom;Nom;Courriel;Courriel (mode de communication);Courrier postal (mode de communication);Appel téléphonique (mode de communication)',
      ['oui', 'non', 'nein', ''],
      ';',
    ],
    [
      'English',
      'First name,Last name,Email,Email (contact permission),Postal mail (contact permission),Phone call (contact permission)',
      ['yes', 'no', 'no', ''],
      ',',
    ],
    ['German', 'Vorname;Nachname;E-Mail;E-Mail (Kontakterlaubnis);Post (Kontakterlaubnis);Telefonanruf (Kontakterlaubnis)', ['ja', 'nein', 'nein', ''], ';'],
  ])("regulars' own export columns in %s (oui / non / ja / nein / yes / no)", async (lang, header, [yes, no, no2, blank], d) => {
    const email = `own-columns-${lang.toLowerCase()}@example.test`;
    // Had granted email and postal mail, refused nothing yet.
    await createCustomer(team.staff, team.chainId, { firstName: 'Own', lastName: 'Cols', email }, { consent: { email: true, postalMail: true } });
    const other = `own-columns-${lang.toLowerCase()}-2@example.test`;
    await createCustomer(team.staff, team.chainId, { firstName: 'Own', lastName: 'Two', email: other }, { consent: { email: true, phone: true } });
    const { importId } = await consentAfter(
      `own-${lang}.csv`,
      [header, ['Own', 'Cols', email, yes, no, blank].join(d), ['Own', 'Two', other, blank, no2, blank].join(d), ''].join('\n'),
    );
    const one = (await byEmail(email)).data();
    expect(one.consent.email).toMatchObject({ granted: true, source: 'backoffice' }); // stated yes: no change
    expect(one.consent.postalMail).toMatchObject({ granted: false, source: 'import', importId }); // stated no: withdrawn
    expect(one.consent.phone).toBeNull(); // empty: nothing stated
    const two = (await byEmail(other)).data();
    expect(two.consent.email).toMatchObject({ granted: true, source: 'backoffice' }); // empty never withdraws
    expect(two.consent.postalMail).toMatchObject({ granted: false, source: 'import', importId }); // stated refusal recorded
    expect(two.consent.phone).toMatchObject({ granted: true, source: 'backoffice' });
  });

  it('a file without consent columns grants nothing', async () => {
    const { report } = await importFile(team.chainId, 'no-consent.csv', 'Prénom,Nom,Courriel\nNo,Consent,no.consent@example.test\n');
    expect(report.counts.created).toBe(1);
    const doc = (await byEmail('no.consent@example.test')).data();
    expect(doc.consent).toEqual({ email: null, postalMail: null, phone: null });
    expect((await adminDb.collection(paths.consentLog(team.chainId, (await byEmail('no.consent@example.test')).id)).get()).size).toBe(0);
  });
});
