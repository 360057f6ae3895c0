// exportCustomers: field selection, filters, the bytes of each format, formula neutralization,
// export -> import round trip, permissions, audit, and expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { getBytes, ref } from 'firebase/storage';
import { purgeExpiredExports } from '../../functions/src/exports/purge';
import { adminBucket, adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { importFile } from '../helpers/imports';

let team: Team;
let vip: string;
beforeAll(async () => {
  team = await createTeam('Export');
  await team.owner.call('setCustomFields', { chainId: team.chainId, fields: [{ key: 'shoe_size', label: 'Pointure' }] });
  vip = (await team.owner.call('saveCustomerType', { chainId: team.chainId, name: 'VIP', discount: 20, salesTax: 'Hors province' })).typeId;
  await createCustomer(team.staff, team.chainId, {
    firstName: 'Hélène', lastName: 'Müller-Straße', email: 'helene@example.test', phones: { mobile: '+33 6 12 34 56 78', home: '01 40 00 00 01' },
    address: { line1: '12 rue des Lilas', line2: '3e étage', postalCode: '75011', city: 'Paris', country: 'France' }, customerTypeId: vip, discount: 12.5,
    tags: ['VIP', 'Végétarien'], custom: 'FID-1', customFields: { shoe_size: '38' }, notes: 'Ligne 1\nLigne 2; "citée"', birthDate: '1984-02-29', language: 'de',
  }, { consent: { email: true, phone: false } });
  await createCustomer(team.staff, team.chainId, { firstName: 'Zoé', lastName: 'Éluard', email: 'zoe@example.test', notes: '=1+1', title: '@SUM(A1)', company: '-5 %', tags: ['Moto'] });
  await createCustomer(team.staff, team.chainId, { firstName: 'Paul', lastName: 'Dupont', phones: { work: '0699887766' }, salesTax: 'Exempt', tags: ['VIP', 'Moto'] });
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
      Type: 'VIP', 'Réduction (%)': '12.5', Prénom: 'Hélène', Nom: 'Müller-Straße', 'Téléphone cellulaire': '+33612345678', Domicile: '0140000001',
      Balises: 'VIP, Végétarien', Pointure: '38', Remarques: 'Ligne 1\nLigne 2; "citée"', 'Courriel (mode de communication)': 'oui',
      'Appel téléphonique (mode de communication)': '', 'Date de naissance': '1984-02-29', Langue: 'de',
    });
    expect(helene['Créé']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows.slice(1).map((r) => r[5])).toEqual(['Dupont', 'Éluard', 'Müller-Straße']);
  });

  it('exports only the chosen fields, in German', async () => {
    const { bytes } = await exportAs(team.manager, { fields: ['lastName', 'email'], format: 'plain', lang: 'de' });
    expect(rowsOf(bytes, ',')).toEqual([['Nachname', 'E-Mail'], ['Dupont', ''], ['Éluard', 'zoe@example.test'], ['Müller-Straße', 'helene@example.test']]);
  });

  it.each([
    [{ text: 'helene' }, ['Müller-Straße']],
    [{ customerTypeId: '' }, ['Dupont', 'Éluard']],
    [{ tagsAll: ['vip'] }, ['Dupont', 'Müller-Straße']],
    [{ tagsNone: ['moto'] }, ['Müller-Straße']],
    [{ tagsAll: ['moto'], tagsNone: ['vip'] }, ['Éluard']],
    [{ discount: 12.5 }, ['Müller-Straße']],
    [{ salesTax: 'exempt' }, ['Dupont']],
    [{ createdFrom: '2000-01-01' }, ['Dupont', 'Éluard', 'Müller-Straße']],
    [{ createdTo: '2001-01-01' }, []],
  ])('filter %j exports exactly what the list shows: %j', async (query, names) => {
    const { bytes, result } = await exportAs(team.manager, { fields: ['lastName'], query, format: 'plain' });
    expect(rowsOf(bytes, ',').slice(1).map((r) => r[0])).toEqual(names);
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
    expect(rows[2]).toEqual(["'@SUM(A1)", "'-5 %", "'=1+1", '']);
    expect(rows[3]![3]).toBe('+33612345678');
  });

  it.each(['pc', 'mac', 'plain'])('an export in %s format imports back without changing anything', async (format) => {
    const before = (await adminDb.collection(`chains/${team.chainId}/customers`).get()).docs.map((d) => [d.id, d.get('version')]);
    const { bytes } = await exportAs(team.manager, { format, lang: format === 'mac' ? 'de' : 'fr' });
    const { report } = await importFile(team.chainId, `roundtrip-${format}.csv`, bytes);
    expect(report.status).toBe('done');
    expect(report.ignoredColumns).toEqual([]);
    expect(report.counts).toMatchObject({ rows: 3, unchanged: 3, created: 0, updated: 0, failed: 0 });
    const after = (await adminDb.collection(`chains/${team.chainId}/customers`).get()).docs.map((d) => [d.id, d.get('version')]);
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
    const audit = await adminDb.collection(`chains/${team.chainId}/audit`).where('target.id', '==', result.exportId).get();
    expect(audit.docs.map((d) => d.data())).toEqual([
      expect.objectContaining({
        action: 'customers.export',
        actorUid: team.owner.uid,
        details: expect.objectContaining({ rows: 2, fields: ['lastName', 'email'], filters: expect.objectContaining({ tagsAll: ['vip'] }) }),
      }),
    ]);
    expect(audit.docs[0]!.get('at').toDate()).toBeInstanceOf(Date);
  });

  it('deletes exports after 24 hours', async () => {
    const { result } = await exportAs(team.owner, { fields: ['lastName'] });
    const file = adminBucket.file(result.path);
    const record = adminDb.doc(`chains/${team.chainId}/exports/${result.exportId}`);
    expect(Date.parse(result.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    await purgeExpiredExports(adminDb, adminBucket, new Date(Date.now() + 23 * 3600_000), team.chainId);
    expect((await file.exists())[0]).toBe(true);
    await purgeExpiredExports(adminDb, adminBucket, new Date(Date.now() + 25 * 3600_000), team.chainId);
    expect((await file.exists())[0]).toBe(false);
    expect((await record.get()).exists).toBe(false);
  });
});
