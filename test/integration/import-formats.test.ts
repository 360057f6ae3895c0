// CSV import through the real path: upload to the Storage emulator -> onObjectFinalized ->
// customers and report. Every encoding, delimiter and header style the import accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from '../helpers/chains';
import { cp1252, customersOf, importFile, utf16be, utf16le, utf8bom } from '../helpers/imports';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Import formats');
  await team.owner.call('saveCustomerType', { chainId: team.chainId, name: 'Étudiant', discount: 10 });
  await team.owner.call('setCustomFields', { chainId: team.chainId, fields: [{ key: 'shoe_size', label: 'Pointure' }] });
});
afterAll(() => team.closeAll());

const byEmail = async (email: string) => (await customersOf(team.chainId)).find((c) => c.email === email);

describe('encodings', () => {
  const csv = (email: string) => `Prénom,Nom,Courriel\r\nHélène,Müller-Straße,${email}\r\n`;

  it.each([
    ['UTF-8 with BOM', (t: string) => utf8bom(t), 'UTF-8 (BOM)'],
    ['UTF-8 without BOM', (t: string) => Buffer.from(t, 'utf8'), 'UTF-8'],
    ['UTF-16 LE with BOM', utf16le, 'UTF-16 LE (BOM)'],
    ['UTF-16 BE with BOM', utf16be, 'UTF-16 BE (BOM)'],
    ['Windows-1252', cp1252, 'Windows-1252'],
  ])('%s: accents survive exactly', async (label, encode, reported) => {
    const email = `enc-${label.replace(/\W/g, '').toLowerCase()}@example.test`;
    const { report } = await importFile(team.chainId, `${label}.csv`, encode(csv(email)));
    expect(report).toMatchObject({ status: 'done', encoding: reported, delimiter: ',', counts: { rows: 1, created: 1, failed: 0 } });
    expect(await byEmail(email)).toMatchObject({ firstName: 'Hélène', lastName: 'Müller-Straße', source: 'import' });
  });

  it('Windows-1252 characters outside Latin-1 (œ, ’) survive too', async () => {
    const { report } = await importFile(
      team.chainId,
      'cp1252-extra.csv',
      cp1252('Prénom;Nom;Courriel;Remarques\r\nŒdipe;L’Hôte;oedipe@example.test;Cœur d’artichaut\r\n'),
    );
    expect(report.encoding).toBe('Windows-1252');
    expect(await byEmail('oedipe@example.test')).toMatchObject({ firstName: 'Œdipe', lastName: 'L’Hôte', notes: 'Cœur d’artichaut' });
  });
});

describe('delimiters, quoting and line endings', () => {
  it.each([
    [',', 'comma', '\r\n'],
    [';', 'semicolon', '\n'],
    ['\t', 'tab', '\r\n'],
  ])('detects %j (%s) with quoted delimiters, quotes and line breaks', async (d, name, eol) => {
    const email = `quote-${name}@example.test`;
    const text = [`Prénom${d}Nom${d}Courriel${d}Remarques`, `"Jean${d} dit ""Jeannot"""${d}Dupont${d}${email}${d}"Ligne 1${eol}Ligne 2${d} fin"`, ''].join(eol);
    const { report } = await importFile(team.chainId, `delim-${name}.csv`, text);
    expect(report).toMatchObject({ status: 'done', delimiter: d === '\t' ? 'tab' : d, counts: { created: 1 } });
    expect(await byEmail(email)).toMatchObject({ firstName: `Jean${d} dit "Jeannot"`, lastName: 'Dupont', notes: `Ligne 1${eol}Ligne 2${d} fin` });
  });
});

describe('column headers', () => {
  it("takes Lightspeed Restaurant's template, in its order", async () => {
    const text = [
      'Prénom,Nom,Entreprise,Courriel,Numéro de téléphone principal,Numéro de téléphone secondaire,Identifiant fiscal,Adresse principale,Adresse secondaire,Code postal,Ville',
      'Anaïs,Lefèvre,Atelier du Pain,anais@example.test,(123)123-1234,123-123-1234,FR-TAX-1,12 rue des Lilas,ZI Nord,75011,Paris',
    ].join('\r\n');
    const { report } = await importFile(team.chainId, 'lightspeed-template.csv', text);
    expect(report.columns.map((c) => c.target)).toEqual([
      'firstName',
      'lastName',
      'company',
      'email',
      'phones.mobile',
      'phones.work',
      'taxId',
      'address.line1',
      'address2.line1',
      'address.postalCode',
      'address.city',
    ]);
    expect(await byEmail('anais@example.test')).toMatchObject({
      company: 'Atelier du Pain',
      phones: { mobile: '(123)123-1234', work: '123-123-1234' },
      taxId: 'FR-TAX-1',
      address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris' },
      address2: { line1: 'ZI Nord' },
    });
  });

  it("takes Lightspeed Restaurant's template with its English and German labels, and the French form's labels", async () => {
    const files = [
      ['First Name,Last Name,Company,Email,Primary Phone Number,Secondary Phone Number,Tax ID,Primary Address,Secondary Address,Zip Code,City', 'en'],
      ['Vorname;Nachname;Firmenname;E-Mail;Erste Telefonnummer;Zweite Telefonnummer;Steuer-ID;Erste Privatanschrift;Zweite Privatanschrift;PLZ;Ort', 'de'],
      [
        'PRENOM;NOM;Société;COURRIEL;Numéro de téléphone principal;Numéro de téléphone secondaire;Identifiant fiscal;Adresse de résidence principale;Adresse de résidence secondaire;Code postal;Localité',
        'fr',
      ],
    ] as const;
    for (const [header, lang] of files) {
      const d = header.includes(';') ? ';' : ',';
      const email = `template-${lang}@example.test`;
      const row = [
        'Ana',
        `Template ${lang}`,
        'Atelier',
        email,
        '(123)123-1234',
        '123-123-1234',
        'TAX-9',
        '1 Main Street',
        '2 Side Road',
        '75011',
        'Paris',
      ].join(d);
      const { report } = await importFile(team.chainId, `lightspeed-template-${lang}.csv`, `${header}\r\n${row}\r\n`);
      expect(report).toMatchObject({ ignoredColumns: [], counts: { created: 1, failed: 0 } });
      expect(await byEmail(email)).toMatchObject({
        company: 'Atelier',
        phones: { mobile: '(123)123-1234', work: '123-123-1234' },
        taxId: 'TAX-9',
        address: { line1: '1 Main Street', postalCode: '75011', city: 'Paris' },
        address2: { line1: '2 Side Road' },
      });
    }
  });

  it('recognizes headers in any order, in German and English, ignoring case and accents, and reports unknown ones', async () => {
    const text = 'E-MAIL;nachname;VORNAME;Plz;Ort;Lieblingsfarbe;mobile phone\nlukas@example.test;Schäfer;Lukas;80331;München;blau;+49 89 1234567\n';
    const { report } = await importFile(team.chainId, 'german.csv', text);
    expect(report.ignoredColumns).toEqual(['Lieblingsfarbe']);
    expect(report.warnings.join(' ')).toContain('Lieblingsfarbe');
    expect(await byEmail('lukas@example.test')).toMatchObject({
      firstName: 'Lukas',
      lastName: 'Schäfer',
      address: { postalCode: '80331', city: 'München' },
      phones: { mobile: '+49891234567' },
    });
  });

  it('reads a Lightspeed Retail export, with types by name, discounts and custom fields', async () => {
    const text = [
      'First Name,Last Name,Title,Company,Type,Discount,Sales Tax,Date of Birth,Home,Work,Mobile,Email,Email 2,Address,Address 2,City,State,ZIP,Country,Website,Custom,Tags,Notes,Pointure',
      'Zoé,Éluard,Mme,,étudiant,12.5 %,Hors province,31/12/1990,01 40 00 00 01,,06 11 22 33 44,zoe@example.test,zoe@home.test,1 place du Marché,,Lyon,Rhône,69002,France,www.zoe.example,FID-7,"VIP, Moto",Aime la terrasse,38',
    ].join('\n');
    const { report } = await importFile(team.chainId, 'retail.csv', text);
    expect(report.counts).toMatchObject({ created: 1, failed: 0 });
    expect(report.ignoredColumns).toEqual([]);
    const zoe = await byEmail('zoe@example.test');
    expect(zoe).toMatchObject({
      title: 'Mme',
      discount: 12.5,
      salesTax: 'Hors province',
      birthDate: '1990-12-31',
      email2: 'zoe@home.test',
      phones: { home: '01 40 00 00 01', mobile: '06 11 22 33 44' }, // no chain country: kept as typed
      address: { state: 'Rhône', country: 'France' },
      website: 'https://www.zoe.example',
      custom: 'FID-7',
      tags: ['VIP', 'Moto'],
      notes: 'Aime la terrasse',
      customFields: { shoe_size: '38' },
    });
    expect(zoe!.customerTypeId).toBeTruthy();
  });

  it('reads a Square customer export', async () => {
    const text = [
      'Square Customer ID,First Name,Last Name,Email Address,Phone Number,Company Name,Street Address 1,Street Address 2,City,State,Postal Code,Birthday,Memo,Reference ID,Email Subscription Status,Creation Source,First Visit,Total Spend',
      'SQ123,Chloé,Bernard,chloe@example.test,+33 6 55 44 33 22,,5 avenue Jean-Jaurès,,Lyon,,69007,1985-04-02,Regular,REF-9,Subscribed,Directory,2024-01-01,$120.00',
    ].join('\r\n');
    const { report } = await importFile(team.chainId, 'square.csv', text);
    expect(report.counts).toMatchObject({ created: 1, failed: 0 });
    expect(report.ignoredColumns).toEqual([]);
    expect(await byEmail('chloe@example.test')).toMatchObject({
      phones: { mobile: '+33655443322' },
      address: { line1: '5 avenue Jean-Jaurès', postalCode: '69007' },
      birthDate: '1985-04-02',
      notes: 'Regular',
      custom: 'REF-9',
      consent: { email: { granted: true, source: 'import' } },
    });
  });

  it('reads a Shopify customer export', async () => {
    const text = [
      'First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags',
      'Léa,Moreau,lea@example.test,no,Café Lumière,3 rue Neuve,,Bordeaux,,FR,33000,05 56 00 00 00,+33 6 10 20 30 40,yes,99.90,3,Cliente fidèle,no,"Fidèle, Terrasse"',
    ].join('\n');
    const { report } = await importFile(team.chainId, 'shopify.csv', text);
    expect(report.counts).toMatchObject({ created: 1, failed: 0 });
    const lea = await byEmail('lea@example.test');
    expect(lea).toMatchObject({
      company: 'Café Lumière',
      phones: { home: '05 56 00 00 00', mobile: '+33610203040' },
      address: { country: 'FR', postalCode: '33000' },
      tags: ['Fidèle', 'Terrasse'],
      consent: { phone: { granted: true } },
    });
    expect(lea!.consent.email).toMatchObject({ granted: false, source: 'import' }); // a stated "no" is recorded as a refusal
  });

  it('follows an explicit column mapping given as upload metadata', async () => {
    const text = 'col A,col B,col C,col D\nmapped@example.test,Marc,Martin,ignore me\n';
    const { report } = await importFile(team.chainId, 'mapped.csv', text, {
      metadata: { mapping: JSON.stringify(['email', 'firstName', 'lastName', '']) },
    });
    expect(report.columns).toEqual([
      { header: 'col A', target: 'email' },
      { header: 'col B', target: 'firstName' },
      { header: 'col C', target: 'lastName' },
      { header: 'col D', target: '' },
    ]);
    expect(report.ignoredColumns).toEqual(['col D']);
    expect(await byEmail('mapped@example.test')).toMatchObject({ firstName: 'Marc', lastName: 'Martin' });
  });
});
