// Which orders serve which list queries (model/search.ts sortServes), the search input's `sort`
// refusal at its path, and the location-in-use and card-assignment messages in each language.
import { describe, expect, it } from 'vitest';
import { AssignCardsInput } from '../../functions/src/model/card';
import { problemMessage, validate } from '../../functions/src/model/issues';
import { SearchCustomersInput, sortServes } from '../../functions/src/model/search';

describe('sortServes', () => {
  it('serves every query by name, and only the whole list (or a creation range) in the other orders', () => {
    for (const q of [{}, { text: 'dup' }, { tagsAll: ['VIP'] }, { segment: 'vip' as const }, { discount: null }]) expect(sortServes('name', q)).toBe(true);
    for (const sort of ['-name', 'created', '-created'] as const) {
      expect(sortServes(sort, {})).toBe(true);
      expect(sortServes(sort, { text: '  ' })).toBe(true);
      for (const q of [
        { text: 'dup' },
        { tagsAll: ['VIP'] },
        { tagsNone: ['VIP'] },
        { customerTypeId: '' },
        { discount: null },
        { salesTax: '' },
        { segment: 'lapsed' as const },
        { visitedLocationId: 'loc1' },
      ]) {
        expect(sortServes(sort, q), `${sort} ${JSON.stringify(q)}`).toBe(false);
      }
    }
    expect(sortServes('created', { createdFrom: '2025-01-01', createdTo: '2025-02-01' })).toBe(true);
    expect(sortServes('-created', { createdTo: '2025-02-01' })).toBe(true);
    // Z→A: the whole list only (its order on `sn` cannot take a range on `cd` without a composite index).
    expect(sortServes('-name', { createdFrom: '2025-01-01' })).toBe(false);
    expect(sortServes('-name', { createdTo: '2025-02-01' })).toBe(false);
  });

  it('a search row carries its folded sort key, descending in the Z→A order', async () => {
    const { indexDoc } = await import('../../functions/src/store/customers/indexDoc');
    const { CustomerFields } = await import('../../functions/src/model/customer');
    const row = (first: string, last: string, id: string) => indexDoc(id, CustomerFields.parse({ firstName: first, lastName: last }), [], '2025-01-01').sn;
    const keys = [row('Zoé', 'Étienne', 'c1'), row('Ana', 'étienne', 'c2'), row('Bob', 'Adam', 'c3'), row('Al', 'Zola', 'c4')];
    expect(keys[0]).toBe('etienne zoe c1');
    expect([...keys].sort().reverse()).toEqual([keys[3], keys[0], keys[1], keys[2]]);
    expect(SearchCustomersInput.safeParse({ chainId: 'c1', sort: '-name' }).success).toBe(true);
    expect(SearchCustomersInput.safeParse({ chainId: 'c1', sort: '-name', query: { createdFrom: '2025-01-01' } }).success).toBe(false);
  });

  it('the search input refuses an order its query cannot use, at `sort`, and defaults to the name', () => {
    const refused = validate(SearchCustomersInput, { chainId: 'c1', query: { text: 'dup' }, sort: '-created' }, 'fr');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.map((p) => [p.path, p.code])).toEqual([['sort', 'sortWholeList']]);
    const parsed = SearchCustomersInput.parse({ chainId: 'c1' });
    expect(parsed.sort).toBe('name');
    expect(SearchCustomersInput.safeParse({ chainId: 'c1', sort: 'email' }).success).toBe(false);
  });
});

describe('messages', () => {
  it('names every use of a location in each language', () => {
    expect(problemMessage('en', 'locationInUse', { uses: 'visits,signUps' })).toBe(
      'is still used by visits at the till, pending self sign-ups: it cannot be removed (rename it instead)',
    );
    expect(problemMessage('fr', 'locationInUse', { uses: 'posters' })).toContain('affiches');
    expect(problemMessage('de', 'locationInUse', { uses: 'consent,history' })).toContain('Kontakterlaubnisse');
  });

  it('assignCards input: ids once each, 1 to 100', () => {
    expect(AssignCardsInput.safeParse({ chainId: 'c', batchId: 'b', customerIds: ['a', 'a'] }).success).toBe(false);
    expect(AssignCardsInput.safeParse({ chainId: 'c', batchId: 'b', customerIds: [] }).success).toBe(false);
    expect(AssignCardsInput.safeParse({ chainId: 'c', batchId: 'b', customerIds: Array.from({ length: 101 }, (_, i) => `c${i}`) }).success).toBe(false);
    expect(AssignCardsInput.safeParse({ chainId: 'c', batchId: 'b', customerIds: ['a', 'b'] }).success).toBe(true);
    for (const lang of ['en', 'fr', 'de'] as const)
      for (const key of ['noFreeCard', 'customerHasCard', 'cardsBusy']) expect(problemMessage(lang, key)).not.toBe(problemMessage(lang, 'invalid'));
  });
});
