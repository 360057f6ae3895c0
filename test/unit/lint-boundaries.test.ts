// The code boundaries that eslint.config.js enforces, checked on probe files placed where a developer
// would put them: each probe breaks one rule, and `npm run lint` must report it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const written: string[] = [];

async function lint(relativePath: string, source: string): Promise<string[]> {
  const file = join(root, relativePath);
  written.push(file);
  writeFileSync(file, source);
  const [result] = await new ESLint({ cwd: root }).lintFiles([file]);
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

describe('lint boundaries', { timeout: 120_000 }, () => {
  it('reports a write to a customer, a search row, a key, a history entry or a consent entry outside the write path', async () => {
    const messages = await lint(
      'functions/src/cards/zz-lint-probe-write.ts',
      `import type { Firestore } from 'firebase-admin/firestore';
import { consentLogOf, customerIndexOf, customerRef, historyOf, lookupRef } from '../store/refs';
export async function probe(db: Firestore) {
  const ref = customerRef(db, 'c', 'x');
  await ref.update({ notes: '' });
  const rows = await customerIndexOf(db, 'c').limit(1).get();
  await db.runTransaction(async (tx) => {
    tx.delete(rows.docs[0]!.ref);
  });
  const batch = db.batch();
  batch.set(lookupRef(db, 'c', 'e:a@b.c'), { ids: [] });
  batch.create(historyOf(db, 'c', 'x').doc(), { at: 1, by: 'u', action: 'x' });
  batch.create(consentLogOf(db, 'c', 'x').doc(), { channel: 'email', granted: true, at: 1 });
  await db.recursiveDelete(ref);
}
`,
    );
    const reported = messages.filter((m) => m.startsWith('regulars/write-path-only'));
    expect(reported.map((m) => m.split(' ')[1])).toEqual(['CustomerDoc', 'IndexDoc', 'KeyDoc', 'HistoryEntry', 'ConsentEntry', 'CustomerDoc']);
  });

  it('lets the write path write, and other features write their own documents', async () => {
    const messages = await lint(
      'functions/src/cards/zz-lint-probe-allowed.ts',
      `import type { Firestore } from 'firebase-admin/firestore';
import { batchesOf, customerRef } from '../store/refs';
import { readCustomer } from '../store/customers';
export async function probe(db: Firestore) {
  await batchesOf(db, 'c').doc('b').update({ name: 'x' });
  await customerRef(db, 'c', 'x').get();
  return readCustomer(db, 'c', 'x');
}
`,
    );
    expect(messages).toEqual([]);
  });

  it('reports a feature importing another feature, and a collection name outside model/paths.ts', async () => {
    const messages = await lint(
      'functions/src/imports/zz-lint-probe-import.ts',
      `import type { Firestore } from 'firebase-admin/firestore';
import { bindCard } from '../cards/bind';
export const probe = (db: Firestore) => [bindCard, db.collection('chains'), db.collectionGroup(\`cards\`)];
`,
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(1);
    expect(messages.filter((m) => m.startsWith('no-restricted-syntax'))).toHaveLength(2);
  });

  it('keeps model/ pure (shared with the web client)', async () => {
    const messages = await lint(
      'functions/src/model/zz-lint-probe.ts',
      `import { FieldValue } from 'firebase-admin/firestore';\nimport { chainRef } from '../store/refs';\nexport const probe = [FieldValue, chainRef];\n`,
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(2);
  });

  it('reports a promise started, then first used after another await (it may reject unhandled meanwhile)', async () => {
    const messages = await lint(
      'functions/src/store/customers/zz-lint-probe-late.ts',
      `const work = (): Promise<number> => Promise.resolve(1);
async function* rows() {
  yield 1;
}
export async function late(withTotal: boolean) {
  const counting = withTotal ? work() : null;
  for await (const row of rows()) void row;
  return counting ? await counting : null;
}
export async function lateToo() {
  const total = work();
  await work();
  return total;
}
export async function fine() {
  const a = work();
  const b = work();
  const both = await Promise.all([a, b]);
  const handled = work().then(
    (n) => n,
    () => 0,
  );
  const started = work();
  started.catch(() => undefined);
  await work();
  return [both, await handled];
}
`,
    );
    expect(messages.filter((m) => m.startsWith('regulars/no-late-await')).map((m) => m.split('\`')[1])).toEqual(['counting', 'total']);
  });
});
