// The discount and sales tax that apply to a customer: its own, else its type's.
import { describe, expect, it } from 'vitest';
import { effectiveTerms } from '../../functions/src/model/customerType';
import { CustomerFields } from '../../functions/src/model/customer';
import { validate } from '../../functions/src/model/issues';

const student = { discount: 15, salesTax: 'Exempt' };

describe('effectiveTerms', () => {
  it("a customer's own discount and tax override its type's", () => {
    expect(effectiveTerms({ discount: 5, salesTax: 'Standard' }, student)).toEqual({ discount: 5, salesTax: 'Standard' });
  });

  it("a customer without its own takes its type's, each separately", () => {
    expect(effectiveTerms({ discount: null, salesTax: '' }, student)).toEqual({ discount: 15, salesTax: 'Exempt' });
    expect(effectiveTerms({ discount: 5, salesTax: '' }, student)).toEqual({ discount: 5, salesTax: 'Exempt' });
    expect(effectiveTerms({ discount: null, salesTax: 'Standard' }, student)).toEqual({ discount: 15, salesTax: 'Standard' });
  });

  it('a discount of 0 is a decision, not a blank: it overrides the type', () => {
    expect(effectiveTerms({ discount: 0, salesTax: '' }, student)).toEqual({ discount: 0, salesTax: 'Exempt' });
  });

  it('without a type, or a type without terms, only the customer counts', () => {
    expect(effectiveTerms({ discount: null, salesTax: '' }, undefined)).toEqual({ discount: null, salesTax: '' });
    expect(effectiveTerms({ discount: null, salesTax: '' }, null)).toEqual({ discount: null, salesTax: '' });
    expect(effectiveTerms({ discount: 7, salesTax: 'Standard' }, null)).toEqual({ discount: 7, salesTax: 'Standard' });
    expect(effectiveTerms({ discount: null, salesTax: '' }, { discount: null, salesTax: '' })).toEqual({ discount: null, salesTax: '' });
  });

  it('applies to customers as validated (an empty discount is no discount of their own)', () => {
    const r = validate(CustomerFields, { firstName: 'Ana', lastName: 'Lopes', customerTypeId: 'student' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.discount).toBeNull();
    expect(effectiveTerms(r.value, student)).toEqual({ discount: 15, salesTax: 'Exempt' });
  });
});
