// Phones through libphonenumber-js: parsing with the chain's country, storage in E.164, display, search forms, keys.
import { describe, expect, it } from 'vitest';
import { formatPhone, parsePhone, parsePhones, phoneHref, phoneKey, phoneQueryDigits, phoneSearchForms, phoneSuffixes } from '../../functions/src/model/phone';
import { message } from '../../functions/src/model/messages';

describe('parsePhone: typed text, read with the chain country, stored in E.164', () => {
  it.each([
    // France: spaces, dots, dashes, no separator, the trunk prefix 0, the `00` and `+` international prefixes, `(0)`
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['06.12.34.56.78', 'FR', '+33612345678'],
    ['06-12-34-56-78', 'FR', '+33612345678'],
    ['0612345678', 'FR', '+33612345678'],
    ['+33 6 12 34 56 78', 'FR', '+33612345678'],
    ['+33 (0)6 12 34 56 78', 'FR', '+33612345678'],
    ['0033 (0)1 40 00 00 02', 'FR', '+33140000002'],
    ['00330140000002', 'FR', '+33140000002'],
    // the same French number in a German chain needs its country code
    ['+33 6 12 34 56 78', 'DE', '+33612345678'],
    ['0033 6 12 34 56 78', 'DE', '+33612345678'],
    // United Kingdom
    ['+44 (0)20 7946 0000', 'FR', '+442079460000'],
    ['020 7946 0000', 'GB', '+442079460000'],
    ['+4402079460000', 'FR', '+442079460000'],
    ['07911 123456', 'GB', '+447911123456'],
    // Germany
    ['030 1234567', 'DE', '+49301234567'],
    ['030/1234567', 'DE', '+49301234567'],
    ['+49 (0)30 1234567', 'FR', '+49301234567'],
    ['0049 89 1234567', 'CH', '+49891234567'],
    // Switzerland
    ['022 123 45 67', 'CH', '+41221234567'],
    ['+41 22 123 45 67', 'FR', '+41221234567'],
    ['0041 22 123 45 67', 'DE', '+41221234567'],
    // United States, with extensions
    ['(202) 555-0142', 'US', '+12025550142'],
    ['202.555.0142', 'US', '+12025550142'],
    ['+1 202-555-0142', 'FR', '+12025550142'],
    ['(202) 555-0142 ext. 12', 'US', '+12025550142;ext=12'],
    ['202-555-0142 x 345', 'US', '+12025550142;ext=345'],
  ])('%j in a chain of %s is stored as %j', (text, country, stored) => {
    expect(parsePhone(text, country)).toEqual({ value: stored, parsed: true });
    // stored values read back to themselves (a save of an unchanged form changes nothing)
    expect(parsePhone(stored, country)).toEqual({ value: stored, parsed: true });
    expect(parsePhone(formatPhone(stored, country), country)).toEqual({ value: stored, parsed: true });
  });

  it.each([
    ['12345', 'FR'], // too short
    ['06 12 34 56', 'FR'],
    ['06 12 34 56 78 9', 'FR'], // too long
    ['(123)123-1234', 'US'], // no US area code starts with 1
    ['(123)123-1234', 'FR'],
    ['06 12 34 56 78', 'US'], // a French number typed without its country code in an American chain
    ['0612345678 poste 12', 'FR'], // an extension word the library does not know
    ['call me', 'FR'],
    ['1-800-FLOWERS', 'US'],
    ['+99 123 456', 'FR'], // no such country code
  ])('%j in a chain of %s is not a valid number: kept exactly as typed (trimmed)', (text, country) => {
    expect(parsePhone(`  ${text} `, country)).toEqual({ value: text, parsed: false });
  });

  it('empty stays empty, and is not a warning', () => {
    expect(parsePhone('   ', 'FR')).toEqual({ value: '', parsed: true });
    expect(parsePhones({ home: '', mobile: '' }, 'FR')).toEqual({ phones: { home: '', mobile: '' }, warnings: [] });
  });
});

describe('parsePhones: warnings name the field kept as typed', () => {
  it('parses every kind and reports the unparseable ones as typed data', () => {
    const r = parsePhones({ home: '01 40 00 00 01', work: '12345', mobile: '+33 6 12 34 56 78', pager: '', fax: 'n/a' }, 'FR');
    expect(r.phones).toEqual({ home: '+33140000001', work: '12345', mobile: '+33612345678', pager: '', fax: 'n/a' });
    expect(r.warnings).toEqual([
      { field: 'phones.work', key: 'problem.phoneKept', params: { country: 'FR' } },
      { field: 'phones.fax', key: 'problem.phoneKept', params: { country: 'FR' } },
    ]);
  });

  it('the warning says the default country in each language', () => {
    expect(message('en', 'problem.phoneKept', { country: 'FR' })).toBe(
      'is not a phone number regulars recognizes (default country: France, unless it starts with + or 00): kept as typed',
    );
    expect(message('fr', 'problem.phoneKept', { country: 'DE' })).toContain('pays par défaut : Allemagne');
    expect(message('de', 'problem.phoneKept', { country: 'CH' })).toContain('Standardland: Schweiz');
  });
});

describe('formatPhone: national for the chain country, international otherwise', () => {
  it.each([
    ['+33612345678', 'FR', '06 12 34 56 78'],
    ['+33612345678', 'DE', '+33 6 12 34 56 78'],
    ['+442079460000', 'GB', '020 7946 0000'],
    ['+442079460000', 'FR', '+44 20 7946 0000'],
    ['+49301234567', 'DE', '030 1234567'],
    ['+41221234567', 'CH', '022 123 45 67'],
    ['+41221234567', 'FR', '+41 22 123 45 67'],
    ['+12025550142', 'US', '(202) 555-0142'],
    ['+12025550142;ext=12', 'US', '(202) 555-0142 ext. 12'],
    // stored before phones were parsed (the chain country reads them), or kept as typed
    ['0611223344', 'FR', '06 11 22 33 44'],
    ['12345', 'FR', '12345'],
    ['0612345678 poste 12', 'FR', '0612345678 poste 12'],
    ['', 'FR', ''],
  ])('%j in a chain of %s shows %j', (stored, country, shown) => {
    expect(formatPhone(stored, country)).toBe(shown);
  });

  it('links a valid number with tel:, nothing else', () => {
    expect(phoneHref('+33612345678', 'FR')).toBe('tel:+33612345678');
    expect(phoneHref('+12025550142;ext=12', 'FR')).toBe('tel:+12025550142;ext=12');
    expect(phoneHref('12345', 'FR')).toBe('');
  });
});

describe('search forms and duplicate keys', () => {
  it('a number is searched by its national, national significant and international digits', () => {
    expect(phoneSearchForms('+33612345678')).toEqual({ prefixed: ['0612345678', '612345678', '33612345678'], tail: '612345678' });
    expect(phoneSearchForms('+442079460000')).toEqual({ prefixed: ['02079460000', '2079460000', '442079460000'], tail: '2079460000' });
    // the US has no trunk prefix: the national digits are the national significant number
    expect(phoneSearchForms('+12025550142;ext=12')).toEqual({ prefixed: ['2025550142', '12025550142'], tail: '2025550142' });
    // kept as typed: its digits
    expect(phoneSearchForms('12345')).toEqual({ prefixed: ['12345'], tail: '12345' });
    expect(phoneSearchForms('')).toEqual({ prefixed: [], tail: '' });
  });

  it('the last 4 to 8 digits are bounded tails, shorter than the number', () => {
    expect(phoneSuffixes('612345678')).toEqual(['5678', '45678', '345678', '2345678', '12345678']);
    expect(phoneSuffixes('2079460000')).toHaveLength(5);
    expect(phoneSuffixes('12345')).toEqual(['2345']);
    expect(phoneSuffixes('123')).toEqual([]);
  });

  it('a typed search with the 00 international prefix is tried without it too', () => {
    expect(phoneQueryDigits('06 12')).toEqual(['0612']);
    expect(phoneQueryDigits('+33 6 12')).toEqual(['33612']);
    expect(phoneQueryDigits('0033612')).toEqual(['0033612', '33612']);
    expect(phoneQueryDigits('--')).toEqual([]);
  });

  it('the duplicate key is E.164 with its extension; digits for a number kept as typed', () => {
    expect(phoneKey('+33612345678')).toBe('+33612345678');
    expect(phoneKey('+12025550142;ext=12')).toBe('+12025550142;ext=12');
    expect(phoneKey('(123)123-1234')).toBe('1231231234');
    expect(phoneKey('')).toBe('');
  });
});

describe('a chain without a country', () => {
  it('reads numbers with their country code only (+ or 00), keeps the others as typed', () => {
    expect(parsePhone('+33 6 12 34 56 78', null)).toEqual({ value: '+33612345678', parsed: true });
    expect(parsePhone('0033 (0)1 40 00 00 02', null)).toEqual({ value: '+33140000002', parsed: true });
    expect(parsePhone('0041 22 123 45 67', null)).toEqual({ value: '+41221234567', parsed: true });
    expect(parsePhone('06 12 34 56 78', null)).toEqual({ value: '06 12 34 56 78', parsed: false });
    expect(parsePhones({ mobile: '0612345678' }, null).warnings).toEqual([{ field: 'phones.mobile', key: 'problem.phoneKept', params: { country: '' } }]);
    expect(message('en', 'problem.phoneKept', { country: '' })).toContain('the chain has no country set');
  });

  it('shows every valid number in international format, the others as stored', () => {
    expect(formatPhone('+33612345678', null)).toBe('+33 6 12 34 56 78');
    expect(formatPhone('06 12 34 56 78', null)).toBe('06 12 34 56 78');
  });
});
