// storage.rules: an export, and an import's error file, can be downloaded until the expiry stamped
// on the file (custom metadata `expiresAt`, as common/exportFiles.ts and imports/errorFile.ts write
// it: 24 hours for exports, 7 days for error files), not after, whenever the hourly purge runs.
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { assertFails, assertSucceeds, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { CHAIN, seed, storageRulesEnv, uidOf, type Who } from './setup';

let env: RulesTestEnvironment;

const storageAs = (who: Who) => (who === 'unauthenticated' ? env.unauthenticatedContext() : env.authenticatedContext(uidOf(who))).storage();
const download = (who: Who, path: string) => storageAs(who).ref(path).getMetadata();
const HOUR = 3600_000;
/** A file as the functions write it (marked, so the import trigger leaves it alone), expiring at `expiresAt`. */
const stamped = (mark: string, expiresAt: Date) => ({
  contentType: 'text/csv; charset=utf-8',
  customMetadata: { regularsOutput: mark, exportId: 'e', importId: 'i', createdBy: uidOf('manager'), expiresAt: expiresAt.toISOString() },
});

describe.each([
  { kind: 'export', dir: 'exports', mark: 'customers', life: 24 * HOUR },
  { kind: 'import error file', dir: 'imports', mark: 'import-errors', life: 7 * 24 * HOUR },
])('storage.rules: $kind expiry', ({ kind, dir, mark, life }) => {
  beforeAll(async () => {
    env = await storageRulesEnv();
  });
  beforeEach(async () => {
    await env.clearFirestore();
    await seed(env);
    await env.withSecurityRulesDisabled(async (ctx) => {
      const data = new Uint8Array(16).fill(0x61);
      const put = (name: string, metadata: object) => ctx.storage().ref(`${dir}/${CHAIN}/${name}`).put(data, metadata);
      await put('fresh.csv', stamped(mark, new Date(Date.now() + life - HOUR)));
      await put('just-expired.csv', stamped(mark, new Date(Date.now() - 60_000)));
      await put('expired-long-ago.csv', stamped(mark, new Date(Date.now() - 50 * HOUR)));
      await put('bad-stamp.csv', { contentType: 'text/csv', customMetadata: { regularsOutput: mark, expiresAt: 'tomorrow' } });
    });
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it.each(['manager', 'owner'] as const)(`a %s may download a ${kind} before its expiry`, async (who) => {
    await assertSucceeds(download(who, `${dir}/${CHAIN}/fresh.csv`));
  });

  it.each(['manager', 'owner'] as const)(`a %s may not download a ${kind} a minute after its expiry, before the purge ran`, async (who) => {
    await assertFails(download(who, `${dir}/${CHAIN}/just-expired.csv`));
    await assertFails(download(who, `${dir}/${CHAIN}/expired-long-ago.csv`));
  });

  it('an expiry that is not a timestamp lets nobody download', async () => {
    await assertFails(download('owner', `${dir}/${CHAIN}/bad-stamp.csv`));
  });

  it.each(['unauthenticated', 'otherChainMember', 'staff', 'removedMember'] as const)(`%s may download no ${kind}, fresh or not`, async (who) => {
    await assertFails(download(who, `${dir}/${CHAIN}/fresh.csv`));
    await assertFails(download(who, `${dir}/${CHAIN}/just-expired.csv`));
  });
});
