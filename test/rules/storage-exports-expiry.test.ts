// storage.rules: an export can be downloaded until the expiry stamped on the file (custom metadata
// `expiresAt`, as exports/files.ts writes it), not after, whenever the hourly purge runs.
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { assertFails, assertSucceeds, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { CHAIN, seed, storageRulesEnv, uidOf, type Who } from './setup';

let env: RulesTestEnvironment;

const storageAs = (who: Who) => (who === 'unauthenticated' ? env.unauthenticatedContext() : env.authenticatedContext(uidOf(who))).storage();
const download = (who: Who, path: string) => storageAs(who).ref(path).getMetadata();
const HOUR = 3600_000;
/** An export file as the functions write it, expiring at `expiresAt`. */
const exportFile = (expiresAt: Date) => ({
  contentType: 'text/csv; charset=utf-8',
  customMetadata: { regularsOutput: 'customers', exportId: 'e', createdBy: uidOf('manager'), expiresAt: expiresAt.toISOString() },
});

describe('storage.rules: export expiry', () => {
  beforeAll(async () => {
    env = await storageRulesEnv();
  });
  beforeEach(async () => {
    await env.clearFirestore();
    await seed(env);
    await env.withSecurityRulesDisabled(async (ctx) => {
      const data = new Uint8Array(16).fill(0x61);
      await ctx
        .storage()
        .ref(`exports/${CHAIN}/fresh.csv`)
        .put(data, exportFile(new Date(Date.now() + 23 * HOUR)));
      await ctx
        .storage()
        .ref(`exports/${CHAIN}/just-expired.csv`)
        .put(data, exportFile(new Date(Date.now() - 60_000)));
      await ctx
        .storage()
        .ref(`exports/${CHAIN}/expired-long-ago.csv`)
        .put(data, exportFile(new Date(Date.now() - 50 * HOUR)));
      await ctx
        .storage()
        .ref(`exports/${CHAIN}/bad-stamp.csv`)
        .put(data, { contentType: 'text/csv', customMetadata: { expiresAt: 'tomorrow' } });
    });
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it.each(['manager', 'owner'] as const)('a %s may download an export before its expiry', async (who) => {
    await assertSucceeds(download(who, `exports/${CHAIN}/fresh.csv`));
  });

  it.each(['manager', 'owner'] as const)('a %s may not download an export a minute after its expiry, before the purge ran', async (who) => {
    await assertFails(download(who, `exports/${CHAIN}/just-expired.csv`));
    await assertFails(download(who, `exports/${CHAIN}/expired-long-ago.csv`));
  });

  it('an expiry that is not a timestamp lets nobody download', async () => {
    await assertFails(download('owner', `exports/${CHAIN}/bad-stamp.csv`));
  });

  it.each(['unauthenticated', 'otherChainMember', 'staff'] as const)('%s may download no export, fresh or not', async (who) => {
    await assertFails(download(who, `exports/${CHAIN}/fresh.csv`));
    await assertFails(download(who, `exports/${CHAIN}/just-expired.csv`));
  });
});
