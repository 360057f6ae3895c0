// Documents an import writes per row (issue 19, fewer documents per row), counted in Firestore:
// a new customer with an email and a phone is 5 documents (customer, search row, history entry, two
// lookup keys); the same file again with only the notes changed writes the customer and its history
// entry, not the unchanged search row nor the unchanged keys; the same file a third time writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../functions/src/model/paths';
import { adminDb } from '../helpers/admin';
import { createTeam, type Team } from '../helpers/chains';
import { importFile } from '../helpers/imports';

let team: Team;
const ROWS = 20;
const HEADER = 'Prénom;Nom;Courriel;Numéro de téléphone principal;Remarques';
const file = (notes: string) =>
  [
    HEADER,
    ...Array.from(
      { length: ROWS },
      (_, i) => `Ann${i};Docs${String(i).padStart(2, '0')};ann${i}.docs@example.test;+33 6 12 34 ${String(i).padStart(2, '0')} 00;${notes}`,
    ),
  ].join('\r\n') + '\r\n';

/** Update times of the chain's customers, search rows and lookup keys. */
async function times() {
  const all = new Map<string, string>();
  for (const path of [paths.customers(team.chainId), paths.customerIndex(team.chainId), paths.customerKeys(team.chainId)]) {
    for (const d of (await adminDb.collection(path).select().get()).docs) all.set(d.ref.path, `${d.updateTime.seconds}.${d.updateTime.nanoseconds}`);
  }
  return all;
}

const kind = (path: string) => (path.includes('/customerIndex/') ? 'searchRows' : path.includes('/customerKeys/') ? 'lookupKeys' : 'customers');
const entries = async (importId: string) => ({
  history: (await adminDb.collectionGroup('history').where('importId', '==', importId).count().get()).data().count,
  consentLog: (await adminDb.collectionGroup('consentLog').where('importId', '==', importId).count().get()).data().count,
});

/** What changed between two `times()`: written (new or changed) and deleted documents, by kind. */
function written(before: Map<string, string>, after: Map<string, string>) {
  const parts: Record<string, number> = { customers: 0, searchRows: 0, lookupKeys: 0 };
  for (const [path, t] of after) if (before.get(path) !== t) parts[kind(path)]!++;
  for (const path of before.keys()) if (!after.has(path)) parts[kind(path)]!++;
  return parts;
}

beforeAll(async () => {
  team = await createTeam('Import documents');
});
afterAll(() => team.closeAll());

describe('documents written per imported row', () => {
  it('new customers: 5 documents a row; notes changed: 2; nothing changed: none', async () => {
    const empty = await times();
    const created = await importFile(team.chainId, 'docs.csv', file(''));
    expect(created.report).toMatchObject({ status: 'done', counts: { created: ROWS } });
    const afterCreate = await times();
    const createParts = { ...written(empty, afterCreate), ...(await entries(created.importId)) };
    expect(createParts).toEqual({ customers: ROWS, searchRows: ROWS, lookupKeys: 2 * ROWS, history: ROWS, consentLog: 0 });
    expect(Object.values(createParts).reduce((a, b) => a + b, 0) / ROWS).toBe(5);

    const edited = await importFile(team.chainId, 'docs-edited.csv', file('Prefers the terrace'));
    expect(edited.report).toMatchObject({ status: 'done', counts: { updated: ROWS } });
    const afterEdit = await times();
    const editParts = { ...written(afterCreate, afterEdit), ...(await entries(edited.importId)) };
    expect(editParts).toEqual({ customers: ROWS, searchRows: 0, lookupKeys: 0, history: ROWS, consentLog: 0 });

    const same = await importFile(team.chainId, 'docs-same.csv', file('Prefers the terrace'));
    expect(same.report).toMatchObject({ status: 'done', counts: { updated: 0 } });
    expect({ ...written(afterEdit, await times()), ...(await entries(same.importId)) }).toEqual({
      customers: 0,
      searchRows: 0,
      lookupKeys: 0,
      history: 0,
      consentLog: 0,
    });
  });
});
