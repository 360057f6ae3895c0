// exportCustomers: field selection, filters, the bytes of each format, formula neutralization,
// export -> import round trip, permissions, audit, and expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { getBytes, ref } from 'firebase/storage';
import { Timestamp } from 'firebase-admin/firestore';
import { purgeAllExpiredExports, purgeExpiredExports, PURGE_PAGE } from '../../functions/src/exports/purge';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Storage as GcsStorage } from '@google-cloud/storage';
import type { ChainCaller } from '../../functions/src/common/callable';
import type { Deps } from '../../functions/src/common/firebase';
import { exportCustomers } from '../../functions/src/exports/exportCustomers';
import { ExportCustomersInput } from '../../functions/src/model/export';
import { adminAuth, adminBucket, adminDb } from '../helpers/admin';
import { BUCKET, PROJECT_ID } from '../helpers/env';
import { callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { importFile } from '../helpers/imports';
import { paths } from '../../functions/src/model/paths';

let team: Team;
let vip: string;
let paul: string;
/** Sets a customer's creation day (customer and index row), as if created then. */
async function backdate(customerId: string, day: string) {
  await adminDb.doc(paths.customer(team.chainId, customerId)).update({ createdAt: Timestamp.fromDate(new Date(`${day}T12:00:00Z`)) });
  const rows = await adminDb.collection(paths.customerIndex(team.chainId)).where('customerId', '==', customerId).get();
  await rows.docs[0]!.ref.update({ createdDay: day, cy: day.slice(0, 4), cm: day.slice(0, 7), cd: day });
}
beforeAll(async () => {
  team = await createTeam('Export');
  await team.owner.call('setCustomFields', { chainId: team.chainId, fields: [{ key: 'shoe_size', label: 'Pointure' }] });
  vip = (await team.owner.call('saveCustomerType', { chainId: team.chainId, name: 'VIP', discount: 20, salesTax: 'Hors province' })).typeId;
  await createCustomer(
    team.staff,
    team.chainId,
    {
      firstName: 'Hélène',
      lastName: 'Müller-Straße',
      email: 'helene@example.test',
      phones: { mobile: '+33 6 12 34 56 78', home: '01 40 00 00 01' },
      address: { line1: '12 rue des Lilas', line2: '3e étage', postalCode: '75011', city: 'Paris', country: 'France' },
      customerTypeId: vip,
      discount: 12.5,
      tags: ['VIP', 'Végétarien'],
      custom: 'FID-1',
      customFields: { shoe_size: '38' },
      notes: 'Ligne 1\nLigne 2; "citée"',
      birthDate: '1984-02-29',
      language: 'de',
    },
    { consent: { email: true, phone: false } },
  );
  await createCustomer(team.staff, team.chainId, {
    firstName: 'Zoé',
    lastName: 'Éluard',
    email: 'zoe@example.test',
    notes: '=1+1',
    title: '@SUM(A1)',
    company: '-5 %',
    tags: ['Moto'],
  });
  ({ customerId: paul } = await createCustomer(team.staff, team.chainId, {
    firstName: 'Paul',
    lastName: 'Dupont',
    phones: { work: '0699887766' },
    salesTax: 'Exempt',
    tags: ['VIP', 'Moto'],
    company: '+SUM(A1)',
  }));
  await backdate(paul, '2020-03-15');
});
afterAll(() => team.closeAll());

async function exportAs(user = team.manager, input: Record<string, unknown> = {}) {
  const result = await user.call('exportCustomers', { chainId: team.chainId, ...input });
  const [bytes] = await adminBucket.file(result.path).download();
  return { result, bytes };
}

const text8 = (b: Buffer) => b.toString('utf8').replace(/^\ufeff/, '');
const rowsOf = (b: Buffer, delimiter: string) => parse(text8(b), { delimiter, relax_column_count: false }) as string[][];

describe('fields and filters', () => {
  it('exports every exportable field by default, with headers in the requester’s language', async () => {
    const { result, bytes } = await exportAs(team.manager, { format: 'plain', lang: 'fr' });
    expect(result).toMatchObject({ rows: 3, path: `exports/${team.chainId}/${result.exportId}.csv` });
    const rows = rowsOf(bytes, ',');
    expect(rows[0]!.slice(0, 6)).toEqual(['Type', 'Créé', 'Réduction (%)', 'Taxe de vente', 'Prénom', 'Nom']);
    expect(rows[0]).toContain('Pointure');
    expect(rows[0]).toContain('Courriel (mode de communication)');
    const helene = Object.fromEntries(rows[0]!.map((h, i) => [h, rows.find((r) => r[4] === 'Hélène')![i]]));
    expect(helene).toMatchObject({
      Type: 'VIP',
      'Réduction (%)': '12.5',
      Prénom: 'Hélène',
      Nom: 'Müller-Straße',
      'Téléphone cellulaire': '+33612345678',
      Domicile: '01 40 00 00 01',
      Balises: 'VIP, Végétarien',
      Pointure: '38',
      Remarques: 'Ligne 1\nLigne 2; "citée"',
      'Courriel (mode de communication)': 'oui',
      'Appel téléphonique (mode de communication)': '',
      'Date de naissance': '1984-02-29',
      Langue: 'de',
    });
    expect(helene['Créé']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows.slice(1).map((r) => r[5])).toEqual(['Dupont', 'Éluard', 'Müller-Straße']);
  });

  it('exports only the chosen fields, in German', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['lastName', 'email'], format: 'plain', lang: 'de' });
    expect(rowsOf(bytes, ',')).toEqual([
      ['Nachname', 'E-Mail'],
      ['Dupont', ''],
      ['Éluard', 'zoe@example.test'],
      ['Müller-Straße', 'helene@example.test'],
    ]);
  });

  // Every filter of the customer list (web/src/pages/customers/CustomerList.tsx), each with a value
  // that keeps some customers and drops others. `VIP` stands for the id of the VIP type. Paul Dupont
  // was created on 2020-03-15, the others today.
  it.each([
    [{ text: 'helene' }, ['Müller-Straße']],
    [{ text: '0699' }, ['Dupont']],
    [{ customerTypeId: 'VIP' }, ['Müller-Straße']],
    [{ customerTypeId: '' }, ['Dupont', 'Éluard']],
    [{ discount: null }, ['Dupont', 'Éluard']],
    [{ salesTax: '' }, ['Éluard', 'Müller-Straße']],
    [{ createdFrom: '2020-01-01', createdTo: '2020-12-31' }, ['Dupont']],
    [{ createdFrom: '2020-03-16' }, ['Éluard', 'Müller-Straße']],
    [{ createdTo: '2020-03-15' }, ['Dupont']],
    [{ createdFrom: '2020-03-15', createdTo: '2020-03-15' }, ['Dupont']],
    [{ text: 'zo', tagsAll: ['moto'] }, ['Éluard']],
    [{ tagsAll: ['vip'] }, ['Dupont', 'Müller-Straße']],
    [{ tagsNone: ['moto'] }, ['Müller-Straße']],
    [{ tagsAll: ['moto'], tagsNone: ['vip'] }, ['Éluard']],
    [{ discount: 12.5 }, ['Müller-Straße']],
    [{ salesTax: 'exempt' }, ['Dupont']],
    [{ createdFrom: '2000-01-01' }, ['Dupont', 'Éluard', 'Müller-Straße']],
    [{ createdTo: '2001-01-01' }, []],
  ])('filter %j exports exactly what the list shows: %j', async (filter, names) => {
    const query = 'customerTypeId' in filter && filter.customerTypeId === 'VIP' ? { ...filter, customerTypeId: vip } : filter;
    const { bytes, result } = await exportAs(team.manager, { fields: ['lastName'], query, format: 'plain' });
    expect(
      rowsOf(bytes, ',')
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(names);
    expect(result.rows).toBe(names.length);
    const list = await team.manager.call('searchCustomers', { chainId: team.chainId, query });
    expect(list.rows.map((r: { lastName: string }) => r.lastName)).toEqual(names);
  });

  it('rejects unknown fields and formats with their paths', async () => {
    const err = await callError(team.manager.call('exportCustomers', { chainId: team.chainId, fields: ['password'], format: 'xls' }));
    expect(err.code).toBe('invalid-argument');
    expect(err.details.problems.map((p: { path: string }) => p.path)).toEqual(['fields.0', 'format']);
  });
});

describe('formats', () => {
  it('PC, French: UTF-8 with BOM, semicolons, CRLF, decimal comma', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['firstName', 'lastName', 'discount', 'notes'], format: 'pc', lang: 'fr' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = text8(bytes);
    expect(text.startsWith('Prénom;Nom;Réduction (%);Remarques\r\n')).toBe(true);
    expect(text).toContain('Hélène;Müller-Straße;12,5;"Ligne 1\nLigne 2; ""citée"""\r\n');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('PC, English: UTF-8 with BOM, commas, CRLF, decimal point', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['firstName', 'discount'], format: 'pc', lang: 'en' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text8(bytes)).toBe('First name,Discount (%)\r\nPaul,\r\nZoé,\r\nHélène,12.5\r\n');
  });

  it('PC, German: UTF-8 with BOM, semicolons, CRLF, decimal comma', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['firstName', 'lastName', 'discount'], format: 'pc', lang: 'de' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('Vorname;Nachname;Rabatt (%)\r\nPaul;Dupont;\r\nZoé;Éluard;\r\nHélène;Müller-Straße;12,5\r\n');
  });

  it('PC, English UI with an Excel that uses semicolons (French or German region): semicolons, decimal comma', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['firstName', 'discount'], format: 'pc', lang: 'en', listSeparator: 'semicolon' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('First name;Discount (%)\r\nPaul;\r\nZoé;\r\nHélène;12,5\r\n');
  });

  it('PC, French UI with an Excel that uses commas: commas, decimal point', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['firstName', 'discount'], format: 'pc', lang: 'fr', listSeparator: 'comma' });
    expect(bytes.subarray(3).toString('utf8')).toBe('Prénom,Réduction (%)\r\nPaul,\r\nZoé,\r\nHélène,12.5\r\n');
  });

  it('Mac, French: UTF-16 LE with BOM, tabs, CRLF, decimal comma', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['firstName', 'discount'], format: 'mac', lang: 'fr' });
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toBe('Prénom\tRéduction (%)\r\nPaul\t\r\nZoé\t\r\nHélène\t12,5\r\n');
  });

  it('Mac: UTF-16 LE with BOM, tabs, CRLF', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['firstName', 'lastName'], format: 'mac', lang: 'de' });
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toBe('Vorname\tNachname\r\nPaul\tDupont\r\nZoé\tÉluard\r\nHélène\tMüller-Straße\r\n');
  });

  it('plain: RFC 4180, UTF-8 without BOM, commas, CRLF, quotes doubled', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['lastName', 'notes'], query: { text: 'helene' }, format: 'plain' });
    expect(bytes[0]).not.toBe(0xef);
    expect(bytes.toString('utf8')).toBe('Last name,Notes\r\nMüller-Straße,"Ligne 1\nLigne 2; ""citée"""\r\n');
  });
});

describe('safety and round trip', () => {
  it('neutralizes cells a spreadsheet would run as formulas, but not phone numbers', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['title', 'company', 'notes', 'phones.mobile'], format: 'plain' });
    const rows = rowsOf(bytes, ',');
    expect(rows[1]).toEqual(['', "'+SUM(A1)", '', '']);
    expect(rows[2]).toEqual(["'@SUM(A1)", "'-5 %", "'=1+1", '']);
    expect(rows[3]![3]).toBe('+33612345678');
  });

  it('neutralizes the headers too: a custom field labelled as a formula', async () => {
    const label = '=HYPERLINK("https://evil.example","x")';
    const fields = [
      { key: 'shoe_size', label: 'Pointure' },
      { key: 'evil', label },
    ];
    await team.owner.call('setCustomFields', { chainId: team.chainId, fields });
    try {
      for (const format of ['plain', 'pc', 'mac'] as const) {
        const { bytes } = await exportAs(team.manager, { fields: ['lastName', 'customFields'], query: { text: 'dupont' }, format, lang: 'en' });
        const text = format === 'mac' ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8').replace(/^\ufeff/, '');
        const rows = parse(text, { delimiter: format === 'mac' ? '\t' : ',', relax_column_count: true }) as string[][];
        expect(rows[0]).toEqual(['Last name', 'Pointure', `'${label}`]);
        expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !/^\+?[\d ]+$/.test(c))).toEqual([]);
      }
    } finally {
      await team.owner.call('setCustomFields', { chainId: team.chainId, fields: [fields[0]] });
    }
  });

  it('neutralizes cells starting with a tab or a carriage return', async () => {
    const ref = adminDb.doc(paths.customer(team.chainId, paul));
    // Saving trims these; a value written some other way (an older import, the console) may have them.
    await ref.update({ notes: '\t=1+1', 'customFields.shoe_size': '\r42' });
    try {
      const { bytes } = await exportAs(team.manager, { fields: ['lastName', 'notes', 'customFields'], query: { text: 'dupont' }, format: 'plain' });
      expect(rowsOf(bytes, ',')[1]).toEqual(['Dupont', "'\t=1+1", "'\r42"]);
    } finally {
      await ref.update({ notes: '', customFields: {} });
    }
  });

  it.each([
    ['pc', 'fr', undefined],
    ['pc', 'en', 'semicolon'],
    ['mac', 'de', undefined],
    ['plain', 'fr', undefined],
  ])('an export in %s format (%s, list separator %s) imports back without changing anything', async (format, lang, listSeparator) => {
    const before = (await adminDb.collection(paths.customers(team.chainId)).get()).docs.map((d) => [d.id, d.get('version')]);
    const { bytes } = await exportAs(team.manager, { format, lang, ...(listSeparator ? { listSeparator } : {}) });
    const { report } = await importFile(team.chainId, `roundtrip-${format}-${lang}.csv`, bytes);
    expect(report.status).toBe('done');
    expect(report.ignoredColumns).toEqual([]);
    expect(report.counts).toMatchObject({ rows: 3, unchanged: 3, created: 0, updated: 0, failed: 0 });
    const after = (await adminDb.collection(paths.customers(team.chainId)).get()).docs.map((d) => [d.id, d.get('version')]);
    expect(after).toEqual(before);
  });
});

describe('permissions, audit and expiry', () => {
  it('staff and other chains cannot export; only managers and owners download', async () => {
    expect((await callError(team.staff.call('exportCustomers', { chainId: team.chainId }))).code).toBe('permission-denied');
    expect((await callError(team.outsider.call('exportCustomers', { chainId: team.chainId }))).code).toBe('permission-denied');
    const { result } = await exportAs(team.owner, { fields: ['lastName'] });
    const bytes = await getBytes(ref(team.manager.storage, result.path));
    expect(new TextDecoder().decode(bytes)).toContain('Dupont');
    await expect(getBytes(ref(team.staff.storage, result.path))).rejects.toMatchObject({ code: 'storage/unauthorized' });
    await expect(getBytes(ref(team.outsider.storage, result.path))).rejects.toMatchObject({ code: 'storage/unauthorized' });
  });

  it('writes an audit entry: who, when, fields, filters, row count', async () => {
    const { result } = await exportAs(team.owner, { fields: ['lastName', 'email'], query: { tagsAll: ['vip'] } });
    const audit = await adminDb.collection(paths.audit(team.chainId)).where('target.id', '==', result.exportId).get();
    expect(audit.docs.map((d) => d.data())).toEqual([
      expect.objectContaining({
        action: 'customers.export',
        actorUid: team.owner.uid,
        details: expect.objectContaining({ rows: 2, fields: ['lastName', 'email'], filters: { tagsAll: ['vip'], tagsNone: [], textSearch: false } }),
      }),
    ]);
    expect(audit.docs[0]!.get('at').toDate()).toBeInstanceOf(Date);
  });

  it('the audit entry and the export record say a text search was used, never its text (a name, an email, a phone number)', async () => {
    const { result } = await exportAs(team.owner, { fields: ['lastName'], query: { text: 'helene@example', tagsAll: ['vip'] } });
    expect(result.rows).toBe(1);
    const audit = await adminDb.collection(paths.audit(team.chainId)).where('target.id', '==', result.exportId).get();
    expect(audit.docs[0]!.get('details.filters')).toEqual({ textSearch: true, tagsAll: ['vip'], tagsNone: [] });
    const record = (await adminDb.doc(`${paths.exports(team.chainId)}/${result.exportId}`).get()).data();
    expect(record).toMatchObject({ status: 'done', filters: { textSearch: true } });
    expect(JSON.stringify([audit.docs[0]!.data(), record])).not.toMatch(/helene/i);
  });

  it('an upload that fails: the export stops with an error, its record says failed and why, no audit entry', async () => {
    // A real Storage client whose service cannot be reached (a port nobody listens on): the upload
    // stream fails as it would if Storage broke the connection.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const unreachable = new GcsStorage({ apiEndpoint: `http://127.0.0.1:${port}`, projectId: PROJECT_ID, retryOptions: { autoRetry: false } });
    const deps = { db: adminDb, auth: adminAuth, storage: { bucket: () => unreachable.bucket(BUCKET) } } as unknown as Deps;
    const member = (await adminDb.doc(paths.member(team.chainId, team.manager.uid)).get()).data();
    const caller = { uid: team.manager.uid, email: undefined, name: undefined, lang: 'fr', chainId: team.chainId, member } as ChainCaller;
    const input = ExportCustomersInput.parse({ chainId: team.chainId, fields: ['lastName'], query: { text: 'dupont' } });
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('the export hung')), 20_000));
    await expect(Promise.race([exportCustomers(deps, caller, input), timeout])).rejects.toThrow(/^export \S+ failed: /);
    const failed = await adminDb.collection(paths.exports(team.chainId)).where('status', '==', 'failed').get();
    expect(failed.docs.map((d) => d.data())).toEqual([
      expect.objectContaining({
        kind: 'customers',
        createdBy: team.manager.uid,
        error: expect.any(String),
        filters: expect.objectContaining({ textSearch: true }),
        paths: [],
      }),
    ]);
    expect(JSON.stringify(failed.docs[0]!.data())).not.toMatch(/dupont/i);
    expect((await adminBucket.file(`exports/${team.chainId}/${failed.docs[0]!.id}.csv`).exists())[0]).toBe(false);
    const audit = await adminDb.collection(paths.audit(team.chainId)).where('target.id', '==', failed.docs[0]!.id).get();
    expect(audit.size).toBe(0);
  });

  it('deletes exports after 24 hours', async () => {
    const { result } = await exportAs(team.owner, { fields: ['lastName'] });
    const file = adminBucket.file(result.path);
    const record = adminDb.doc(`${paths.exports(team.chainId)}/${result.exportId}`);
    expect(Date.parse(result.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    await purgeExpiredExports(adminDb, adminBucket, new Date(Date.now() + 23 * 3600_000), team.chainId);
    expect((await file.exists())[0]).toBe(true);
    await purgeExpiredExports(adminDb, adminBucket, new Date(Date.now() + 25 * 3600_000), team.chainId);
    expect((await file.exists())[0]).toBe(false);
    expect((await record.get()).exists).toBe(false);
  });

  it('the hourly job purges expired exports of every chain, more than one page of them, and keeps the others', async () => {
    const other = await team.outsider.call('createChain', { name: 'Other exports' });
    const fresh = (await exportAs(team.owner, { fields: ['lastName'] })).result;
    // Exports that expired an hour ago: two with files in two chains, and more than a page of records.
    const expired = (chainId: string) => adminDb.collection(paths.exports(chainId)).doc();
    const past = Timestamp.fromMillis(Date.now() - 3600_000);
    const withFiles = [expired(team.chainId), expired(other.chainId)];
    for (const ref of withFiles) {
      const path = `exports/${ref.parent.parent!.id}/${ref.id}.csv`;
      await adminBucket.file(path).save('x\r\n', { contentType: 'text/csv' });
      await ref.set({ kind: 'customers', status: 'done', path, paths: [path], expiresAt: past });
    }
    const writer = adminDb.bulkWriter();
    const many = Array.from({ length: PURGE_PAGE + 20 }, () => expired(team.chainId));
    for (const ref of many) void writer.set(ref, { kind: 'customers', status: 'done', path: `exports/${team.chainId}/${ref.id}.csv`, expiresAt: past });
    await writer.close();

    expect(await purgeAllExpiredExports(adminDb, adminBucket)).toBeGreaterThanOrEqual(PURGE_PAGE + 22);
    for (const ref of withFiles) {
      expect((await ref.get()).exists).toBe(false);
      expect((await adminBucket.file(`exports/${ref.parent.parent!.id}/${ref.id}.csv`).exists())[0]).toBe(false);
    }
    const left = await adminDb.collection(paths.exports(team.chainId)).where('expiresAt', '<=', Timestamp.now()).count().get();
    expect(left.data().count).toBe(0);
    expect((await adminDb.doc(`${paths.exports(team.chainId)}/${fresh.exportId}`).get()).exists).toBe(true);
    expect((await adminBucket.file(fresh.path).exists())[0]).toBe(true);
  });
});
