// Visit segments as single keys (model/segments.ts, store/customers/segments.ts): the write path
// keys rows, a fresh stamp makes a segment one equality with the same results as the exact block
// filter, the refresh re-keys rows as days pass and after a settings change, check-ins count on
// the chain's local day, and day counters past retention are purged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { createTeam, type Team } from '../helpers/chains';
import { callError } from '../helpers/clients';
import { importFile } from '../helpers/imports';
import { paths } from '../../functions/src/model/paths';
import { CustomerQuery } from '../../functions/src/model/search';
import { addDays, localDay, segmentState, stampOf, type SegmentStamp } from '../../functions/src/model/segments';
import { DEFAULT_VISIT_SETTINGS, type Segment } from '../../functions/src/model/visits';
import { applyCheckIn, purgeOldStats, readCustomer, readSegmentContext, refreshSegments, runSearch, visitSummaryOf } from '../../functions/src/store/customers';

const DAY = 86_400_000;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
let team: Team;
let L1: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  team = await createTeam('Segment keys');
  L1 = (await adminDb.collection(paths.locations(team.chainId)).where('name', '==', 'Centre').get()).docs[0]!.id;
  const csv = [
    'First Name,Last Name,Transaction Count,First Visit,Last Visit',
    `Nora,Neuf,1,${day(5)},${day(5)}`,
    `Nadia,Nouvelle,2,${day(25)},${day(3)}`,
    `Rita,Regular,20,2024-01-10,${day(10)}`,
    `Victor,Vip,45,2023-03-01,${day(2)}`,
    `Lara,Lapsed,4,2023-01-01,${day(200)}`,
    `Lea,Presque,3,2024-05-01,${day(80)}`,
    `Rolf,Regular,16,2025-01-10,${day(100)}`,
    'Bea,Never,,,',
  ].join('\n');
  expect((await importFile(team.chainId, 'visits.csv', csv)).report.status).toBe('done');
  for (const d of (await adminDb.collection(paths.customers(team.chainId)).get()).docs) ids[String(d.get('firstName'))] = d.id;
});
afterAll(() => team.closeAll());

async function search(query: object, user = team.manager) {
  const res = await user.call('searchCustomers', { chainId: team.chainId, query, pageSize: 25 });
  return { names: (res.rows as { firstName: string }[]).map((r) => r.firstName).sort(), total: res.total as number, reads: res.reads as number };
}

/** Names of a segment read in the test process, at any instant, with or without the chain's stamp. */
async function namesAt(segment: Segment, nowMs: number, useStamp: boolean) {
  const ctx = await readSegmentContext(adminDb, team.chainId, nowMs);
  const res = await runSearch(adminDb, team.chainId, CustomerQuery.parse({ segment }), 50, undefined, true, useStamp ? ctx : { ...ctx, stamp: null });
  return { names: res.rows.map((r) => r.firstName).sort(), total: res.total };
}

async function stamp(): Promise<SegmentStamp | undefined> {
  return (await adminDb.doc(paths.chain(team.chainId)).get()).get('segmentKeys') as SegmentStamp | undefined;
}

describe('keys written by the write path', () => {
  it('a new chain is stamped for today, and an import keys its rows with the chain settings', async () => {
    expect(await stamp()).toEqual(stampOf({ settings: DEFAULT_VISIT_SETTINGS, timeZone: 'UTC', nowMs: Date.now() }));
    const rita = (await readCustomer(adminDb, team.chainId, ids.Rita!))!;
    expect(rita.doc.segments?.members).toEqual(['regular']);
    const row = (await adminDb.collection(paths.customerIndex(team.chainId)).where('customerId', '==', ids.Rita).get()).docs[0]!;
    expect(row.get('k')['~seg:regular']).toBe(true);
    expect(row.get('k')['~seg:vip']).toBeUndefined();
    expect(row.get('sl')).toBe(rita.doc.segments?.label);
    const bea = (await readCustomer(adminDb, team.chainId, ids.Bea!))!;
    expect(bea.doc.segments ?? null).toBeNull();
  });

  it('with a fresh stamp every segment gives what the exact block filter gives, within 60 reads', async () => {
    const expected: Record<string, string[]> = {
      new: ['Nadia', 'Nora'],
      regular: ['Rita', 'Rolf'],
      vip: ['Victor'],
      lapsed: ['Lara', 'Rolf'],
    };
    for (const segment of ['new', 'regular', 'vip', 'lapsed'] as const) {
      const keyed = await search({ segment });
      expect(keyed.names, segment).toEqual(expected[segment]);
      expect(keyed.total).toBe(expected[segment]!.length);
      expect(keyed.reads).toBeLessThanOrEqual(60);
      expect(await namesAt(segment, Date.now(), false)).toEqual({ names: expected[segment], total: expected[segment]!.length });
    }
    // Combined with text and another filter, as the list does.
    expect(await search({ segment: 'regular', text: 'rolf' })).toMatchObject({ names: ['Rolf'], total: 1 });
  });

  it('a stale stamp (yesterday) falls back to the block filter: same results', async () => {
    const fresh = await stamp();
    await adminDb.doc(paths.chain(team.chainId)).update({ segmentKeys: { ...fresh, day: addDays(fresh!.day, -1) } });
    try {
      expect((await search({ segment: 'lapsed' })).names).toEqual(['Lara', 'Rolf']);
      expect((await search({ segment: 'new' })).names).toEqual(['Nadia', 'Nora']);
    } finally {
      await adminDb.doc(paths.chain(team.chainId)).update({ segmentKeys: fresh });
    }
  });

  it('a check-in keys the customer at once (never visited: new)', async () => {
    await team.staff.call('checkIn', { chainId: team.chainId, customerId: ids.Bea, locationId: L1, source: 'search' });
    expect((await search({ segment: 'new' })).names).toEqual(['Bea', 'Nadia', 'Nora']);
    expect((await readCustomer(adminDb, team.chainId, ids.Bea!))!.doc.segments?.members).toEqual(['new']);
  });
});

describe('refresh as days pass', () => {
  it('re-keys only the rows whose segments changed, and then agrees with the block filter', async () => {
    // 12 days later: Lea (last visit 80 days ago) lapses; Nadia (first visit 25 days ago) is no longer new.
    const later = Date.now() + 12 * DAY;
    const done = await refreshSegments(adminDb, team.chainId, later);
    expect(done.full).toBe(false);
    expect(done.rekeyed).toBe(2);
    expect((await stamp())?.day).toBe(localDay(later, 'UTC'));
    for (const segment of ['new', 'regular', 'vip', 'lapsed'] as const) {
      expect(await namesAt(segment, later, true), segment).toEqual(await namesAt(segment, later, false));
    }
    expect((await namesAt('lapsed', later, true)).names).toEqual(['Lara', 'Lea', 'Rolf']);
    expect((await namesAt('new', later, true)).names).toEqual(['Bea', 'Nora']);
    // A second run on the same day changes nothing.
    expect(await refreshSegments(adminDb, team.chainId, later)).toEqual({ rekeyed: 0, checked: 0, full: false });
  });

  it('back to today (a stamp in the future): every row with a visit is checked again', async () => {
    const done = await refreshSegments(adminDb, team.chainId, Date.now());
    expect(done.full).toBe(true);
    expect(done.checked).toBe(8);
    expect((await search({ segment: 'lapsed' })).names).toEqual(['Lara', 'Rolf']);
    expect((await search({ segment: 'new' })).names).toEqual(['Bea', 'Nadia', 'Nora']);
  });
});

describe('settings change', () => {
  it('new thresholds apply at once (block filter), and to the keys after the refresh', async () => {
    await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { visits: { regularVisits: 3, vipVisits: 17 } } });
    const expected = { regular: ['Lara', 'Lea', 'Rolf'], vip: ['Rita', 'Victor'] };
    expect((await search({ segment: 'regular' })).names).toEqual(expected.regular);
    expect((await search({ segment: 'vip' })).names).toEqual(expected.vip);
    const done = await refreshSegments(adminDb, team.chainId);
    expect(done.full).toBe(true);
    const ctx = await readSegmentContext(adminDb, team.chainId);
    expect(ctx.stamp?.label).toBe(stampOf(ctx).label);
    expect((await search({ segment: 'regular' })).names).toEqual(expected.regular);
    expect((await search({ segment: 'vip' })).names).toEqual(expected.vip);
    const lea = (await readCustomer(adminDb, team.chainId, ids.Lea!))!;
    expect(lea.doc.segments).toEqual(segmentState(visitSummaryOf(lea.doc), ctx));
  });
});

describe('time zone', () => {
  it('refuses a time zone Intl does not know, naming the field', async () => {
    const err = await callError(team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { timeZone: 'Paris' } }));
    expect(err.code).toBe('invalid-argument');
    expect(err.details.problems.map((p: { path: string }) => p.path)).toEqual(['settings.timeZone']);
  });

  it('a check-in at 00:30 in Paris (23:30 UTC in winter) counts on the Paris day', async () => {
    await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { timeZone: 'Europe/Paris' } });
    const ctx = await readSegmentContext(adminDb, team.chainId);
    expect(ctx.timeZone).toBe('Europe/Paris');
    const atMs = Date.parse('2026-01-15T23:30:00Z');
    const made = await adminDb.runTransaction(async (tx) => {
      const customer = (await readCustomer(adminDb, team.chainId, ids.Lara!, tx))!;
      return applyCheckIn(tx, adminDb, team.chainId, customer, { locationId: L1, source: 'scan', by: 'test', atMs }, { ...ctx, nowMs: atMs });
    });
    const visit = await adminDb.doc(`${paths.visits(team.chainId, ids.Lara!)}/${made.visitId}`).get();
    expect(visit.get('day')).toBe('2026-01-16');
    const stats = await adminDb.collection(paths.stats(team.chainId)).where('day', '==', '2026-01-16').get();
    expect(stats.docs.reduce((n, d) => n + (d.get('checkIns') as number), 0)).toBe(1);
    expect((await adminDb.collection(paths.stats(team.chainId)).where('day', '==', '2026-01-15').get()).size).toBe(0);
    // A time zone change re-keys every row on the next refresh (its label changed).
    expect((await refreshSegments(adminDb, team.chainId)).full).toBe(true);
    expect((await search({ segment: 'lapsed' })).names).toEqual(await namesAt('lapsed', Date.now(), false).then((r) => r.names));
  });
});

describe('retention of day counters', () => {
  it('purges counters older than 400 days in every chain, keeps the rest; counters hold no customer id', async () => {
    const stats = adminDb.collection(paths.stats(team.chainId));
    const now = Date.now();
    const old = addDays(localDay(now, 'UTC'), -401);
    const kept = addDays(localDay(now, 'UTC'), -399);
    await Promise.all([
      stats.doc(`${old}-0`).set({ day: old, checkIns: 2, byLocation: { [L1]: 2 }, firstVisits: 1 }),
      stats.doc(`${kept}-0`).set({ day: kept, checkIns: 1, byLocation: { [L1]: 1 }, firstVisits: 0 }),
    ]);
    const purged = await purgeOldStats(adminDb, now);
    expect(purged.deleted).toBeGreaterThanOrEqual(1);
    expect((await stats.doc(`${old}-0`).get()).exists).toBe(false);
    expect((await stats.doc(`${kept}-0`).get()).exists).toBe(true);
    expect((await stats.where('day', '==', '2026-01-16').get()).size).toBe(1);
    for (const d of (await stats.get()).docs) expect(Object.keys(d.data()).sort()).toEqual(['byLocation', 'checkIns', 'day', 'firstVisits']);
  });
});
