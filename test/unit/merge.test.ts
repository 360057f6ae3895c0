import { describe, expect, it } from 'vitest';
import { CustomerFields } from '../../functions/src/model/customer';
import { mergeFields } from '../../functions/src/model/merge';

const c = (input: object) => CustomerFields.parse({ firstName: 'A', lastName: 'B', ...input });

describe('mergeFields', () => {
  it('fills empty fields from the other profile and keeps the kept one on conflicts by default', () => {
    const r = mergeFields(c({ title: 'M.', company: '' }), c({ title: 'Dr', company: 'ACME', discount: 5 }));
    expect(r.fields).toMatchObject({ title: 'M.', company: 'ACME', discount: 5 });
    expect(r.conflicts).toEqual(['title']);
    expect(mergeFields(c({ title: 'M.' }), c({ title: 'Dr' }), { title: 'merge' }).fields.title).toBe('Dr');
  });

  it('treats emails without case, and puts a second email in the free slot', () => {
    expect(mergeFields(c({ email: 'A@x.test' }), c({ email: 'a@X.test' })).conflicts).toEqual([]);
    expect(mergeFields(c({ email: 'a@x.test' }), c({ email: 'b@x.test' })).fields).toMatchObject({ email: 'a@x.test', email2: 'b@x.test' });
    const picked = mergeFields(c({ email: 'a@x.test' }), c({ email: 'b@x.test' }), { email: 'merge' });
    expect(picked.fields).toMatchObject({ email: 'b@x.test', email2: 'a@x.test' });
  });

  it('never loses an email or a phone: with no slot left they go to the notes', () => {
    const r = mergeFields(c({ email: 'a@x.test', email2: 'b@x.test', notes: 'Hi' }), c({ email: 'c@x.test', email2: 'd@x.test' }));
    expect(r.fields.email2).toBe('b@x.test');
    expect(r.fields.notes).toBe('Hi\n+ c@x.test, d@x.test');
    const phones = { home: '0100000001', work: '0100000002', mobile: '0600000003', pager: '0100000004', fax: '0100000005' };
    const full = mergeFields(c({ phones }), c({ phones: { mobile: '0600000009' } }));
    expect(full.fields.phones).toEqual(phones);
    expect(full.fields.notes).toBe('+ 0600000009');
  });

  it('moves the other phone to a free slot of another kind', () => {
    const r = mergeFields(c({ phones: { mobile: '0600000001' } }), c({ phones: { mobile: '0600000002', work: '0100000002' } }));
    expect(r.fields.phones).toMatchObject({ mobile: '0600000001', work: '0100000002', home: '0600000002' });
    expect(r.conflicts).toEqual(['phones.mobile']);
  });

  it('unites tags without case or accents, and merges custom fields with picks', () => {
    const r = mergeFields(
      c({ tags: ['VIP', 'Végétarien'], customFields: { a: '1', b: '' } }),
      c({ tags: ['vip', 'Moto'], customFields: { a: '2', b: '3', c: '4' } }),
      { 'customFields.a': 'merge' },
    );
    expect(r.fields.tags).toEqual(['VIP', 'Végétarien', 'Moto']);
    expect(r.fields.customFields).toEqual({ a: '2', b: '3', c: '4' });
  });

  it('takes addresses whole', () => {
    const r = mergeFields(c({ address: { line1: '1 rue A', city: 'Paris' } }), c({ address: { line1: '2 rue B', city: 'Lyon' }, address2: { city: 'Nice' } }));
    expect(r.fields.address).toMatchObject({ line1: '1 rue A', city: 'Paris' });
    expect(r.fields.address2).toMatchObject({ city: 'Nice' });
    expect(r.conflicts).toEqual(['address']);
  });
});
