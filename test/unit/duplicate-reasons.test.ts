// Likely duplicates list every reason they match on, and the merge proposes the more complete profile.
import { describe, expect, it } from 'vitest';
import { completeness, reasonsOf, type DuplicateSide } from '../../functions/src/model/merge';
import { CustomerFields } from '../../functions/src/model/customer';

const side = (o: Partial<DuplicateSide>): DuplicateSide => ({
  customerId: 'x',
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  postalCode: '',
  version: 1,
  ...o,
});

describe('reasonsOf', () => {
  it('adds the same name to a pair found by its phone', () => {
    const a = side({ firstName: 'Hélène', lastName: 'Dupont', phone: '06 12 34 56 78', postalCode: '75001' });
    const b = side({ firstName: 'helene', lastName: 'DUPONT', phone: '0612345678', postalCode: '69002' });
    expect(reasonsOf(a, b, ['phone'])).toEqual(['phone', 'name']);
  });

  it('says name and postal code when both match, and the email whatever its case', () => {
    const a = side({ firstName: 'Paul', lastName: 'Martin', email: 'Paul@Example.test', postalCode: 'H2X 1Y4' });
    const b = side({ firstName: 'Paul', lastName: 'Martin', email: 'paul@example.test', postalCode: 'h2x1y4' });
    expect(reasonsOf(a, b)).toEqual(['email', 'namePostal']);
  });

  it('finds no reason in empty fields', () => {
    expect(reasonsOf(side({ firstName: 'A' }), side({ firstName: 'A' }))).toEqual([]);
  });
});

describe('completeness', () => {
  it('counts filled fields', () => {
    const sparse = CustomerFields.parse({ firstName: 'A', lastName: 'B' });
    const full = CustomerFields.parse({ firstName: 'A', lastName: 'B', email: 'a@example.test', tags: ['VIP'], address: { city: 'Lyon' } });
    expect(completeness(full)).toBeGreaterThan(completeness(sparse));
    expect(completeness(full) - completeness(sparse)).toBe(3);
  });
});
