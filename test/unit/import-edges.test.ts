// Real-world data at the edges of the import, without emulators: day/month order per column,
// two-digit years and birthdays without year, language values of other systems, multi-value cells,
// full names, short rows, warnings, and the headers of Odoo and Google Contacts in FR/DE/EN.
import { describe, expect, it } from 'vitest';
import { columnDateOrder, DateEvidence, parseDateCell } from '../../functions/src/imports/dates';
import { readRow, type RowContext } from '../../functions/src/imports/rows';
import { parseLanguage, spillTargets, splitFullName, splitValues } from '../../functions/src/imports/values';
import { mapColumns, rowContext } from '../../functions/src/imports/columns';
import { Refusal } from '../../functions/src/imports/scan';
import { detectMapping, targetOf } from '../../functions/src/model/csvColumns';
import { CustomerFields } from '../../functions/src/model/customer';
import { ImportMetadata } from '../../functions/src/model/import';

const evidence = (...column: string[]) => {
  const e = new DateEvidence();
  for (const cell of column) e.push(['Ann', cell]);
  return e;
};

describe('day and month order, per column', () => {
  it('a first part above 12 anywhere in the column: day first, for every cell of it', () => {
    const e = evidence('04/05/1975', '31/12/1980', '');
    expect(columnDateOrder(e, 1, 'US')).toEqual({ order: 'dmy', reason: 'column', numeric: 2 });
    expect(parseDateCell('04/05/1975', 'dmy')).toEqual({ date: '1975-05-04' });
  });

  it('a second part above 12: month first, so 04/05/1975 is 5 April and 12/31/1980 is accepted', () => {
    const e = evidence('04/05/1975', '12/31/1980');
    expect(columnDateOrder(e, 1, 'FR')).toEqual({ order: 'mdy', reason: 'column', numeric: 2 });
    expect(parseDateCell('04/05/1975', 'mdy')).toEqual({ date: '1975-04-05' });
    expect(parseDateCell('12/31/1980', 'mdy')).toEqual({ date: '1980-12-31' });
  });

  it('an ambiguous column follows the chain’s country; without one, day first', () => {
    const e = evidence('04/05/1975', '01.02.1990');
    expect(columnDateOrder(e, 1, 'US')).toMatchObject({ order: 'mdy', reason: 'country' });
    expect(columnDateOrder(e, 1, 'DE')).toMatchObject({ order: 'dmy', reason: 'country' });
    expect(columnDateOrder(e, 1, null)).toMatchObject({ order: 'dmy', reason: 'default' });
    expect(columnDateOrder(evidence('31/12/1980', '12/31/1980'), 1, 'US')).toMatchObject({ order: 'mdy', reason: 'mixed' });
    expect(parseDateCell('31/12/1980', 'mdy')).toEqual({ problem: 'date' });
  });

  it('phone numbers, postal codes and ISO dates are no evidence', () => {
    const e = evidence('06.12.34.56.78', '75011', '1980-12-31', '+41 79 123 45 67');
    expect(e.numeric[1]).toBeUndefined();
  });

  it('two-digit years are refused; a missing year is a birthday without year (--MM-DD)', () => {
    expect(parseDateCell('04/05/75', 'dmy')).toEqual({ problem: 'twoDigitYear' });
    expect(parseDateCell('21/03', 'dmy')).toEqual({ date: '--03-21' });
    expect(parseDateCell('21.03.', 'dmy')).toEqual({ date: '--03-21' });
    expect(parseDateCell('03/21', 'mdy')).toEqual({ date: '--03-21' });
    expect(parseDateCell('--03-21', 'dmy')).toEqual({ date: '--03-21' });
    expect(parseDateCell('1980-03-21T00:00:00Z', 'mdy')).toEqual({ date: '1980-03-21' });
    expect(parseDateCell('le 21 mars', 'dmy')).toEqual({ problem: 'date' });
  });

  it('the customer schema accepts a birthday without year, 29 February included, and no impossible day', () => {
    const base = { firstName: 'Zoë', lastName: 'Brontë' };
    expect(CustomerFields.parse({ ...base, birthDate: '--02-29' }).birthDate).toBe('--02-29');
    expect(CustomerFields.safeParse({ ...base, birthDate: '--02-30' }).success).toBe(false);
    expect(CustomerFields.safeParse({ ...base, birthDate: '--13-01' }).success).toBe(false);
    expect(CustomerFields.safeParse({ ...base, birthDate: '1975-05-04' }).success).toBe(true);
  });
});

describe('values of other systems', () => {
  it.each([
    ['French / Français', 'fr'],
    ['fr_FR', 'fr'],
    ['Français (BE)', 'fr'],
    ['de-CH', 'de'],
    ['Deutsch', 'de'],
    ['German / Deutsch', 'de'],
    ['English (US)', 'en'],
    ['en_GB', 'en'],
    ['Anglais', 'en'],
    ['Spanish / Español', null],
    ['es_ES', null],
  ])('language %j -> %s', (cell, code) => {
    expect(parseLanguage(cell)).toBe(code);
  });

  it('multi-value cells: values split, Google’s system labels dropped', () => {
    expect(splitValues('* myContacts ::: VIP ::: Stammgäste')).toEqual(['VIP', 'Stammgäste']);
    expect(spillTargets(['firstName', 'email', 'phones.mobile'])).toEqual(
      new Map([
        ['email', ['email2']],
        ['phones.mobile', ['phones.home', 'phones.work']],
      ]),
    );
  });

  it('full names: the last word is the last name, with its particles; `Last, First` too', () => {
    expect(splitFullName('René Méndez')).toEqual({ firstName: 'René', lastName: 'Méndez' });
    expect(splitFullName('Jean de La Fontaine')).toEqual({ firstName: 'Jean', lastName: 'de La Fontaine' });
    expect(splitFullName('Anna Maria van der Berg')).toEqual({ firstName: 'Anna Maria', lastName: 'van der Berg' });
    expect(splitFullName('Müller, Jürgen')).toEqual({ firstName: 'Jürgen', lastName: 'Müller' });
  });
});

const ctxFor = (headers: string[], extra: Partial<RowContext> = {}): RowContext => {
  const { targets } = detectMapping(headers);
  return rowContext({ headers, targets, types: new Map(), emptyCells: 'keep', lang: 'en', ...extra }, null, null, 'en').ctx;
};

describe('rows: warnings instead of failures for optional enumerated values', () => {
  it('an unknown language or consent value imports the row without it, with a warning naming the column', () => {
    const ctx = ctxFor(['Prénom', 'Nom', 'Langue', 'Newsletter']);
    const read = readRow(['Inès', 'Garcia', 'Español', 'peut-être'], ctx);
    expect(read.problems).toEqual([]);
    expect(read.values.has('language')).toBe(false);
    expect(read.consent).toEqual({});
    expect(read.warnings).toEqual([
      { column: 'Langue', value: 'Español', message: 'is not French, German or English: the language was left empty' },
      { column: 'Newsletter', value: 'peut-être', message: 'is neither yes nor no: the contact permission was left as it was' },
    ]);
  });

  it('a full name of one word: the first name is missing, and the problem names the column', async () => {
    const { checkRow, mergeRow } = await import('../../functions/src/imports/rows');
    const ctx = ctxFor(['Name', 'Email']);
    const read = readRow(['Cher', 'cher@example.test'], ctx);
    const checked = checkRow(mergeRow(null, read.values), ctx, ['Cher', 'cher@example.test']);
    expect(checked).toEqual({ ok: false, problems: [{ column: 'Name', value: 'Cher', message: 'is required' }] });
  });

  it('Odoo languages are read', () => {
    const ctx = ctxFor(['Name', 'Language']);
    expect(readRow(['Marie Curie', 'French / Français'], ctx).values).toEqual(
      new Map([
        ['firstName', 'Marie'],
        ['lastName', 'Curie'],
        ['language', 'fr'],
      ]),
    );
  });

  it('Google multi-value cells go to the main and secondary fields; a third value is a warning', () => {
    const ctx = ctxFor(['First Name', 'Last Name', 'E-mail 1 - Value', 'Phone 1 - Value', 'Labels']);
    const read = readRow(
      ['Jürgen', 'Müller', 'jm@example.test ::: juergen@example.test ::: j@example.test', '+49 30 1234567 ::: +49 151 23456789', '* myContacts ::: VIP'],
      ctx,
    );
    expect(read.values.get('email')).toBe('jm@example.test');
    expect(read.values.get('email2')).toBe('juergen@example.test');
    // both numbers read into E.164 (the second one too, in the secondary field)
    expect(read.values.get('phones.mobile')).toBe('+49301234567');
    expect(read.values.get('phones.home')).toBe('+4915123456789');
    expect(read.values.get('tags')).toEqual(['VIP']);
    expect(read.warnings).toEqual([
      { column: 'E-mail 1 - Value', value: expect.stringContaining('j@example.test'), message: 'holds several values: only the first was imported' },
    ]);
  });

  it('the second phone of a multi-value cell is read like the first: kept as typed with a warning when it is not a number', () => {
    const ctx = ctxFor(['First Name', 'Last Name', 'Phone 1 - Value']);
    const read = readRow(['Ann', 'Lee', '+33 6 12 34 56 78 ::: ask at the desk'], ctx);
    expect(read.values.get('phones.mobile')).toBe('+33612345678');
    expect(read.values.get('phones.home')).toBe('ask at the desk');
    expect(read.warnings).toEqual([{ column: 'Phone 1 - Value', value: 'ask at the desk', message: expect.stringContaining('kept as typed') }]);
  });

  it('a birthday without year and a two-digit year', () => {
    const ctx = ctxFor(['First Name', 'Last Name', 'Birthday']);
    expect(readRow(['Ann', 'Lee', '--03-21'], ctx).values.get('birthDate')).toBe('--03-21');
    expect(readRow(['Ann', 'Lee', '21/03/75'], ctx).problems).toEqual([
      { column: 'Birthday', value: '21/03/75', message: 'has a two-digit year: write the year with four digits (1975, not 75)' },
    ]);
  });

  it('short rows: a warning, or an error when a name is among the missing cells', () => {
    const ctx = ctxFor(['Email', 'First Name', 'Last Name', 'City']);
    const short = readRow(['ann@example.test', 'Ann', 'Lee'], ctx);
    expect(short.problems).toEqual([]);
    expect(short.warnings).toEqual([{ column: '', value: '', message: expect.stringContaining('(3 cells, 4 columns)') }]);
    expect(readRow(['ann@example.test', 'Ann', 'Lee'], { ...ctx, emptyCells: 'clear' }).values.has('address.city')).toBe(false);
    const broken = readRow(['Paris'], ctx);
    expect(broken.problems).toEqual([{ column: '', value: '', message: expect.stringContaining('(1 cells, 4 columns) and no name') }]);
  });
});

describe('headers of other systems, in the three languages', () => {
  it.each([
    ['Téléphone portable', 'phones.mobile'],
    ['Handynummer', 'phones.mobile'],
    ['Mobile phone', 'phones.mobile'],
    ['Natel', 'phones.mobile'],
    ['Téléphone fixe', 'phones.home'],
    ['Festnetz', 'phones.home'],
    ['Street2', 'address.line2'],
    ['Rue 2', 'address.line2'],
    ['Straße 2', 'address.line2'],
    ['E-mail 1 - Value', 'email'],
    ['E-mail 2 - Value', 'email2'],
    ['Organization Name', 'company'],
    ['Address 1 - Street', 'address.line1'],
    ['Address 1 - Postal Code', 'address.postalCode'],
    ['Address 1 - City', 'address.city'],
    ['Address 1 - Country', 'address.country'],
    ['Address 2 - City', 'address2.city'],
    ['Labels', 'tags'],
    ['Name', 'fullName'],
    ['Phone 1 - Label', '-'],
  ])('%s -> %s', (header, target) => {
    expect(targetOf(header)).toBe(target);
  });

  it('Odoo: Phone and Mobile fill two fields; Name is split; Street2 is the second line', () => {
    const m = detectMapping(['Name', 'Email', 'Phone', 'Mobile', 'Street', 'Street2', 'Zip', 'City', 'Country', 'Language', 'Tags']);
    expect(m.targets).toEqual([
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
    expect(m.repeated).toEqual([]);
  });

  it('French Odoo: `Nom` alone is a full name; with `Prénom` it stays the last name', () => {
    expect(detectMapping(['Nom', 'Courriel', 'Téléphone', 'Mobile']).targets).toEqual(['fullName', 'email', 'phones.home', 'phones.mobile']);
    expect(detectMapping(['Prénom', 'Nom', 'Téléphone']).targets).toEqual(['firstName', 'lastName', 'phones.mobile']);
  });

  it('German `Vorname` + `Name`: Name is the last name', () => {
    expect(detectMapping(['Vorname', 'Name', 'Handynummer']).targets).toEqual(['firstName', 'lastName', 'phones.mobile']);
  });

  it('Google Contacts: Phone 1 and Phone 2 fill mobile and home; Name is ignored next to first and last name', () => {
    const m = detectMapping(['Name', 'Given Name', 'Family Name', 'Phone 1 - Type', 'Phone 1 - Value', 'Phone 2 - Type', 'Phone 2 - Value']);
    expect(m.targets).toEqual(['', 'firstName', 'lastName', '', 'phones.mobile', '', 'phones.home']);
  });

  it('a file without name columns is refused; the refusal names the encoding when the header looks garbled', () => {
    const meta = ImportMetadata.parse({});
    const refusal = (header: string[], encoding: 'utf-8' | 'windows-1252') => {
      try {
        mapColumns(header, meta, [], { encoding, bom: 0 });
        return null;
      } catch (err) {
        return err as Refusal;
      }
    };
    expect(refusal(['PrÃ©nom', 'Nom de famille'], 'utf-8')).toMatchObject({ reason: 'missingColumn', params: { field: 'firstName', encoding: 'UTF-8' } });
    expect(refusal(['Pr\u017dnom', 'Nom de famille'], 'windows-1252')?.params).toMatchObject({ encoding: 'Windows-1252' });
    expect(refusal(['Email', 'Nom de famille'], 'utf-8')?.params).toEqual({ field: 'firstName' });
    expect(refusal(['Name', 'Email'], 'utf-8')).toBeNull();
  });
});
