import { describe, expect, it } from 'vitest';
import { CustomerFields } from '../../functions/src/model/customer';
import { parsePhones } from '../../functions/src/model/phone';
import { MAX_SEARCH_WORDS, queryKeySets, searchKeys, searchTerms } from '../../functions/src/model/search';
import { sortId } from '../../functions/src/store/customers/indexDoc';
import { duplicateKeys } from '../../functions/src/store/customers/lookup';
import { dateCover } from '../../functions/src/store/customers/search';

/** As saveCustomer stores it: phones parsed with the chain's country. */
const stored = (c: CustomerFields, country = 'FR'): CustomerFields => ({ ...c, phones: parsePhones(c.phones, country).phones });

const customer = stored(
  CustomerFields.parse({
    firstName: 'Hélène',
    lastName: 'Müller-Straße',
    title: 'Dr',
    company: "L'Atelier du Pain",
    email: 'Helene.Muller@Example.com',
    phones: { mobile: '06 12 34 56 78', work: '+33 1 23 45 67 89' },
    address: { postalCode: '75 011' },
    address2: { postalCode: 'H2X1Y4' },
    custom: 'FID-00042',
  }),
);
const dutch = stored(
  CustomerFields.parse({ firstName: 'Anouk', lastName: 'de Vries', address: { postalCode: '1012 AB' }, phones: { home: '020 123 4567' } }),
  'NL',
);

/** A customer matches when every key of one of the search's key sets is among its keys. */
const matcher = (c: CustomerFields) => {
  const keys = searchKeys(c);
  return (text: string) => queryKeySets(text).some((set) => set.every((k) => keys.has(k)));
};

describe('searchKeys / queryKeySets', () => {
  const finds = matcher(customer);

  it.each([
    'helene',
    'HÉLÈNE',
    'hel',
    'muller',
    'strasse',
    'straße',
    'Müller-Straße',
    'dr',
    'atelier',
    'pain',
    "l'atelier",
    '0612',
    '06 12 34',
    '06-12-34-56-78',
    '+33 1 23',
    '3312345',
    '75011',
    '75 0',
    'helene.muller@',
    'helene.muller@example.c',
    'example',
    'fid-00042',
    '00042',
    'hel mull',
    'H2X 1Y4',
    'h2x1y4',
    'H2X',
    'h2x 1',
    'helene h2x 1y4',
    'mull 06 12',
    // every form of a phone: national, national significant number, international, `00`, last 4+ digits
    '612',
    '6 12 34',
    '+33 6 12',
    '+33612345678',
    '0033612',
    '0033 6 12 34 56 78',
    '33 6 12',
    '5678',
    '56 78',
    '12 34 56 78',
    '123',
    '6789',
  ])('%j finds the customer', (text) => {
    expect(finds(text)).toBe(true);
  });

  it.each(['helena', 'dupont', '0613', 'muller@', 'hel dup', '7512', 'H2X 1Y5', 'h2y', 'helene 06 13', '+44 6 12', '0044612', '5679', '3412'])(
    '%j does not',
    (text) => {
      expect(finds(text)).toBe(false);
    },
  );

  it.each(['1012 AB', '1012ab', '1012', '1012 a', 'vries 1012 ab', '020 12', 'anouk 020 123'])('%j finds a Dutch customer', (text) => {
    expect(matcher(dutch)(text)).toBe(true);
  });

  it('tries a spaced postal code both as words and joined, a few spellings at most', () => {
    expect(queryKeySets('H2X 1Y4')).toEqual([['1y4', 'h2x'], ['h2x1y4']]);
    expect(queryKeySets('Hélène dup')).toEqual([['dup', 'helene']]);
    expect(queryKeySets('06 12')).toEqual([['0612']]);
    expect(queryKeySets('+33 6 12')).toEqual([['33612']]);
    expect(queryKeySets('0033 6 12')).toEqual([['0033612'], ['33612']]);
    expect(queryKeySets('a1 b2 c3 d4 e5 f6').length).toBeLessThanOrEqual(8);
  });

  it('an empty or punctuation-only search has no keys', () => {
    expect(queryKeySets('   ')).toEqual([]);
    expect(queryKeySets(' -- ')).toEqual([]);
  });
});

describe('sortId', () => {
  it('sorts by last name, then first name, ignoring case and accents', () => {
    const ids = [
      sortId({ lastName: 'van Dam', firstName: 'Anne' }, 'a'),
      sortId({ lastName: 'Van', firstName: 'Zoé' }, 'b'),
      sortId({ lastName: 'Éluard', firstName: 'Paul' }, 'c'),
      sortId({ lastName: 'Dupont', firstName: 'Jean-Pierre' }, 'd'),
      sortId({ lastName: 'dupont', firstName: 'Jean' }, 'e'),
      sortId({ lastName: 'Zola', firstName: 'Émile' }, 'f'),
    ].sort();
    expect(ids.map((id) => id.split(' ').pop())).toEqual(['e', 'd', 'c', 'b', 'a', 'f']);
  });

  it('never contains a slash', () => {
    expect(sortId({ lastName: 'A/B', firstName: '../x' }, 'id')).not.toContain('/');
  });
});

describe('duplicateKeys', () => {
  it('uses the email without case, the phone in E.164, and name with postal code', () => {
    expect(duplicateKeys(customer).sort()).toEqual(['e:helene.muller@example.com', 'n:helene|muller strasse|75011', 'p:+33612345678', 'p:+33123456789'].sort());
  });

  it('gives every form of one number the same key, and a number kept as typed its digits', () => {
    const keyOf = (mobile: string, country: string) =>
      duplicateKeys({ ...customer, email: '', email2: '', phones: parsePhones({ ...customer.phones, work: '', mobile }, country).phones });
    for (const form of ['06 12 34 56 78', '+33 6 12 34 56 78', '0033 6 12 34 56 78', '+33 (0)6 12 34 56 78', '06.12.34.56.78']) {
      expect(keyOf(form, 'FR')).toContain('p:+33612345678');
    }
    expect(keyOf('06 12 34 56 78', 'DE')).not.toContain('p:+33612345678');
    expect(keyOf('0612345678 poste 12', 'FR')).toContain('p:061234567812');
  });
});

describe('dateCover', () => {
  it('covers a range exactly with years, months and days', () => {
    expect(dateCover('2024-11-20', '2026-02-02')).toEqual({
      years: ['2025'],
      months: ['2024-12', '2026-01'],
      days: [
        '2024-11-20',
        '2024-11-21',
        '2024-11-22',
        '2024-11-23',
        '2024-11-24',
        '2024-11-25',
        '2024-11-26',
        '2024-11-27',
        '2024-11-28',
        '2024-11-29',
        '2024-11-30',
        '2026-02-01',
        '2026-02-02',
      ],
    });
    expect(dateCover('2024-02-01', '2024-02-29')).toEqual({ years: [], months: ['2024-02'], days: [] });
    expect(dateCover('2024-03-05', '2024-03-05')).toEqual({ years: [], months: [], days: ['2024-03-05'] });
    expect(dateCover('2000-01-01', '2026-11-23').years).toHaveLength(26);
  });
});

describe('searchTerms: a bounded number of words', () => {
  const pasted = 'Hélène Müller 12 rue des Lilas 75011 Paris +33 6 12 34 56 78 helene.muller@example.com';

  it(`searches the first ${MAX_SEARCH_WORDS} words of a pasted contact line and names the others, as typed`, () => {
    const { keySets, ignoredWords } = searchTerms(pasted);
    for (const set of keySets) expect(set.length).toBeLessThanOrEqual(MAX_SEARCH_WORDS);
    expect(keySets.length).toBeLessThanOrEqual(8);
    expect(keySets[0]).toEqual(expect.arrayContaining(['helene', 'muller']));
    expect(ignoredWords).toEqual(['75011', 'Paris', '+33', '6', '12', '34', '56', '78', 'helene.muller@example.com']);
    expect(queryKeySets(pasted)).toEqual(keySets);
  });

  it('ignores nothing within the limit, and a word whose keys do not all fit is left out whole', () => {
    expect(searchTerms('Hélène dup').ignoredWords).toEqual([]);
    expect(searchTerms('a b c d e jean-pierre').ignoredWords).toEqual(['jean-pierre']);
    expect(searchTerms('06 12 34 56 78 90 12 34').ignoredWords).toEqual([]);
    // the most spellings a search is tried in: three gaps that may be joined
    expect(searchTerms('Daan 06 12 34 56 78 de Vries Dam 1 1012 AB Amsterdam daan@example.nl').keySets).toHaveLength(8);
  });
});
