// searchCustomers: prefix search without case or accents, every filter, their combinations,
// order, pagination with an exact total, and reads per page that do not depend on the chain size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerFields } from '../../functions/src/model/customer';
import { planCustomerWrite, applyCustomerWrite, ROW_BUCKETS } from '../../functions/src/store/customers';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { paths } from '../../functions/src/model/paths';

let team: Team;
let types: Record<string, string>;
const ids: Record<string, string> = {};

/** Seeds a customer as if created on `day` (the callables always create "today"). */
async function seed(key: string, fields: object, day: string, chainId = team.chainId) {
  const ref = adminDb.collection(paths.customers(chainId)).doc();
  const parsed = CustomerFields.parse(fields);
  const plan = planCustomerWrite(ref.id, null, parsed, {}, { by: 'seed', source: 'import', now: new Date(`${day}T12:00:00Z`) });
  await adminDb.runTransaction(async (tx) => applyCustomerWrite(tx, adminDb, chainId, plan, null));
  ids[key] = ref.id;
}

const search = (query: object, extra: object = {}) => team.staff.call('searchCustomers', { chainId: team.chainId, query, ...extra });
const names = (r: { rows: { firstName: string; lastName: string }[] }) => r.rows.map((row) => `${row.firstName} ${row.lastName}`);

beforeAll(async () => {
  team = await createTeam('Search');
  const student = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Student', discount: 10 });
  const vip = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'VIP', discount: 20 });
  types = { student: student.typeId, vip: vip.typeId };
  await Promise.all([
    seed(
      'helene',
      {
        firstName: 'Hélène',
        lastName: 'Müller',
        phones: { mobile: '06 12 34 56 78' },
        email: 'helene@example.fr',
        tags: ['VIP', 'Végétarien'],
        customerTypeId: types.vip,
        discount: 15,
        salesTax: 'Hors province',
        address: { postalCode: '75011' },
        custom: 'FID-1',
      },
      '2024-03-15',
    ),
    seed(
      'jean',
      { firstName: 'Jean', lastName: 'Dupont', email: 'dupont@example.fr', phones: { home: '01 40 00 00 01' }, tags: ['VIP'], customerTypeId: types.student },
      '2025-01-10',
    ),
    seed(
      'jeanne',
      { firstName: 'Jeanne', lastName: 'Dupont', email: 'jeanne.dupont@example.com', tags: ['Végétarien'], customerTypeId: types.student, discount: 15 },
      '2025-06-30',
    ),
    seed('anne', { firstName: 'Anne', lastName: 'van Dam', company: 'Helix SA', tags: [], salesTax: 'Hors province' }, '2026-01-01'),
    seed('zoe', { firstName: 'Zoé', lastName: 'Éluard', title: 'Mme', phones: { work: '+41 22 123 45 67' }, tags: ['VIP', 'Moto'] }, '2026-02-14'),
    seed('paul', { firstName: 'Paul', lastName: 'Éluard', tags: ['Moto'] }, '2023-12-31'),
  ]);
});
afterAll(() => team.closeAll());

describe('text search', () => {
  it.each([
    ['helene', ['Hélène Müller']],
    ['HÉL', ['Hélène Müller', 'Anne van Dam']],
    ['muller', ['Hélène Müller']],
    ['0612', ['Hélène Müller']],
    ['06 12 34', ['Hélène Müller']],
    ['dupont@', ['Jean Dupont']],
    ['dupont', ['Jean Dupont', 'Jeanne Dupont']],
    ['jean dup', ['Jean Dupont', 'Jeanne Dupont']],
    ['jeanne', ['Jeanne Dupont']],
    ['eluard', ['Paul Éluard', 'Zoé Éluard']],
    ['mme', ['Zoé Éluard']],
    ['+41 22', ['Zoé Éluard']],
    ['7501', ['Hélène Müller']],
    ['fid-1', ['Hélène Müller']],
    ['nobody', []],
  ])('%j finds %j, sorted by last then first name', async (text, expected) => {
    const r = await search({ text });
    expect(names(r)).toEqual(expected);
    expect(r.total).toBe(expected.length);
  });

  it('sorts everyone by last name, then first name', async () => {
    expect(names(await search({}))).toEqual(['Jean Dupont', 'Jeanne Dupont', 'Paul Éluard', 'Zoé Éluard', 'Hélène Müller', 'Anne van Dam']);
  });
});

describe('filters', () => {
  it('by customer type, discount and sales tax', async () => {
    expect(names(await search({ customerTypeId: types.student }))).toEqual(['Jean Dupont', 'Jeanne Dupont']);
    expect(names(await search({ customerTypeId: '' }))).toEqual(['Paul Éluard', 'Zoé Éluard', 'Anne van Dam']);
    expect(names(await search({ discount: 15 }))).toEqual(['Jeanne Dupont', 'Hélène Müller']);
    expect(names(await search({ discount: null, customerTypeId: types.student }))).toEqual(['Jean Dupont']);
    expect(names(await search({ salesTax: 'hors PROVINCE' }))).toEqual(['Hélène Müller', 'Anne van Dam']);
  });

  it('by tags: has all of, has none of', async () => {
    expect(names(await search({ tagsAll: ['vip'] }))).toEqual(['Jean Dupont', 'Zoé Éluard', 'Hélène Müller']);
    expect(names(await search({ tagsAll: ['VIP', 'vegetarien'] }))).toEqual(['Hélène Müller']);
    const none = await search({ tagsNone: ['VIP'] });
    expect(names(none)).toEqual(['Jeanne Dupont', 'Paul Éluard', 'Anne van Dam']);
    expect(none.total).toBe(3);
    const both = await search({ tagsAll: ['moto'], tagsNone: ['vip', 'végétarien'] });
    expect(names(both)).toEqual(['Paul Éluard']);
    expect(both.total).toBe(1);
  });

  it('by creation date range, inclusive', async () => {
    expect(names(await search({ createdFrom: '2025-01-01', createdTo: '2025-12-31' }))).toEqual(['Jean Dupont', 'Jeanne Dupont']);
    expect(names(await search({ createdFrom: '2024-03-15', createdTo: '2024-03-15' }))).toEqual(['Hélène Müller']);
    const open = await search({ createdFrom: '2025-06-30' });
    expect(names(open)).toEqual(['Jeanne Dupont', 'Zoé Éluard', 'Anne van Dam']);
    expect(open.total).toBe(3);
    expect(names(await search({ createdTo: '2023-12-31' }))).toEqual(['Paul Éluard']);
  });

  it('combines a search term with filters', async () => {
    expect(names(await search({ text: 'dupont', tagsAll: ['vip'] }))).toEqual(['Jean Dupont']);
    expect(names(await search({ text: 'eluard', tagsNone: ['vip'], createdTo: '2024-01-01' }))).toEqual(['Paul Éluard']);
    const r = await search({ text: 'h', createdFrom: '2024-01-01', tagsNone: ['végétarien'] });
    expect(names(r)).toEqual(['Anne van Dam']);
    expect(r.total).toBe(1);
  });

  it('rejects bad filters with field paths', async () => {
    const err = await callError(search({ createdFrom: '2025-02-01', tagsNone: ['a', 'b', 'c', 'd'], discount: 'x', createdTo: '2025-13-01' }));
    expect(err.code).toBe('invalid-argument');
    expect(err.details.problems.map((p: { path: string }) => p.path).sort()).toEqual(['query.createdTo', 'query.discount', 'query.tagsNone']);
    const order = await callError(search({ createdFrom: '2025-02-01', createdTo: '2025-01-01' }));
    expect(order.details.problems).toEqual([expect.objectContaining({ path: 'query.createdTo', code: 'dateOrder' })]);
    const cursor = await callError(search({}, { cursor: '../../x' }));
    expect(cursor.code).toBe('invalid-argument');
  });
});

describe('pagination', () => {
  it('pages in order with a cursor and an exact total, reading no more than a page', async () => {
    const first = await search({}, { pageSize: 2 });
    expect(names(first)).toEqual(['Jean Dupont', 'Jeanne Dupont']);
    expect(first.total).toBe(6);
    expect(first.nextCursor).toBeTruthy();
    // 3 rows wanted over the 4 key ranges (at least 2 asked of each), the migration state, the count.
    expect(first.reads).toBeLessThanOrEqual(2 + 1 + 2 * ROW_BUCKETS + 1 + 1);
    const second = await search({}, { pageSize: 2, cursor: first.nextCursor, withTotal: false });
    expect(names(second)).toEqual(['Paul Éluard', 'Zoé Éluard']);
    expect(second.total).toBeNull();
    const third = await search({}, { pageSize: 2, cursor: second.nextCursor });
    expect(names(third)).toEqual(['Hélène Müller', 'Anne van Dam']);
    expect(third.nextCursor).toBeNull();
  });

  it('pages a date range merged from several queries without losing or repeating anyone', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ createdFrom: '2023-12-31', createdTo: '2026-02-14' }, { pageSize: 1, cursor });
      seen.push(...names(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['Jean Dupont', 'Jeanne Dupont', 'Paul Éluard', 'Zoé Éluard', 'Hélène Müller', 'Anne van Dam']);
  });

  it('reads no more for a page of a chain ten times larger', async () => {
    const big = await createTeam('Search 60');
    try {
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          seed(`big${i}`, { firstName: `Ana${i}`, lastName: `Big${String(i).padStart(2, '0')}`, tags: ['VIP'] }, '2025-05-05', big.chainId),
        ),
      );
      const page = (t: Team, query: object, extra: object = {}) => t.staff.call('searchCustomers', { chainId: t.chainId, query, pageSize: 2, ...extra });
      for (const [query, extra] of [
        [{}, {}],
        [{ tagsAll: ['vip'] }, {}],
        [{}, { withTotal: false }],
      ] as const) {
        const [small, large] = [await page(team, query, extra), await page(big, query, extra)];
        expect(large.rows).toHaveLength(2);
        // A page of 2 wants 3 rows (one more tells there is a next page), asked of each of the 4 key
        // ranges (2 each, a range read again when it runs out first), plus the migration state and a
        // total under 1,000 (one read): bounded whatever the chain's size.
        const bound = 3 + 2 * ROW_BUCKETS + 1 + ('withTotal' in extra ? 0 : 1);
        expect(small.reads).toBeLessThanOrEqual(bound);
        expect(large.reads).toBeLessThanOrEqual(bound);
      }
      expect((await page(big, {})).total).toBe(60);
    } finally {
      await big.closeAll();
    }
  });

  it('staff of another chain see nothing', async () => {
    expect((await callError(team.outsider.call('searchCustomers', { chainId: team.chainId, query: {} }))).code).toBe('permission-denied');
  });
});

describe('every searchable field, and postal codes or numbers typed with spaces', () => {
  let other: Team;
  const find = async (text: string) => names(await other.staff.call('searchCustomers', { chainId: other.chainId, query: { text } }));
  beforeAll(async () => {
    other = await createTeam('Search fields');
    await Promise.all([
      seed(
        'marie',
        {
          firstName: 'Marie',
          lastName: 'Tremblay',
          email: 'marie@work.example',
          email2: 'Marie.T@Maison.example',
          phones: { home: '514 555 0101', pager: '(438) 555-0199', fax: '+1 450 555 0142' },
          address: { postalCode: 'H2X 1Y4', country: 'Canada' },
          address2: { postalCode: 'G1R4P5' },
        },
        '2025-01-01',
        other.chainId,
      ),
      seed(
        'daan',
        {
          firstName: 'Daan',
          lastName: 'de Vries',
          address: { postalCode: '1012AB', country: 'Nederland' },
          address2: { postalCode: '3011 BD' },
          phones: { mobile: '06 12 34 56 78' },
        },
        '2025-01-01',
        other.chainId,
      ),
      seed(
        'noor',
        { firstName: 'Noor', lastName: 'Jansen', address: { postalCode: '1012 AC' }, phones: { work: '06 13 00 00 00' } },
        '2025-01-01',
        other.chainId,
      ),
    ]);
  });
  afterAll(() => other.closeAll());

  it.each([
    // a postal code with letters, as typed with or without its space, stored with or without it
    ['H2X 1Y4', ['Marie Tremblay']],
    ['h2x1y4', ['Marie Tremblay']],
    ['H2X', ['Marie Tremblay']],
    ['h2x 1', ['Marie Tremblay']],
    ['1012 AB', ['Daan de Vries']],
    ['1012ab', ['Daan de Vries']],
    ['1012', ['Daan de Vries', 'Noor Jansen']],
    ['1012 A', ['Daan de Vries', 'Noor Jansen']],
    ['vries 1012 ab', ['Daan de Vries']],
    ['H2X 1Y5', []],
    // the secondary postal code, second email, home, pager and fax phones
    ['G1R 4P5', ['Marie Tremblay']],
    ['g1r4', ['Marie Tremblay']],
    ['3011 BD', ['Daan de Vries']],
    ['marie.t@maison', ['Marie Tremblay']],
    ['maison', ['Marie Tremblay']],
    ['514 555', ['Marie Tremblay']],
    ['438555', ['Marie Tremblay']],
    ['(438) 555-01', ['Marie Tremblay']],
    ['+1 450 555', ['Marie Tremblay']],
    // a phone fragment with spaces, alone or after a name
    ['06 12', ['Daan de Vries']],
    ['06 1', ['Daan de Vries', 'Noor Jansen']],
    ['daan 06 12', ['Daan de Vries']],
    ['noor 06 12', []],
  ])('%j finds %j', async (text, expected) => {
    expect(await find(text)).toEqual(expected);
  });

  it('counts and pages a search tried in several spellings, with filters', async () => {
    const r = await other.staff.call('searchCustomers', { chainId: other.chainId, query: { text: '1012 A', createdFrom: '2024-01-01' }, pageSize: 1 });
    expect(names(r)).toEqual(['Daan de Vries']);
    expect(r.total).toBe(2);
    const next = await other.staff.call('searchCustomers', {
      chainId: other.chainId,
      query: { text: '1012 A', createdFrom: '2024-01-01' },
      pageSize: 1,
      cursor: r.nextCursor,
    });
    expect(names(next)).toEqual(['Noor Jansen']);
    expect(next.nextCursor).toBeNull();
  });
});
