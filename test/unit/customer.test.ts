import { describe, expect, it } from 'vitest';
import { CustomerFields, SaveCustomerInput } from '../../functions/src/model/customer';
import { validate } from '../../functions/src/model/issues';
import { fold } from '../../functions/src/model/text';

const base = { firstName: 'Hélène', lastName: 'Müller-Straße' };
const problems = (input: object, lang: 'en' | 'fr' | 'de' = 'en') => {
  const r = validate(CustomerFields, { ...base, ...input }, lang);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
};
const parsed = (input: object) => {
  const r = validate(CustomerFields, { ...base, ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};

describe('names', () => {
  it('are required, trimmed, and under 128 characters', () => {
    expect(parsed({}).firstName).toBe('Hélène');
    expect(parsed({ lastName: '  Dupont ' }).lastName).toBe('Dupont');
    expect(problems({ firstName: '' })).toEqual(['firstName: is required']);
    expect(problems({ lastName: '   ' })).toEqual(['lastName: is required']);
    expect(problems({ firstName: 'x'.repeat(127) })).toEqual([]);
    expect(problems({ firstName: 'x'.repeat(128) })).toEqual(['firstName: must be under 128 characters']);
    expect(validate(CustomerFields, { lastName: 'A' }).ok).toBe(false);
  });

  it('say what is wrong in French and German', () => {
    expect(problems({ firstName: '' }, 'fr')).toEqual(['firstName: est obligatoire']);
    expect(problems({ company: 'x'.repeat(128) }, 'de')).toEqual(['company: muss weniger als 128 Zeichen haben']);
  });

  it('keep accents exactly', () => {
    expect(parsed({}).lastName).toBe('Müller-Straße');
  });
});

describe('emails', () => {
  it.each(['jean.dupont@example.fr', 'a+b@sub.example.co.uk', ''])('accepts %j', (email) => {
    expect(problems({ email, email2: email })).toEqual([]);
  });
  it.each(['jean', 'jean@', '@example.com', 'jean@example', 'jean dupont@example.com', 'a@b.c'])('rejects %j', (email) => {
    expect(problems({ email })).toEqual(['email: is not a valid email address']);
  });
  it('must be under 128 characters', () => {
    const longest = `${'a'.repeat(115)}@example.com`;
    expect(longest.length).toBe(127);
    expect(problems({ email: longest, email2: longest })).toEqual([]);
    const long = `${'a'.repeat(116)}@example.com`;
    expect(long.length).toBe(128);
    expect(problems({ email2: long })).toEqual(['email2: must be under 128 characters']);
  });
});

describe('phones', () => {
  // The schema keeps a phone as typed (trimmed); parsing with the chain's country is model/phone.ts (test/unit/phone.test.ts).
  it.each(['06 12 34 56 78', '+44 (0)20 7946 0000', '0612345678 poste 12', 'call me'])('keeps %j as typed', (input) => {
    expect(parsed({ phones: { mobile: ` ${input} ` } }).phones.mobile).toBe(input);
  });

  it('refuses a phone over 40 characters', () => {
    expect(problems({ phones: { fax: '1'.repeat(41) } })).toEqual(['phones.fax: must be under 41 characters']);
  });

  it('empty stays empty', () => {
    expect(parsed({ phones: { home: '' } }).phones).toEqual({ home: '', work: '', mobile: '', pager: '', fax: '' });
  });

  it('rejects unknown phone kinds', () => {
    expect(problems({ phones: { cell: '0612345678' } })).toEqual(['phones.cell: unknown field: cell']);
  });
});

describe('tax ids, addresses, postal codes, cities', () => {
  it('tax id, VAT and registration numbers are under 64 characters', () => {
    expect(problems({ taxId: 'x'.repeat(63), vatNumber: 'FR12345678901', companyRegistrationNumber: '123 456 789' })).toEqual([]);
    expect(problems({ taxId: 'x'.repeat(64) })).toEqual(['taxId: must be under 64 characters']);
    expect(problems({ vatNumber: 'x'.repeat(64) })).toEqual(['vatNumber: must be under 64 characters']);
    expect(problems({ companyRegistrationNumber: 'x'.repeat(63) })).toEqual([]);
    expect(problems({ companyRegistrationNumber: 'x'.repeat(64) })).toEqual(['companyRegistrationNumber: must be under 64 characters']);
  });

  it('address lines under 255, postal code under 64, city under 65', () => {
    expect(problems({ address: { line1: 'x'.repeat(254), postalCode: 'x'.repeat(63), city: 'x'.repeat(64) } })).toEqual([]);
    expect(problems({ address: { line1: 'x'.repeat(255) } })).toEqual(['address.line1: must be under 255 characters']);
    expect(problems({ address2: { line2: 'x'.repeat(255) } })).toEqual(['address2.line2: must be under 255 characters']);
    expect(problems({ address: { postalCode: 'x'.repeat(64) } })).toEqual(['address.postalCode: must be under 64 characters']);
    expect(problems({ address2: { city: 'x'.repeat(65) } })).toEqual(['address2.city: must be under 65 characters']);
  });

  it('state and country under 128', () => {
    expect(problems({ address: { state: 'x'.repeat(127), country: 'x'.repeat(127) }, address2: { state: 'x'.repeat(127), country: 'x'.repeat(127) } })).toEqual(
      [],
    );
    expect(problems({ address: { state: 'x'.repeat(128) } })).toEqual(['address.state: must be under 128 characters']);
    expect(problems({ address2: { country: 'x'.repeat(128) } })).toEqual(['address2.country: must be under 128 characters']);
    expect(problems({ address: { country: 'x'.repeat(128) }, address2: { state: 'x'.repeat(128) } })).toEqual([
      'address.country: must be under 128 characters',
      'address2.state: must be under 128 characters',
    ]);
  });
});

describe('title and custom value', () => {
  it('are under 128 characters', () => {
    expect(problems({ title: 'x'.repeat(127), custom: 'x'.repeat(127) })).toEqual([]);
    expect(problems({ title: 'x'.repeat(128) })).toEqual(['title: must be under 128 characters']);
    expect(problems({ custom: 'x'.repeat(128) })).toEqual(['custom: must be under 128 characters']);
  });
});

describe('other fields', () => {
  it('birth date is a real past date', () => {
    expect(parsed({ birthDate: '1984-02-29' }).birthDate).toBe('1984-02-29');
    expect(problems({ birthDate: '1985-02-29' })).toEqual(['birthDate: is not a valid date (YYYY-MM-DD)']);
    expect(problems({ birthDate: '29/02/1984' })).toEqual(['birthDate: is not a valid date (YYYY-MM-DD)']);
    expect(problems({ birthDate: '2999-01-01' })).toEqual(['birthDate: must be a date between 1900-01-01 and today']);
  });

  it('website gets a scheme when it has none', () => {
    expect(parsed({ website: 'www.bistro.fr' }).website).toBe('https://www.bistro.fr');
    expect(parsed({ website: 'http://bistro.fr/menu' }).website).toBe('http://bistro.fr/menu');
    expect(problems({ website: 'not a site' })).toEqual(['website: is not a valid web address']);
    expect(problems({ website: 'ftp://bistro.fr' })).toEqual(['website: is not a valid web address']);
  });

  it('discount is a percentage with at most two decimals, or none', () => {
    expect(parsed({ discount: 12.5 }).discount).toBe(12.5);
    expect(parsed({}).discount).toBeNull();
    expect(problems({ discount: 101 })).toEqual(['discount: must be at most 100']);
    expect(problems({ discount: -1 })).toEqual(['discount: must be at least 0']);
    expect(problems({ discount: 1.234 })).toEqual(['discount: must have at most two decimals']);
    expect(problems({ discount: '10' })).toEqual(['discount: must be a number']);
    expect(problems({ discount: 'abc' }, 'fr')).toEqual(['discount: doit être un nombre']);
    expect(problems({ discount: 'abc' }, 'de')).toEqual(['discount: muss eine Zahl sein']);
  });

  it('language is one of fr, de, en or empty', () => {
    expect(parsed({ language: 'de' }).language).toBe('de');
    expect(problems({ language: 'es' })).toHaveLength(1);
  });

  it('tags are trimmed, deduplicated ignoring case and accents, and bounded', () => {
    expect(parsed({ tags: [' VIP ', 'vip', 'Végétarien', 'vegetarien', 'Moto  cycliste'] }).tags).toEqual(['VIP', 'Végétarien', 'Moto cycliste']);
    expect(problems({ tags: [''] })).toEqual(['tags.0: is required']);
    expect(problems({ tags: ['x'.repeat(41)] })).toEqual(['tags.0: must be under 41 characters']);
    expect(problems({ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).toEqual(['tags: must have at most 50 entries']);
  });

  it('custom fields have safe keys and bounded values', () => {
    expect(parsed({ customFields: { shoe_size: '43' } }).customFields).toEqual({ shoe_size: '43' });
    expect(problems({ customFields: { 'Shoe Size': '43' } })).toHaveLength(1);
    expect(problems({ customFields: { shoe_size: 'x'.repeat(256) } })).toEqual(['customFields.shoe_size: must be under 256 characters']);
  });

  it('rejects unknown fields instead of dropping them', () => {
    expect(problems({ nickname: 'Lulu' })).toEqual(['nickname: unknown field: nickname']);
  });
});

describe('saveCustomer input', () => {
  it('an update needs the version it is based on', () => {
    const r = validate(SaveCustomerInput, { chainId: 'c', customerId: 'x', customer: base });
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['expectedVersion']);
    const nested = validate(SaveCustomerInput, { chainId: 'c', customer: { ...base, email: 'bad' } });
    expect(!nested.ok && nested.problems.map((p) => p.path)).toEqual(['customer.email']);
  });
});

describe('fold', () => {
  it('removes case and accents the way search and duplicates need', () => {
    expect(fold('Hélène Müller-Straße ÆØŒ')).toBe('helene muller-strasse aeooe');
  });
});
