// The demo seed of `npm start` (scripts/demo/seed.mjs), through the real callables: a run interrupted
// right after createChain is completed by the next run, and a further run makes nothing twice.
import { describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
// @ts-expect-error: plain JavaScript module without types
import { DEMO_ACCOUNTS, DEMO_CHAIN, DEMO_LOCATIONS, DEMO_PASSWORD, seedDemo } from '../../scripts/demo/seed.mjs';
// @ts-expect-error: plain JavaScript module without types
import { account } from '../../scripts/demo/clients.mjs';
import { paths } from '../../functions/src/model/paths';

async function contents(chainId: string) {
  const chain = adminDb.doc(paths.chain(chainId));
  const [locations, members, types, customers, batches, audit] = await Promise.all(
    ['locations', 'members', 'customerTypes', 'customers', 'cardBatches', 'audit'].map((c) => chain.collection(c).get()),
  );
  return {
    locations: locations!.docs.map((d) => d.get('name')).sort(),
    members: members!.docs.map((d) => `${d.get('email')} ${d.get('role')}`).sort(),
    types: types!.docs.map((d) => d.get('name')),
    customFields: ((await chain.get()).get('customFields') ?? []).map((f: { key: string }) => f.key),
    customers: customers!.size,
    batches: batches!.docs.map((d) => `${d.get('name')} ${d.get('size')}`),
    audit: audit!.size,
  };
}

describe('demo seed', () => {
  it('completes a run interrupted after createChain, then finds everything and makes nothing twice', async () => {
    // The first run stopped right after creating the chain: no locations, no members, nothing else.
    const owner = await account(DEMO_ACCOUNTS.owner.email, DEMO_PASSWORD, DEMO_ACCOUNTS.owner.name);
    const { chainId } = await owner.call('createChain', { name: DEMO_CHAIN });
    await owner.close();

    const logs: string[] = [];
    const chain = await seedDemo((line: string) => logs.push(line));
    expect(chain.chainId).toBe(chainId);
    const seeded = await contents(chainId);
    expect(seeded).toMatchObject({
      locations: [...DEMO_LOCATIONS].sort(),
      members: [`${DEMO_ACCOUNTS.manager.email} manager`, `${DEMO_ACCOUNTS.owner.email} owner`, `${DEMO_ACCOUNTS.staff.email} staff`],
      types: ['VIP'],
      customFields: ['shoe_size'],
      customers: 5,
      batches: ['Demo cards 20'],
    });
    expect(logs.at(-1)).toMatch(/made location Lyon Centre, location Paris Gare de Lyon, manager .*, staff .*, customer type VIP/);

    await seedDemo((line: string) => logs.push(line));
    expect(logs.at(-1)).toBe(`demo: chain "${DEMO_CHAIN}" already complete`);
    expect(await contents(chainId)).toEqual(seeded);
  }, 120_000);
});
