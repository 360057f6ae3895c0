// storage.rules: who may upload imports and read exports, enforced by the Storage emulator's rules
// runtime (offline: regulars' own, see tools/storage-rules-runtime).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertFails, assertSucceeds, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { deleteDoc, doc } from 'firebase/firestore';
import { CHAIN, context, MANAGERS, matrix, OTHER_CHAIN, seed, storageRulesEnv, uidOf, WHO, type Who } from './setup';
import { paths } from '../../functions/src/model/paths';
import { MAX_IMPORT_BYTES } from '../../functions/src/model/import';
import { createMockUserToken } from '@firebase/util';
import { BUCKET, emulators, PROJECT_ID } from '../helpers/env';

type Storage = ReturnType<ReturnType<RulesTestEnvironment['unauthenticatedContext']>['storage']>;
let env: RulesTestEnvironment;

function storageAs(who: Who): Storage {
  return context(env, who).storage();
}

const csv = (size = 64) => new Uint8Array(size).fill(0x61);
const signed = (who: Who) => ({ contentType: 'text/csv', customMetadata: { uploadedBy: who === 'unauthenticated' ? '' : uidOf(who) } });
const put = (s: Storage, path: string, data: Uint8Array, metadata: Record<string, unknown>) =>
  s
    .ref(path)
    .put(data, metadata)
    .then((snap) => snap);
/** An upload by `who`, signed with their uid as the web client does. */
const upload = (who: Who, path: string, data = csv(), metadata: Record<string, unknown> = signed(who)) => put(storageAs(who), path, data, metadata);
const download = (s: Storage, path: string) => s.ref(path).getMetadata();

/**
 * An upload of the object named exactly `name` (the SDK drops empty segments from a ref's path, so
 * `a//b` needs the REST call the SDK makes: multipart, metadata then data), signed like `upload`.
 */
async function rawUpload(who: Exclude<Who, 'unauthenticated'>, name: string): Promise<number> {
  const token = createMockUserToken({ user_id: uidOf(who), sub: uidOf(who), email: `${who}@x.test` } as never, PROJECT_ID);
  const boundary = 'regulars-raw-upload';
  const metadata = JSON.stringify({ name, contentType: 'text/csv', metadata: { uploadedBy: uidOf(who) } });
  const body = `--${boundary}\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${metadata}\r\n--${boundary}\r\nContent-Type: text/csv\r\n\r\na,b\r\n--${boundary}--`;
  const url = `http://${emulators.storage.host}:${emulators.storage.port}/v0/b/${BUCKET}/o?name=${encodeURIComponent(name)}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/related; boundary=${boundary}`, 'x-goog-upload-protocol': 'multipart' },
    body,
  });
  return res.status;
}

const managersOnly = matrix(MANAGERS);
const removeManager = () =>
  env.withSecurityRulesDisabled(async (ctx) => {
    await deleteDoc(doc(ctx.firestore() as never, paths.member(CHAIN, uidOf('manager'))));
  });

describe('storage.rules', () => {
  beforeAll(async () => {
    env = await storageRulesEnv();
  });
  beforeEach(async () => {
    await env.clearFirestore();
    await env.clearStorage();
    await seed(env);
    await env.withSecurityRulesDisabled(async (ctx) => {
      await ctx.storage().ref(`exports/${CHAIN}/e1.csv`).put(csv(), { contentType: 'text/csv' });
      // Marked so the import trigger leaves it alone (an import deletes its upload when it ends).
      await ctx
        .storage()
        .ref(`imports/${CHAIN}/done.csv`)
        .put(csv(), { contentType: 'text/csv', customMetadata: { regularsOutput: 'test-fixture' } });
      await ctx.storage().ref(`elsewhere/${CHAIN}/x.csv`).put(csv(), { contentType: 'text/csv' });
      await ctx.storage().ref('x.csv').put(csv(), { contentType: 'text/csv' });
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

    it.each(['text/csv', 'text/csv; charset=utf-8', 'text/csv;charset=windows-1252', 'application/vnd.ms-excel'])(
      'a manager may upload a file typed %s (what browsers send for .csv)',
      async (contentType) => {
        await assertSucceeds(
          upload('manager', `imports/${CHAIN}/${contentType.replace(/[^a-z0-9]+/gi, '-')}.csv`, csv(), { ...signed('manager'), contentType }),
        );
      },
    );

    it.each(['image/png', 'text/csvx', 'text/csv-plus', 'text/plain', 'application/vnd.ms-excel.sheet.macroEnabled.12', 'application/octet-stream'])(
      'a manager cannot upload a file typed %s',
      async (contentType) => {
        await assertFails(upload('manager', `imports/${CHAIN}/${contentType.replace(/[^a-z0-9]+/gi, '-')}.csv`, csv(), { ...signed('manager'), contentType }));
      },
    );

    it('a manager cannot upload more than 256 MiB (MAX_IMPORT_BYTES)', async () => {
      expect(MAX_IMPORT_BYTES).toBe(256 * 1024 * 1024);
      await assertSucceeds(upload('manager', `imports/${CHAIN}/limit.csv`, csv(MAX_IMPORT_BYTES)));
      await assertFails(upload('manager', `imports/${CHAIN}/big.csv`, csv(MAX_IMPORT_BYTES + 1)));
    }, 600_000); // two 256 MiB uploads: slow on 2 busy cores

    it("a manager of another chain cannot upload into this chain's imports", async () => {
      await assertFails(upload('otherChainMember', `imports/${CHAIN}/intruder.csv`));
      await assertSucceeds(upload('otherChainMember', `imports/${OTHER_CHAIN}/own.csv`));
    });

    it('a removed manager is refused at once', async () => {
      await assertSucceeds(upload('manager', `imports/${CHAIN}/before.csv`));
      await removeManager();
      await assertFails(upload('manager', `imports/${CHAIN}/after.csv`));
      await assertFails(download(storageAs('manager'), `imports/${CHAIN}/done.csv`));
    });

    it.each(managersOnly)('%s may read an import file (and its error file): %s', async (who, allowed) => {
      const read = download(storageAs(who), `imports/${CHAIN}/done.csv`);
      await (allowed ? assertSucceeds(read) : assertFails(read));
    });

    it.each(WHO)('%s may not overwrite, delete or list uploaded imports', async (who) => {
      await assertFails(storageAs(who).ref(`imports/${CHAIN}/done.csv`).delete());
      await assertFails(upload(who, `imports/${CHAIN}/done.csv`));
      await assertFails(storageAs(who).ref(`imports/${CHAIN}`).listAll());
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

    it('a removed manager can no longer download or list exports', async () => {
      await assertSucceeds(download(storageAs('manager'), `exports/${CHAIN}/e1.csv`));
      await removeManager();
      await assertFails(download(storageAs('manager'), `exports/${CHAIN}/e1.csv`));
      await assertFails(storageAs('manager').ref(`exports/${CHAIN}`).listAll());
    });

    it("a manager of another chain cannot download or list this chain's exports", async () => {
      await assertFails(download(storageAs('otherChainMember'), `exports/${CHAIN}/e1.csv`));
      await assertFails(storageAs('otherChainMember').ref(`exports/${CHAIN}`).listAll());
      await assertSucceeds(storageAs('otherChainMember').ref(`exports/${OTHER_CHAIN}`).listAll());
    });

    it.each(WHO)('%s may not write, change or delete an export from a client', async (who) => {
      await assertFails(upload(who, `exports/${CHAIN}/forged.csv`));
      await assertFails(
        storageAs(who)
          .ref(`exports/${CHAIN}/e1.csv`)
          .updateMetadata({ customMetadata: { expiresAt: '2999-01-01T00:00:00Z' } }),
      );
      await assertFails(storageAs(who).ref(`exports/${CHAIN}/e1.csv`).delete());
    });
  });

  describe('everything else', () => {
    it.each(WHO)('%s can neither write, read, list nor delete outside imports/ and exports/', async (who) => {
      const s = storageAs(who);
      for (const path of [`elsewhere/${CHAIN}/x.csv`, 'x.csv']) {
        await assertFails(upload(who, path.replace('x.csv', 'new.csv')));
        await assertFails(download(s, path));
        await assertFails(s.ref(path).getDownloadURL());
        await assertFails(s.ref(path).updateMetadata({ customMetadata: { a: 'b' } }));
        await assertFails(s.ref(path).delete());
      }
      await assertFails(s.ref(`elsewhere/${CHAIN}`).listAll());
      await assertFails(s.ref('elsewhere').list({ maxResults: 10 }));
      await assertFails(s.ref('').list({ maxResults: 10 }));
    });

    it('the objects outside imports/ and exports/ exist (so the denials above are rules, not 404s)', async () => {
      await env.withSecurityRulesDisabled(async (ctx) => {
        await assertSucceeds(ctx.storage().ref(`elsewhere/${CHAIN}/x.csv`).getMetadata());
        await assertSucceeds(ctx.storage().ref('x.csv').getMetadata());
      });
    });
  });

  describe('object names: no `.` or `..` segment, no empty segment, no control character', () => {
    const exists = (path: string) =>
      env.withSecurityRulesDisabled(async (ctx) => {
        await ctx.storage().ref(path).getMetadata();
      });

    it("an owner of another chain cannot read, list or write this chain's files through `..`", async () => {
      const b = storageAs('otherChainMember');
      // B's own rights, unchanged (a name no other test uploads: an upload never replaces an object).
      await assertSucceeds(upload('otherChainMember', `imports/${OTHER_CHAIN}/own-b.csv`));
      await assertFails(download(b, `exports/${OTHER_CHAIN}/../${CHAIN}/e1.csv`));
      await assertFails(download(b, `imports/${OTHER_CHAIN}/../${CHAIN}/done.csv`));
      await assertFails(b.ref(`exports/${OTHER_CHAIN}/../${CHAIN}`).listAll());
      await assertFails(upload('otherChainMember', `imports/${OTHER_CHAIN}/../${CHAIN}/intruder.csv`));
      await assertFails(upload('otherChainMember', `imports/../imports/${CHAIN}/intruder.csv`));
      // Chain A's files are as they were.
      await expect(exists(`imports/${CHAIN}/intruder.csv`)).rejects.toMatchObject({ code: 'storage/object-not-found' });
      await assertSucceeds(download(storageAs('manager'), `exports/${CHAIN}/e1.csv`));
    });

    it.each([`exports/${CHAIN}/./e1.csv`, `exports/${CHAIN}/sub/../e1.csv`, `exports/./${CHAIN}/e1.csv`])(
      'a manager of the chain cannot read %j',
      async (path) => {
        await assertFails(download(storageAs('manager'), path));
      },
    );

    it.each(['./a.csv', 'x/../a.csv', 'x/./a.csv', '..', 'a\u0001.csv', 'a\n.csv', 'a\u007f.csv', 'a\u001b[0m.csv'])(
      'a manager cannot upload imports/<chain>/%j',
      async (file) => {
        await assertFails(upload('manager', `imports/${CHAIN}/${file}`));
      },
    );

    it('a manager cannot upload a name with an empty segment, which only the REST call can send', async () => {
      expect(await rawUpload('manager', `imports/${CHAIN}/raw.csv`)).toBe(200);
      for (const name of [`imports/${CHAIN}//raw.csv`, `imports//${CHAIN}/raw.csv`, `imports/${CHAIN}/raw.csv/`]) {
        expect([name, await rawUpload('manager', name)]).toEqual([name, 403]);
      }
    });
  });
});
