// Visit segments as list filters (new, regular, VIP, lapsed, birthday this month, visited a
// location), combined with search and the other filters, their reads per page, the chain's
// thresholds, and the visit columns of imports (Square, Shopify, regulars' own) and exports.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminBucket, adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { importFile } from '../helpers/imports';
import { paths } from '../../functions/src/model/paths';

let team: Team;
let L1: string;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const month = new Date().toISOString().slice(5, 7);
const ids: Record<string, string> = {};

beforeAll(async () => {
  team = await createTeam('Segments');
  L1 = (await adminDb.collection(paths.locations(team.chainId)).where('name', '==', 'Centre').get()).docs[0]!.id;
  // Square's customer export: first and last visit, transaction count.
  const square = [
    'First Name,Last Name,Email Address,Transaction Count,First Visit,Last Visit,Birthday',
    `Nora,Neuf,nora@seg.test,1,${day(5)},${day(5)},`,
    `Rita,Regular,rita@seg.test,20,2024-01-10,${day(10)},`,
    `Victor,Vip,victor@seg.test,45,2023-03-01,${day(2)},`,
    `Lara,Lapsed,lara@seg.test,4,2023-01-01,${day(200)},1990-${month}-05`,
    `Bea,Birthday,bea@seg.test,,,,1985-${month}-20`,
    `Rolf,Regular,rolf@seg.test,16,2025-01-10,${day(100)},`,
  ].join('\n');
  const { report } = await importFile(team.chainId, 'square.csv', square);
  expect(report.status).toBe('done');
  // Shopify's customer export: the order count.
  const shopify = ['First Name,Last Name,Email,Total Orders', 'Sam,Shop,sam@seg.test,33'].join('\n');
  expect((await importFile(team.chainId, 'shopify.csv', shopify)).report.status).toBe('done');
  for (const d of (await adminDb.collection(paths.customers(team.chainId)).get()).docs) ids[String(d.get('firstName'))] = d.id;
});
afterAll(() => team.closeAll());

async function search(query: object, user = team.staff, pageSize = 25) {
  const res = await user.call('searchCustomers', { chainId: team.chainId, query, pageSize });
  return { names: (res.rows as { firstName: string }[]).map((r) => r.firstName).sort(), total: res.total as number, reads: res.reads as number };
}

describe('imported visit columns', () => {
  it('reads Square’s first and last visit and transaction count, and Shopify’s order count', async () => {
    const rita = (await adminDb.doc(paths.customer(team.chainId, ids.Rita!)).get()).data()!;
    expect(rita.visits).toBe(20);
    expect(rita.firstVisitAt.toDate().toISOString().slice(0, 10)).toBe('2024-01-10');
    expect(rita.lastVisitAt.toDate().toISOString().slice(0, 10)).toBe(day(10));
    expect((await adminDb.doc(paths.customer(team.chainId, ids.Sam!)).get()).get('visits')).toBe(33);
    expect((await adminDb.doc(paths.customer(team.chainId, ids.Bea!)).get()).get('visits')).toBeUndefined();
  });

  it('refuses a visit cell it cannot read, naming its column', async () => {
    const { report } = await importFile(
      team.chainId,
      'bad-visits.csv',
      'First Name,Last Name,Transaction Count,Last Visit\nX,Bad,many,2024-01-01\nY,Bad,3,someday',
    );
    expect(report.errors.map((e: { column: string }) => e.column).sort()).toEqual(['Last Visit', 'Transaction Count']);
  });
});

describe('segments', () => {
  it('new: first visit in the last 30 days', async () => {
    expect((await search({ segment: 'new' })).names).toEqual(['Nora']);
  });
  it('regular (15 to 30 visits) and VIP (over 30), by default', async () => {
    expect((await search({ segment: 'regular' })).names).toEqual(['Rita', 'Rolf']);
    expect((await search({ segment: 'vip' })).names).toEqual(['Sam', 'Victor']);
  });
  it('lapsed: no visit for 90 days (never visited is not lapsed)', async () => {
    expect((await search({ segment: 'lapsed' })).names).toEqual(['Lara', 'Rolf']);
  });
  it('birthday this month', async () => {
    expect((await search({ segment: 'birthday' })).names).toEqual(['Bea', 'Lara']);
  });
  it('combine with search text and other filters, with exact totals', async () => {
    expect(await search({ segment: 'regular', text: 'rita' })).toMatchObject({ names: ['Rita'], total: 1 });
    expect(await search({ segment: 'lapsed', createdFrom: day(1) })).toMatchObject({ names: ['Lara', 'Rolf'], total: 2 });
    expect(await search({ segment: 'lapsed', createdTo: '2020-01-01' })).toMatchObject({ names: [], total: 0 });
    expect(await search({ segment: 'vip', text: 'r o' })).toMatchObject({ names: [], total: 0 });
  });
  it('each segment page reads at most 60 documents', async () => {
    for (const segment of ['new', 'regular', 'vip', 'lapsed', 'birthday']) {
      const res = await search({ segment }, team.staff, 20);
      expect(res.reads, segment).toBeLessThanOrEqual(60);
    }
  });
  it('visited a given location, after a check-in there; the check-in makes the customer new', async () => {
    expect((await search({ visitedLocationId: L1 })).names).toEqual([]);
    await team.staff.call('checkIn', { chainId: team.chainId, customerId: ids.Bea, locationId: L1, source: 'search' });
    expect((await search({ visitedLocationId: L1 })).names).toEqual(['Bea']);
    expect((await search({ segment: 'new' })).names).toEqual(['Bea', 'Nora']);
  });
  it('follows the chain’s thresholds without rewriting rows', async () => {
    await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { visits: { regularVisits: 4, vipVisits: 40, lapsedDays: 150 } } });
    try {
      expect((await search({ segment: 'regular' })).names).toEqual(['Lara', 'Rita', 'Rolf', 'Sam']);
      expect((await search({ segment: 'vip' })).names).toEqual(['Victor']);
      expect((await search({ segment: 'lapsed' })).names).toEqual(['Lara']);
    } finally {
      await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { visits: { regularVisits: 15, vipVisits: 31, lapsedDays: 90 } } });
    }
  });
  it('refuses an unknown segment and a location id that is not an id', async () => {
    expect(await callError(team.staff.call('searchCustomers', { chainId: team.chainId, query: { segment: 'whales' } }))).toMatchObject({
      code: 'invalid-argument',
      details: { problems: [{ path: 'query.segment' }] },
    });
    expect(await callError(team.staff.call('searchCustomers', { chainId: team.chainId, query: { visitedLocationId: 'a/b' } }))).toMatchObject({
      code: 'invalid-argument',
    });
  });
  it('only the chain’s owners change the thresholds', async () => {
    expect(await callError(team.manager.call('saveChainSettings', { chainId: team.chainId, settings: { visits: { vipVisits: 2 } } }))).toMatchObject({
      code: 'permission-denied',
    });
    expect(await callError(team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { visits: { sameVisitMinutes: 0 } } }))).toMatchObject({
      code: 'invalid-argument',
      details: { problems: [{ path: 'settings.visits.sameVisitMinutes' }] },
    });
  });
});

describe('exports', () => {
  it('a segment exports with its visit columns, and imports back unchanged', async () => {
    const result = await team.manager.call('exportCustomers', { chainId: team.chainId, format: 'plain', lang: 'en', query: { segment: 'vip' } });
    expect(result.rows).toBe(2);
    const [bytes] = await adminBucket.file(result.path).download();
    const rows = parse(bytes.toString('utf8'), { columns: true }) as Record<string, string>[];
    const victor = rows.find((r) => r['First name'] === 'Victor' || r['First Name'] === 'Victor')!;
    expect(victor).toMatchObject({ Visits: '45', 'First visit': '2023-03-01', 'Last visit': day(2) });
    const before = (await adminDb.doc(paths.customer(team.chainId, ids.Victor!)).get()).get('version');
    const { report } = await importFile(team.chainId, 'vip-again.csv', bytes);
    expect(report.status).toBe('done');
    expect((await adminDb.doc(paths.customer(team.chainId, ids.Victor!)).get()).get('version')).toBe(before);
  });
});
