// Setup file of the integration and browser projects: after each test file, the Firestore emulator
// is emptied. Every file makes its own chains and reads nothing another file wrote; but the
// emulator answers collection-group queries (card codes, memberships, a location's uses) by
// scanning every document of the group, so what earlier files left (hundreds of thousands of
// imported customers' history entries) would slow every later file down.
import { afterAll } from 'vitest';
import { PROJECT_ID, emulators } from './env';

afterAll(async () => {
  const { host, port } = emulators.firestore;
  const res = await fetch(`http://${host}:${port}/emulator/v1/projects/${PROJECT_ID}/databases/(default)/documents`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`could not empty the Firestore emulator: HTTP ${res.status}`);
});
