// Real-world files through the real upload path (Storage emulator -> importCustomers), stored
// values checked exactly: an Odoo export, a Google Contacts export, a Mac Roman file, UTF-16 BE,
// month-first dates, ambiguous dates decided by the chain's country, short rows and warnings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTeam, type Team } from '../helpers/chains';
import { customersOf, errorFileText, importFile, utf16be } from '../helpers/imports';

let team: Team;
let us: Team;
beforeAll(async () => {
  [team, us] = await Promise.all([createTeam('Import edges'), createTeam('Import edges US')]);
  await us.owner.call('saveChainSettings', { chainId: us.chainId, settings: { country: 'US' } });
});
afterAll(async () => {
  await Promise.all([team.closeAll(), us.closeAll()]);
});

const byEmail = async (t: Team, email: string) => (await customersOf(t.chainId)).find((c) => c.email === email);
const digits = (s: string) => s.replace(/\D/g, '');

/** Mac Roman bytes, from the decoder's own table (what Excel for Mac's "CSV (Macintosh)" writes). */
function macRoman(text: string): Buffer {
  const table = new Map<string, number>();
  for (let b = 0x80; b < 0x100; b++) table.set(new TextDecoder('macintosh').decode(new Uint8Array([b])), b);
  return Buffer.from([...text].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : table.get(c)!)));
}

describe('other systems’ exports', () => {
  it('an Odoo contacts export: full names split, Phone and Mobile both kept, Street2, language values, an unknown language as a warning', async () => {
    const text = [
      'Name,Email,Phone,Mobile,Street,Street2,Zip,City,Country,Language,Tags',
      'René Méndez,rene.odoo@example.test,+33 1 42 68 53 00,+33 6 12 34 56 78,12 rue de la Paix,Bâtiment B,75002,Paris,France,French / Français,VIP',
      'Jean de La Fontaine,jean.odoo@example.test,,+41 79 123 45 67,Bahnhofstrasse 1,,8001,Zürich,Switzerland,de-CH,',
      'Ana García,ana.odoo@example.test,,,,,,,,Spanish / Español,',
      'Mary Smith,mary.odoo@example.test,,,,,,,,English (US),',
    ].join('\r\n');
    const { report } = await importFile(team.chainId, 'odoo-contacts.csv', text);
    expect(report).toMatchObject({ status: 'done', counts: { rows: 4, created: 4, failed: 0 }, warningRows: 1, ignoredColumns: [] });
    expect(report.columns.map((c) => c.target)).toEqual([
      'fullName',
      'email',
      'phones.home',
      'phones.mobile',
      'address.line1',
      'address.line2',
      'address.postalCode',
      'address.city',
      'address.country',
      'language',
      'tags',
    ]);
    expect(report.warnings).toEqual([expect.stringContaining('Column "Name" holds full names')]);
    expect(report.rowWarnings).toEqual([
      { row: 4, column: 'Language', value: 'Spanish / Español', message: 'is not French, German or English: the language was left empty' },
    ]);
    const rene = await byEmail(team, 'rene.odoo@example.test');
    expect(rene).toMatchObject({
      firstName: 'René',
      lastName: 'Méndez',
      language: 'fr',
      address: { line1: '12 rue de la Paix', line2: 'Bâtiment B', postalCode: '75002', city: 'Paris', country: 'France' },
      tags: ['VIP'],
    });
    expect(digits(rene!.phones.home)).toBe('33142685300');
    expect(digits(rene!.phones.mobile)).toBe('33612345678');
    expect(await byEmail(team, 'jean.odoo@example.test')).toMatchObject({ firstName: 'Jean', lastName: 'de La Fontaine', language: 'de' });
    expect(await byEmail(team, 'ana.odoo@example.test')).toMatchObject({ firstName: 'Ana', lastName: 'García', language: '' });
    expect(await byEmail(team, 'mary.odoo@example.test')).toMatchObject({ language: 'en' });
    // The row imported with a warning is in the error file, its error cell empty.
    const rows = parse((await errorFileText(report.errorFile!)).slice(1)) as string[][];
    expect(rows[0]!.slice(-2)).toEqual(['Warning', 'Error']);
    expect(rows.slice(1).map((r) => [r[0], ...r.slice(-2)])).toEqual([
      ['Ana García', 'Language: is not French, German or English: the language was left empty', ''],
    ]);
  });

  it('a Google Contacts export: numbered columns, multi-value cells, labels, a birthday without year', async () => {
    const header =
      'First Name,Middle Name,Last Name,Phonetic First Name,Name Prefix,Nickname,File As,Organization Name,Organization Title,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value';
    const text = [
      header,
      'Jürgen,,Müller,,Dr.,,,Bäckerei Müller,,--03-21,Mag Brezeln,,* myContacts ::: Stammgäste,* Home,juergen.google@example.test ::: j.mueller@example.test,,,Mobile,+49 151 23456789 ::: +49 30 1234567,,,Home,"Hauptstraße 5\n10115 Berlin",Hauptstraße 5,Berlin,,,10115,Germany,Hinterhaus,,www.baeckerei-mueller.example',
      'Claire,,Dubois,,,,,,,1980-12-31,,,* myContacts,* Work,claire.google@example.test,,,Mobile,+33 6 98 76 54 32,Work,+33 1 40 00 00 00,,,,,,,,,,,',
    ].join('\r\n');
    const { report } = await importFile(team.chainId, 'google-contacts.csv', text);
    expect(report).toMatchObject({ status: 'done', counts: { rows: 2, created: 2, failed: 0 }, warningRows: 0 });
    expect(report.ignoredColumns).toEqual(['Middle Name', 'Phonetic First Name', 'Organization Title', 'Address 1 - PO Box']);
    const jurgen = await byEmail(team, 'juergen.google@example.test');
    expect(jurgen).toMatchObject({
      firstName: 'Jürgen',
      lastName: 'Müller',
      title: 'Dr.',
      company: 'Bäckerei Müller',
      birthDate: '--03-21',
      notes: 'Mag Brezeln',
      tags: ['Stammgäste'],
      email2: 'j.mueller@example.test',
      address: { line1: 'Hauptstraße 5', line2: 'Hinterhaus', city: 'Berlin', postalCode: '10115', country: 'Germany' },
      website: 'https://www.baeckerei-mueller.example',
    });
    expect(digits(jurgen!.phones.mobile)).toBe('4915123456789');
    expect(digits(jurgen!.phones.home)).toBe('49301234567'); // the second value of a multi-value cell
    const claire = await byEmail(team, 'claire.google@example.test');
    expect(claire).toMatchObject({ birthDate: '1980-12-31', tags: [] });
    expect(digits(claire!.phones.mobile)).toBe('33698765432');
    expect(digits(claire!.phones.home)).toBe('33140000000');
  });
});

describe('encodings', () => {
  it('a Mac Roman file (Excel for Mac, "CSV (Macintosh)"), accents in the header too', async () => {
    const text =
      'Prénom;Nom;Courriel;Ville;Remarques\rRené;Méndez;rene.mac@example.test;Besançon;Crème brûlée, “très” bien\rJürgen;Schröder;juergen.mac@example.test;Köln;Straße\r';
    const { report } = await importFile(team.chainId, 'mac-roman.csv', macRoman(text));
    expect(report).toMatchObject({ status: 'done', encoding: 'Mac Roman', counts: { created: 2, failed: 0 } });
    expect(await byEmail(team, 'rene.mac@example.test')).toMatchObject({
      firstName: 'René',
      lastName: 'Méndez',
      address: { city: 'Besançon' },
      notes: 'Crème brûlée, “très” bien',
    });
    expect(await byEmail(team, 'juergen.mac@example.test')).toMatchObject({
      firstName: 'Jürgen',
      lastName: 'Schröder',
      address: { city: 'Köln' },
      notes: 'Straße',
    });
  });

  it('a UTF-16 BE file', async () => {
    const { report } = await importFile(team.chainId, 'utf16be.csv', utf16be('Vorname\tNachname\tE-Mail\r\nÄnne\tGroß\tanne.be@example.test\r\n'));
    expect(report).toMatchObject({ status: 'done', encoding: 'UTF-16 BE (BOM)', delimiter: 'tab', counts: { created: 1 } });
    expect(await byEmail(team, 'anne.be@example.test')).toMatchObject({ firstName: 'Änne', lastName: 'Groß' });
  });

  it('a header that cannot be read: the refusal says the encoding is the likely cause', async () => {
    // UTF-8 read once as Windows-1252 and saved again as UTF-8: `PrÃ©nom`.
    const { report } = await importFile(team.chainId, 'mojibake.csv', 'PrÃ©nom;Nom de famille\nRenÃ©;MÃ©ndez\n', { metadata: { lang: 'fr' } });
    expect(report.status).toBe('failed');
    expect(report.failure).toMatchObject({ code: 'missingColumn', params: { field: 'firstName', encoding: 'UTF-8' } });
    expect(report.failure!.message).toContain('le fichier a été lu en UTF-8, ce qui en est probablement la cause');
  });
});

describe('dates', () => {
  it('a month-first column: 04/05/1975 is 5 April, 12/31/1980 is accepted, and the report says why', async () => {
    const text =
      'First Name,Last Name,Email,Birthday\nAmy,Adams,amy.mdy@example.test,04/05/1975\nBen,Brown,ben.mdy@example.test,12/31/1980\nCal,Cole,cal.mdy@example.test,7/4\n';
    const { report } = await importFile(team.chainId, 'mdy.csv', text);
    expect(report.counts).toMatchObject({ created: 3, failed: 0 });
    expect(report.dateOrders).toEqual([{ column: 'Birthday', order: 'mdy', reason: 'column', country: null }]);
    expect(report.warnings).toEqual([expect.stringContaining('read as month/day/year: a date of the column says so')]);
    expect((await byEmail(team, 'amy.mdy@example.test'))!.birthDate).toBe('1975-04-05');
    expect((await byEmail(team, 'ben.mdy@example.test'))!.birthDate).toBe('1980-12-31');
    expect((await byEmail(team, 'cal.mdy@example.test'))!.birthDate).toBe('--07-04');
  });

  it('an ambiguous column: the chain’s country decides (US: month first); no country: day first', async () => {
    const text = (who: string) => `Vorname;Nachname;E-Mail;Geburtsdatum\nEva;Ebert;eva.${who}@example.test;04.05.1975\n`;
    const inUs = await importFile(us.chainId, 'ambiguous-us.csv', text('us'));
    expect(inUs.report.dateOrders).toEqual([{ column: 'Geburtsdatum', order: 'mdy', reason: 'country', country: 'US' }]);
    expect((await byEmail(us, 'eva.us@example.test'))!.birthDate).toBe('1975-04-05');
    const inDefault = await importFile(team.chainId, 'ambiguous-default.csv', text('default'), { metadata: { lang: 'de' } });
    expect(inDefault.report.dateOrders).toEqual([{ column: 'Geburtsdatum', order: 'dmy', reason: 'default', country: null }]);
    expect(inDefault.report.warnings).toEqual([expect.stringContaining('die Kette hat kein Land (standardmäßig Tag zuerst)')]);
    expect((await byEmail(team, 'eva.default@example.test'))!.birthDate).toBe('1975-05-04');
  });

  it('a two-digit year fails its row with a message; the others are imported', async () => {
    const text = 'Prénom,Nom,Courriel,Date de naissance\nLou,Roux,lou.yy@example.test,21/03/75\nMia,Roy,mia.yy@example.test,21/03/1975\n';
    const { report } = await importFile(team.chainId, 'two-digit.csv', text, { metadata: { lang: 'fr' } });
    expect(report.counts).toMatchObject({ created: 1, failed: 1 });
    expect(report.errors).toEqual([
      { row: 2, column: 'Date de naissance', value: '21/03/75', message: 'a une année à deux chiffres : écrivez l’année avec quatre chiffres (1975, pas 75)' },
    ]);
    expect((await byEmail(team, 'mia.yy@example.test'))!.birthDate).toBe('1975-03-21');
  });
});

describe('short rows', () => {
  it('a line broken by an unquoted newline: the first part imported with a warning, the rest refused, both with their row numbers', async () => {
    const text =
      'Courriel;Prénom;Nom;Remarques;Ville\nnina.short@example.test;Nina;Petit;allergique\naux noix;Lyon\nomar.full@example.test;Omar;Haddad;;Nice\n';
    const { report } = await importFile(team.chainId, 'short-rows.csv', text);
    expect(report.counts).toMatchObject({ rows: 3, created: 2, failed: 1 });
    expect(report.errors).toEqual([{ row: 3, column: '', value: '', message: expect.stringContaining('(2 cells, 5 columns) and no name') }]);
    expect(report.warningRows).toBe(1);
    expect(report.rowWarnings).toEqual([{ row: 2, column: '', value: '', message: expect.stringContaining('(4 cells, 5 columns)') }]);
    expect(await byEmail(team, 'nina.short@example.test')).toMatchObject({ notes: 'allergique', address: { city: '' } });
  });
});
