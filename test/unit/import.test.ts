// The import's pure detection code: delimiter, encoding, column matching, formula-like cells,
// blank records, and the compact state a dry run keeps per customer.
import { describe, expect, it } from 'vitest';
import { detectMapping, targetOf } from '../../functions/src/model/csvColumns';
import { decodeSample, detectSampleEncoding, fromBom, looksBinary } from '../../functions/src/model/encoding';
import { detectDelimiter, isBlankRecord, looksLikeFormula } from '../../functions/src/model/import';
import { CustomerFields, type CustomerDoc } from '../../functions/src/model/customer';
import { packState, unpackState } from '../../functions/src/imports/state';

describe('delimiter', () => {
  it.each([
    ['Prénom,Nom,Courriel\nA,B,a@x.test\n', ','],
    ['Prénom;Nom;Courriel\r\nA;B;a@x.test\r\n', ';'],
    ['Prénom\tNom\tCourriel\nA\tB\ta@x.test\n', '\t'],
    // Commas inside names and quoted fields do not fool it.
    ['Nom;Remarques\n"Dupont, Jean";"a, b, c, d"\nMartin;x\n', ';'],
    ['Name,Notes\n"a;b;c;d",x\n"e;f",y\n', ','],
    // A quoted line break does not start a new line.
    ['Vorname;Nachname;Notiz\nA;B;"zwei\nZeilen, mit Komma"\nC;D;x\n', ';'],
  ])('%j -> %j', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });

  it('defaults to a comma for a single column', () => {
    expect(detectDelimiter('Name\nA\n')).toBe(',');
  });
});

describe('encoding', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it('a BOM decides', () => {
    expect(fromBom(bytes(0xef, 0xbb, 0xbf, 0x41))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(fromBom(bytes(0xff, 0xfe, 0x41, 0))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(fromBom(bytes(0xfe, 0xff, 0, 0x41))).toEqual({ encoding: 'utf-16be', bom: 2 });
    expect(fromBom(bytes(0x41, 0x42))).toEqual({ encoding: 'utf-8', bom: 0 });
  });

  it('UTF-8 without BOM, else Windows-1252; a sequence cut at the end of a sample is forgiven', () => {
    const utf8 = new TextEncoder().encode('Hélène Müller-Straße');
    expect(detectSampleEncoding(utf8, true)).toEqual({ encoding: 'utf-8', bom: 0 });
    expect(detectSampleEncoding(utf8.subarray(0, 2), false)).toEqual({ encoding: 'utf-8', bom: 0 }); // 'H' + half of 'é'
    expect(detectSampleEncoding(utf8.subarray(0, 2), true)).toEqual({ encoding: 'windows-1252', bom: 0 });
    const cp1252 = bytes(0x48, 0xe9, 0x6c, 0xe8, 0x6e, 0x65, 0x20, 0x9c); // Hélène œ
    const detected = detectSampleEncoding(cp1252, true);
    expect(detected).toEqual({ encoding: 'windows-1252', bom: 0 });
    expect(decodeSample(cp1252, detected)).toBe('Hélène œ');
  });

  it('binary files have NUL bytes or many control characters; UTF-16 text is not binary', () => {
    expect(looksBinary(bytes(0x50, 0x4b, 0x03, 0x04, 0x00, 0x00), { encoding: 'utf-8', bom: 0 })).toBe(true);
    expect(looksBinary(new Uint8Array(Buffer.from('\ufeffA,B\r\n', 'utf16le')), { encoding: 'utf-16le', bom: 2 })).toBe(false);
    expect(looksBinary(new TextEncoder().encode('Prénom;Nom\r\n\tA;B\r\n'), { encoding: 'utf-8', bom: 0 })).toBe(false);
    expect(looksBinary(bytes(...Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 0x01 : 0x41))), { encoding: 'utf-8', bom: 0 })).toBe(true);
  });
});

describe('column headers', () => {
  it.each([
    ['PRENOM', 'firstName'],
    ['prénom', 'firstName'],
    ['Prenom', 'firstName'],
    [' Prénom ', 'firstName'],
    ['COURRIEL', 'email'],
    ['courriel', 'email'],
    ['NOM', 'lastName'],
    ['E-MAIL', 'email'],
    ['e mail', 'email'],
    ['VORNAME', 'firstName'],
    ['Strasse', 'address.line1'],
    ['Adresse de residence principale', 'address.line1'],
    ['ADRESSE DE RÉSIDENCE SECONDAIRE', 'address2.line1'],
    ['Firmenname', 'company'],
    ['Kontakterlaubnis', 'consent.email'],
    ['Autorisations de contact', 'consent.email'],
    ['regulars ID', 'customerId'],
    ['ID REGULARS', 'customerId'],
  ])('%j -> %s (case, accents, spaces and punctuation do not matter)', (header, target) => {
    expect(targetOf(header)).toBe(target);
  });

  it("Lightspeed Restaurant's template in English, French and German, in its order", () => {
    const expected = [
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
    ];
    const en = [
      'First Name',
      'Last Name',
      'Company',
      'Email',
      'Primary phone number',
      'Secondary phone number',
      'Tax ID',
      'Primary address',
      'Secondary address',
      'Zip code',
      'City',
    ];
    const enHome = [
      'First name',
      'Last name',
      'Company',
      'Email',
      'Primary phone number',
      'Secondary phone number',
      'Tax identifier',
      'Primary (home) address',
      'Secondary home address',
      'Postal code',
      'City',
    ];
    const fr = [
      'Prénom',
      'Nom',
      'Entreprise',
      'Courriel',
      'Numéro de téléphone principal',
      'Numéro de téléphone secondaire',
      'Identifiant fiscal',
      'Adresse principale',
      'Adresse secondaire',
      'Code postal',
      'Ville',
    ];
    const frForm = [
      'Prénom',
      'Nom',
      'Société',
      'Adresse e-mail',
      'Numéro de téléphone principal',
      'Numéro de téléphone secondaire',
      'Identifiant fiscal',
      'Adresse de résidence principale',
      'Adresse de résidence secondaire',
      'Code postal',
      'Localité',
    ];
    const de = [
      'Vorname',
      'Nachname',
      'Firmenname',
      'E-Mail',
      'Erste Telefonnummer',
      'Zweite Telefonnummer',
      'Steuer-ID',
      'Erste Privatanschrift',
      'Zweite Privatanschrift',
      'PLZ',
      'Ort',
    ];
    for (const headers of [en, enHome, fr, frForm, de]) {
      expect(detectMapping(headers)).toEqual({ targets: expected, unknown: [], repeated: [] });
    }
  });

  it('the other labels of Lightspeed Restaurant’s customer form', () => {
    expect(['Langue', 'Sprache', 'Commentaires', 'Notizen', 'Dept/Canton', 'Bundesland', 'Unternehmen'].map((h) => targetOf(h))).toEqual([
      'language',
      'language',
      'notes',
      'notes',
      'address.state',
      'address.state',
      'company',
    ]);
  });

  it('reports unknown headers, ignores known system columns, and keeps the first of two columns for one field', () => {
    expect(detectMapping(['Prénom', 'Lieblingsfarbe', 'Total Spend', 'First Name', ''])).toEqual({
      targets: ['firstName', '', '', '', ''],
      unknown: ['Lieblingsfarbe'],
      repeated: ['First Name'],
    });
  });

  it("a chain's custom fields by label or key", () => {
    expect(detectMapping(['POINTURE', 'shoe_size'], [{ key: 'shoe_size', label: 'Pointure' }]).targets).toEqual(['customFields.shoe_size', '']);
  });
});

describe('cells', () => {
  it.each([
    ['=SUM(A1)', true],
    ['=1+1', true],
    ['+HYPERLINK("x")', true],
    ['-cmd(1)', true],
    ['@SUM(A1)', true],
    ['+=1', true],
    ['+33 6 12 34 56 78', false],
    ['-', false],
    ['-5 %', false],
    ['@handle', false],
    ["'=1+1", false],
    ['Jean-Pierre', false],
  ])('formula-like %j: %s', (cell, formula) => {
    expect(looksLikeFormula(cell)).toBe(formula);
  });

  it('blank records: empty lines and delimiter-only lines', () => {
    expect(isBlankRecord([''])).toBe(true);
    expect(isBlankRecord(['', ' ', '\t'])).toBe(true);
    expect(isBlankRecord(['', 'x', ''])).toBe(false);
  });
});

describe('dry-run state', () => {
  it('packs a customer small and unpacks it to the same fields, consent decisions and version', () => {
    const fields = CustomerFields.parse({
      firstName: 'Hélène',
      lastName: 'Müller-Straße',
      email: 'h@x.test',
      phones: { mobile: '0612345678' },
      address: { city: 'Paris' },
      tags: ['VIP'],
      discount: 5,
      customFields: { shoe: '38' },
    });
    const doc = {
      ...fields,
      consent: { email: { granted: false, at: null, by: 'u', source: 'import' }, postalMail: null, phone: null },
      version: 3,
      createdDay: '2026-01-02',
      cardCodes: ['ABC'],
    } as unknown as CustomerDoc;
    const packed = packState(doc);
    expect(packed.length).toBeLessThan(400); // the whole document is several times that
    const back = unpackState(packed);
    expect({ ...back, consent: undefined }).toEqual({ ...doc, consent: undefined });
    expect(back.consent).toEqual({ email: expect.objectContaining({ granted: false }), postalMail: null, phone: null });
  });
});
