// Hardening (issue 14, part A), through the real callables: a pasted contact line in the customer search does not bring a function instance down: it is
// searched by its first words, and the ignored words are named.
// The other chain, customer or card is checked unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SEARCH_WORDS, searchTerms } from '../../functions/src/model/search';
import { countQueries, MAX_COUNT_QUERIES } from '../../functions/src/store/customers/search';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';

let b: Team;

beforeAll(async () => {
  b = await createTeam('Hardening B');
});
afterAll(() => b.closeAll());

describe('a pasted contact line in the customer search', () => {
  const pasted = 'Hélène Müller 12 rue des Lilas 75011 Paris +33 6 12 34 56 78 helene.muller@example.com Bâtiment B 3e étage';

  it('is searched by its first words, says which words it ignored, and the instance serves the next request', async () => {
    await createCustomer(b.staff, b.chainId, someone({ firstName: 'Hélène', lastName: 'Müller', address: { postalCode: '75011', city: 'Paris' } }));
    // Every list filter too, and the excluded tags' count: the largest query a search can make.
    const query = {
      text: pasted,
      tagsAll: ['a', 'b', 'c', 'd', 'e'],
      tagsNone: ['x', 'y', 'z'],
      customerTypeId: '',
      salesTax: '',
      discount: null,
      createdFrom: '2020-01-01',
      createdTo: '2026-12-31',
    };
    const worst = await b.staff.call('searchCustomers', { chainId: b.chainId, query, withTotal: true });
    // Its total would take 4 queries (spellings, creation buckets) × 8 subsets of the excluded tags
    // count() aggregations: past the budget, the page comes without it.
    expect(countQueries(4, 3)).toBeGreaterThan(MAX_COUNT_QUERIES);
    expect([worst.total, worst.rows.length]).toEqual([null, 0]);
    expect(worst.reads).toBeLessThanOrEqual(60);
    expect(worst.ignoredWords).toEqual(pasted.split(' ').slice(MAX_SEARCH_WORDS));
    // A line whose first words are tried in the most spellings (8: three gaps that may be joined).
    const dutch = 'Daan 06 12 34 56 78 de Vries Dam 1 1012 AB Amsterdam daan@example.nl';
    expect(searchTerms(dutch).keySets).toHaveLength(8);
    const most = await b.staff.call('searchCustomers', { chainId: b.chainId, query: { ...query, text: dutch }, withTotal: true });
    expect([most.total, most.rows.length, most.ignoredWords.length]).toEqual([null, 0, dutch.split(' ').length - MAX_SEARCH_WORDS]);
    // With one excluded tag and no date range, the same line is counted (8 spellings: one OR query, 2 subsets).
    const counted = await b.staff.call('searchCustomers', { chainId: b.chainId, query: { text: dutch, tagsNone: ['x'] }, withTotal: true });
    expect(counted.total).toBe(0);
    const line = await b.staff.call('searchCustomers', { chainId: b.chainId, query: { text: pasted } });
    expect(line.ignoredWords).toHaveLength(pasted.split(' ').length - MAX_SEARCH_WORDS);
    // Then a normal search, on the same functions: it is answered.
    const next = await b.staff.call('searchCustomers', { chainId: b.chainId, query: { text: 'hélène müller' } });
    expect(next.rows.map((r: { lastName: string }) => r.lastName)).toEqual(['Müller']);
    expect(next.ignoredWords).toEqual([]);
  });
});
