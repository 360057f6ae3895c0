// Automatic check-in on scan (the chain's `visits.autoCheckIn`): lookupCard with the till's location
// (`scannedAt`) checks the card's customer in on the server when the setting is on, and only then;
// a double scan within the same-visit window counts once, also when the two scans race.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTwoTeams, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';

let team: Team;
let other: Team;
let code: string;
let customerId: string;
const loc: Record<string, string> = {};
let otherLocation: string;

async function locations(chainId: string) {
  return Object.fromEntries((await adminDb.collection(paths.locations(chainId)).get()).docs.map((d) => [String(d.get('name')), d.id]));
}
const visitCount = async () => (await adminDb.doc(paths.customer(team.chainId, customerId)).get()).get('visits') ?? 0;
const visitDocs = async () => (await adminDb.collection(paths.visits(team.chainId, customerId)).get()).docs;
const scan = (at: string, user = team.staff) => user.call('lookupCard', { chainId: team.chainId, code, scannedAt: at });

beforeAll(async () => {
  [team, other] = await createTwoTeams('Scan check-in');
  ({ customerId } = await createCustomer(team.manager, team.chainId, { firstName: 'Sacha', lastName: 'Scan' }));
  const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'S', size: 1 });
  code = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs[0]!.id;
  await team.manager.call('bindCard', { chainId: team.chainId, code, customerId });
  Object.assign(loc, await locations(team.chainId));
  otherLocation = (await locations(other.chainId)).Centre!;
});
afterAll(async () => {
  await team.closeAll();
  await other.closeAll();
});

describe('automatic check-in on scan', () => {
  it('off (the default): a scan finds the customer and records no visit', async () => {
    const found = await scan(loc.Centre!);
    expect(found).toMatchObject({ kind: 'bound', checkIn: null });
    expect(found.customer.customerId).toBe(customerId);
    expect(await visitCount()).toBe(0);
    expect(await visitDocs()).toHaveLength(0);
  });

  it('on: a scan checks the customer in once at the till’s location; a second scan is the same visit', async () => {
    await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { visits: { autoCheckIn: true } } });
    const first = await scan(loc.Centre!);
    expect(first.checkIn).toMatchObject({ created: true, visits: 1 });
    const again = await scan(loc.Centre!, team.manager);
    expect(again.checkIn).toMatchObject({ created: false, visits: 1, visitId: first.checkIn.visitId });
    const docs = await visitDocs();
    expect(docs).toHaveLength(1);
    expect(docs[0]!.data()).toMatchObject({ locationId: loc.Centre, source: 'scan', by: team.staff.uid });
    expect(await visitCount()).toBe(1);
  });

  it('two scans at once at another location count once', async () => {
    const [a, b] = await Promise.all([scan(loc.Gare!), scan(loc.Gare!, team.manager)]);
    expect([a.checkIn.created, b.checkIn.created].sort()).toEqual([false, true]);
    expect(a.checkIn.visitId).toBe(b.checkIn.visitId);
    expect(await visitCount()).toBe(2);
    expect((await visitDocs()).filter((d) => d.get('locationId') === loc.Gare)).toHaveLength(1);
  });

  it('a typed code (no scannedAt) never checks in, even with the setting on', async () => {
    const typed = await team.staff.call('lookupCard', { chainId: team.chainId, code });
    expect(typed.checkIn).toBeNull();
    expect(await visitCount()).toBe(2);
  });

  it('a location of another chain is refused at scannedAt, and nothing is recorded', async () => {
    const err = await callError(scan(otherLocation));
    expect(err.code).toBe('not-found');
    expect(err.details.problems.map((p: { path: string }) => p.path)).toEqual(['scannedAt']);
    const bad = await callError(scan('../x'));
    expect(bad.code).toBe('invalid-argument');
    expect(await visitCount()).toBe(2);
  });

  it('another chain’s member cannot scan this chain’s card', async () => {
    const err = await callError(other.owner.call('lookupCard', { chainId: team.chainId, code, scannedAt: loc.Centre }));
    expect(err.code).toBe('permission-denied');
    expect(await visitCount()).toBe(2);
  });

  it('turned off again: scans record nothing more', async () => {
    await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { visits: { autoCheckIn: false } } });
    expect((await scan(loc.Centre!)).checkIn).toBeNull();
    expect(await visitDocs()).toHaveLength(2);
  });
});
