// Demo data for `npm start`, made through the real callables. Safe to run again: it finds what exists.
import { account } from './clients.mjs';

export const DEMO_PASSWORD = 'regulars-demo';
export const DEMO_CHAIN = 'Bistro Demo';
export const DEMO_ACCOUNTS = {
  owner: { email: 'owner@demo.regulars.test', name: 'Olivia Owner' },
  manager: { email: 'manager@demo.regulars.test', name: 'Marc Manager' },
  staff: { email: 'staff@demo.regulars.test', name: 'Sami Staff' },
};

export async function seedDemo(log = console.log) {
  const owner = await account(DEMO_ACCOUNTS.owner.email, DEMO_PASSWORD, DEMO_ACCOUNTS.owner.name);
  const others = await Promise.all(
    ['manager', 'staff'].map((role) => account(DEMO_ACCOUNTS[role].email, DEMO_PASSWORD, DEMO_ACCOUNTS[role].name)),
  );
  const { chains } = await owner.call('listMyChains');
  let chain = chains.find((c) => c.name === DEMO_CHAIN);
  if (!chain) {
    const { chainId } = await owner.call('createChain', { name: DEMO_CHAIN, locations: ['Lyon Centre', 'Paris Gare de Lyon'] });
    chain = { chainId, name: DEMO_CHAIN };
    for (const [i, role] of ['manager', 'staff'].entries()) {
      await owner.call('setMember', { chainId, email: others[i].email, role });
    }
    log(`demo: created chain "${DEMO_CHAIN}" with 2 locations and 3 members`);
  } else {
    log(`demo: chain "${DEMO_CHAIN}" already there`);
  }
  await Promise.all([owner, ...others].map((a) => a.close()));
  return chain;
}
