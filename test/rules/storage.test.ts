// storage.rules: who may upload imports and read exports. In the offline permit-all mode these
// cannot be checked, so the suite is reported as skipped with that reason (never as passed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { deleteDoc, doc } from 'firebase/firestore';
import { PROJECT_ID, STORAGE_SKIP_REASON, emulators, storageRulesEnforced } from '../helpers/env';
import { CHAIN, OTHER_CHAIN, root, seed, uidOf, type Who } from './setup';

type Storage = ReturnType<ReturnType<RulesTestEnvironment['unauthenticatedContext']>['storage']>;
let env: RulesTestEnvironment;

function storageAs(who: Who): Storage {
  const ctx = who === 'unauthenticated' ? env.unauthenticatedContext() : env.authenticatedContext(uidOf(who));
  return ctx.storage();
}

const csv = (size = 64) => new Uint8Array(size).fill(0x61);
const upload = (s: Storage, path: string, data = csv(), metadata: Record<string, unknown> = { contentType: 'text/csv' }) =>
  s.ref(path).put(data, metadata).then((snap) => snap);
const download = (s: Storage, path: string) => s.ref(path).getMetadata();

const everyone: Who[] = ['unauthenticated', 'otherChainMember', 'staff', 'manager', 'owner'];
const managersOnly = everyone.map((who) => [who, who === 'manager' || who === 'owner'] as const);

describe.skipIf(!storageRulesEnforced)(`storage.rules${storageRulesEnforced ? '' : ` (SKIPPED: ${STORAGE_SKIP_REASON})`}`, () => {
  beforeAll(async () => {
    env = await initializeTestEnvironment({
      projectId: PROJECT_ID,
      firestore: { rules: readFileSync(join(root, 'firestore.rules'), 'utf8'), ...emulators.firestore },
      storage: { rules: readFileSync(join(root, 'storage.rules'), 'utf8'), ...emulators.storage },
    });
  });
  beforeEach(async () => {
    await env.clearFirestore();
    await seed(env);
    await env.withSecurityRulesDisabled(async (ctx) => {
      await ctx.storage().ref(`exports/${CHAIN}/e1.csv`).put(csv(), { contentType: 'text/csv' });
      await ctx.storage().ref(`imports/${CHAIN}/done.csv`).put(csv(), { contentType: 'text/csv' });
    });
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  describe('imports/{chainId}/…', () => {
    it.each(managersOnly)('%s may upload a CSV file: %s', async (who, allowed) => {
      const put = upload(storageAs(who), `imports/${CHAIN}/${who}.csv`);
      await (allowed ? assertSucceeds(put) : assertFails(put));
    });

    it('a manager may upload with custom metadata (the column mapping)', async () => {
      await assertSucceeds(
        upload(storageAs('manager'), `imports/${CHAIN}/mapped.csv`, csv(), { contentType: 'text/csv', customMetadata: { mapping: '{"0":"firstName"}' } }),
      );
    });

    it('a manager cannot upload something that is not CSV', async () => {
      await assertFails(upload(storageAs('manager'), `imports/${CHAIN}/photo.png`, csv(), { contentType: 'image/png' }));
    });

    it('a manager cannot upload more than 50 MiB', async () => {
      await assertSucceeds(upload(storageAs('manager'), `imports/${CHAIN}/limit.csv`, csv(50 * 1024 * 1024)));
      await assertFails(upload(storageAs('manager'), `imports/${CHAIN}/big.csv`, csv(50 * 1024 * 1024 + 1)));
    });

    it("a manager of another chain cannot upload into this chain's imports", async () => {
      await assertFails(upload(storageAs('otherChainMember'), `imports/${CHAIN}/intruder.csv`));
      await assertSucceeds(upload(storageAs('otherChainMember'), `imports/${OTHER_CHAIN}/own.csv`));
    });

    it('a removed manager is refused at once', async () => {
      const s = storageAs('manager');
      await assertSucceeds(upload(s, `imports/${CHAIN}/before.csv`));
      await env.withSecurityRulesDisabled(async (ctx) => {
        await deleteDoc(doc(ctx.firestore() as never, `chains/${CHAIN}/members/${uidOf('manager')}`));
      });
      await assertFails(upload(s, `imports/${CHAIN}/after.csv`));
    });

    it.each(managersOnly)('%s may read an import file (and its error file): %s', async (who, allowed) => {
      const read = download(storageAs(who), `imports/${CHAIN}/done.csv`);
      await (allowed ? assertSucceeds(read) : assertFails(read));
    });

    it('nobody may overwrite or delete an uploaded import from a client', async () => {
      await assertFails(storageAs('owner').ref(`imports/${CHAIN}/done.csv`).delete());
      await assertFails(upload(storageAs('owner'), `imports/${CHAIN}/done.csv`));
    });
  });

  describe('exports/{chainId}/…', () => {
    it.each(managersOnly)('%s may download an export: %s', async (who, allowed) => {
      const read = download(storageAs(who), `exports/${CHAIN}/e1.csv`);
      await (allowed ? assertSucceeds(read) : assertFails(read));
    });

    it.each(managersOnly)('%s may list exports: %s', async (who, allowed) => {
      const list = storageAs(who).ref(`exports/${CHAIN}`).listAll();
      await (allowed ? assertSucceeds(list) : assertFails(list));
    });

    it('nobody may write an export from a client', async () => {
      await assertFails(upload(storageAs('owner'), `exports/${CHAIN}/forged.csv`));
      await assertFails(storageAs('owner').ref(`exports/${CHAIN}/e1.csv`).delete());
    });
  });

  describe('everything else', () => {
    it.each(everyone)('%s can neither write nor read outside imports/ and exports/', async (who) => {
      await assertFails(upload(storageAs(who), `elsewhere/${CHAIN}/x.csv`));
      await assertFails(upload(storageAs(who), `x.csv`));
    });
  });
});
