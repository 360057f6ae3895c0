import { signUp, uniqueEmail, type TestUser } from './clients';

export interface Team {
  chainId: string;
  owner: TestUser;
  manager: TestUser;
  staff: TestUser;
  outsider: TestUser;
  closeAll(): Promise<void>;
}

/** A fresh chain made through the real callables: an owner, a manager, a staff member, and an outsider. */
export async function createTeam(name = 'Test chain'): Promise<Team> {
  const [owner, manager, staff, outsider] = await Promise.all([
    signUp(uniqueEmail('owner'), 'Olivia Owner'),
    signUp(uniqueEmail('manager'), 'Marc Manager'),
    signUp(uniqueEmail('staff'), 'Sami Staff'),
    signUp(uniqueEmail('outsider')),
  ]);
  const { chainId } = await owner.call<{ chainId: string }>('createChain', { name, locations: ['Centre', 'Gare'] });
  await owner.call('setMember', { chainId, email: manager.email, role: 'manager' });
  await owner.call('setMember', { chainId, email: staff.email, role: 'staff' });
  return {
    chainId,
    owner,
    manager,
    staff,
    outsider,
    async closeAll() {
      await Promise.all([owner, manager, staff, outsider].map((u) => u.close()));
    },
  };
}

/** Two chains, A and B, each with its team: for checks that one chain cannot reach the other. */
export async function createTwoTeams(name: string): Promise<[Team, Team]> {
  return Promise.all([createTeam(`${name} A`), createTeam(`${name} B`)]);
}
