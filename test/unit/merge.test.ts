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

  it('whatever the picks, every email and phone number of both profiles stays, in a slot or in the notes', () => {
    const keepPhones = { home: '0100000001', work: '0100000002', mobile: '0600000003', pager: '', fax: '' };
    const otherPhones = { home: '0100000011', work: '', mobile: '0600000013', pager: '0100000014', fax: '0100000015' };
    const keep = c({ email: 'a@x.test', email2: 'b@x.test', phones: keepPhones });
    const other = c({ email: 'c@x.test', email2: 'd@x.test', phones: otherPhones });
    for (const email of ['keep', 'merge'] as const) {
      for (const email2 of ['keep', 'merge'] as const) {
        for (const mobile of ['keep', 'merge'] as const) {
          const r = mergeFields(keep, other, { email, email2, 'phones.mobile': mobile, 'phones.home': mobile });
          expect(r.refusals).toEqual([]);
          const kept = [r.fields.email, r.fields.email2, ...Object.values(r.fields.phones), ...r.fields.notes.replace(/^\+ /, '').split(', ')];
          for (const value of ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test', ...Object.values(keepPhones), ...Object.values(otherPhones)].filter(Boolean)) {
            expect(kept, `${value} with picks ${email}/${email2}/${mobile}`).toContain(value);
          }
        }
      }
    }
    // The case that lost the kept profile's second email: the other's primary picked.
    const picked = mergeFields(c({ email: 'a@x.test', email2: 'b@x.test' }), c({ email: 'c@x.test' }), { email: 'merge' });
    expect(picked.fields).toMatchObject({ email: 'c@x.test', email2: 'a@x.test', notes: '+ b@x.test' });
  });

  it('refuses, naming them, the tags beyond the limit instead of dropping them', () => {
    const mine = Array.from({ length: 48 }, (_, i) => `k${i}`);
    const r = mergeFields(c({ tags: mine }), c({ tags: ['k1', 'Extra A', 'Extra B', 'Extra C', 'Extra D'] }));
    expect(r.refusals).toEqual([{ path: 'tags', key: 'mergeTooManyTags', params: { max: 50, tags: 'Extra C, Extra D' } }]);
    expect(r.fields.tags).toHaveLength(52);
    expect(mergeFields(c({ tags: mine }), c({ tags: ['Extra A', 'Extra B'] })).refusals).toEqual([]);
  });

  it('refuses rather than cut notes the leftovers would overflow', () => {
    const notes = 'n'.repeat(3990);
    const r = mergeFields(c({ email: 'a@x.test', email2: 'b@x.test', notes }), c({ email: 'c@x.test' }));
    expect(r.refusals).toEqual([{ path: 'notes', key: 'mergeNotesTooLong', params: { limit: 3999, count: 1 } }]);
    expect(r.fields.notes).toBe(notes);
    const fits = mergeFields(c({ email: 'a@x.test', email2: 'b@x.test', notes: 'n'.repeat(3900) }), c({ email: 'c@x.test' }));
    expect(fits.refusals).toEqual([]);
    expect(fits.fields.notes).toBe(`${'n'.repeat(3900)}\n+ c@x.test`);
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
