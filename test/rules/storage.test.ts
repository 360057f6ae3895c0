// storage.rules: who may upload imports and read exports, enforced by the Storage emulator's rules
// runtime (offline: regulars' own, see tools/storage-rules-runtime).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { deleteDoc, doc } from 'firebase/firestore';
import { PROJECT_ID, emulators } from '../helpers/env';
import { CHAIN, OTHER_CHAIN, root, seed, uidOf, type Who } from './setup';

type Storage = ReturnType<ReturnType<RulesTestEnvironment['unauthenticatedContext']>['storage']>;
let env: RulesTestEnvironment;

function storageAs(who: Who): Storage {
  const ctx = who === 'unauthenticated' ? env.unauthenticatedContext() : env.authenticatedContext(uidOf(who));
  return ctx.storage();
}

const csv = (size = 64) => new Uint8Array(size).fill(0x61);
const signed = (who: Who) => ({ contentType: 'text/csv', customMetadata: { uploadedBy: who === 'unauthenticated' ? '' : uidOf(who) } });
const put = (s: Storage, path: string, data: Uint8Array, metadata: Record<string, unknown>) => s.ref(path).put(data, metadata).then((snap) => snap);
/** An upload by `who`, signed with their uid as the web client does. */
const upload = (who: Who, path: string, data = csv(), metadata: Record<string, unknown> = signed(who)) => put(storageAs(who), path, data, metadata);
const download = (s: Storage, path: string) => s.ref(path).getMetadata();

const everyone: Who[] = ['unauthenticated', 'otherChainMember', 'staff', 'manager', 'owner'];
const managersOnly = everyone.map((who) => [who, who === 'manager' || who === 'owner'] as const);

describe('storage.rules', () => {
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
      const attempt = upload(who, `imports/${CHAIN}/${who}.csv`);
      await (allowed ? assertSucceeds(attempt) : assertFails(attempt));
    });

    it('a manager may upload with the import options as custom metadata (mapping, mode)', async () => {
      await assertSucceeds(
        upload('manager', `imports/${CHAIN}/mapped.csv`, csv(), {
          contentType: 'text/csv',
          customMetadata: { uploadedBy: uidOf('manager'), mapping: '["firstName","lastName"]', mode: 'dry-run' },
        }),
      );
    });

    it('an upload must be signed by its uploader: unsigned or signed as someone else is refused', async () => {
      await assertFails(upload('manager', `imports/${CHAIN}/unsigned.csv`, csv(), { contentType: 'text/csv' }));
      await assertFails(upload('manager', `imports/${CHAIN}/forged.csv`, csv(), { contentType: 'text/csv', customMetadata: { uploadedBy: uidOf('owner') } }));
    });

    it('a manager cannot upload something that is not CSV', async () => {
      await assertFails(upload('manager', `imports/${CHAIN}/photo.png`, csv(), { ...signed('manager'), contentType: 'image/png' }));
    });

    it('a manager cannot upload more than 50 MiB', async () => {
      await assertSucceeds(upload('manager', `imports/${CHAIN}/limit.csv`, csv(50 * 1024 * 1024)));
      await assertFails(upload('manager', `imports/${CHAIN}/big.csv`, csv(50 * 1024 * 1024 + 1)));
    });

    it("a manager of another chain cannot upload into this chain's imports", async () => {
      await assertFails(upload('otherChainMember', `imports/${CHAIN}/intruder.csv`));
      await assertSucceeds(upload('otherChainMember', `imports/${OTHER_CHAIN}/own.csv`));
    });

    it('a removed manager is refused at once', async () => {
      await assertSucceeds(upload('manager', `imports/${CHAIN}/before.csv`));
      await env.withSecurityRulesDisabled(async (ctx) => {
        await deleteDoc(doc(ctx.firestore() as never, `chains/${CHAIN}/members/${uidOf('manager')}`));
      });
      await assertFails(upload('manager', `imports/${CHAIN}/after.csv`));
    });

    it.each(managersOnly)('%s may read an import file (and its error file): %s', async (who, allowed) => {
      const read = download(storageAs(who), `imports/${CHAIN}/done.csv`);
      await (allowed ? assertSucceeds(read) : assertFails(read));
    });

    it('nobody may overwrite or delete an uploaded import from a client', async () => {
      await assertFails(storageAs('owner').ref(`imports/${CHAIN}/done.csv`).delete());
      await assertFails(upload('owner', `imports/${CHAIN}/done.csv`));
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
      await assertFails(upload('owner', `exports/${CHAIN}/forged.csv`));
      await assertFails(storageAs('owner').ref(`exports/${CHAIN}/e1.csv`).delete());
    });
  });

  describe('everything else', () => {
    it.each(everyone)('%s can neither write nor read outside imports/ and exports/', async (who) => {
      await assertFails(upload(who, `elsewhere/${CHAIN}/x.csv`));
      await assertFails(upload(who, `x.csv`));
    });
  });
});
