// Phones through the real callables and the real import: parsed with the chain's country (settings),
// stored in E.164 or kept as typed with a warning, found by every form, duplicates by E.164, and the
// resumable migration (reindexCustomers) that re-indexes customers stored before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, createTwoTeams, type Team } from '../helpers/chains';
import { customersOf, importFile } from '../helpers/imports';
import { paths } from '../../functions/src/model/paths';

let fr: Team;
let ch: Team;
beforeAll(async () => {
  [fr, ch] = await createTwoTeams('Phones');
  await fr.owner.call('saveChainSettings', { chainId: fr.chainId, settings: { country: 'FR', language: 'fr' } });
  await ch.owner.call('saveChainSettings', { chainId: ch.chainId, settings: { country: 'CH', language: 'de' } });
});
afterAll(async () => {
  await fr.closeAll();
  await ch.closeAll();
});

// Managers: staff of a chain that keeps contact details from them do not change phones (staff-contact.test.ts).
const save = (team: Team, customer: object, extra: object = {}) =>
  team.manager.call<{ customerId: string; version: number; warnings: { path: string; code: string; message: string; params: Record<string, string> }[] }>(
    'saveCustomer',
    { chainId: team.chainId, customer, ...extra },
  );
const stored = async (chainId: string, id: string) => (await adminDb.doc(paths.customer(chainId, id)).get()).data()!;
const keyDoc = async (chainId: string, key: string) =>
  (await adminDb.doc(`${paths.customerKeys(chainId)}/${createHash('sha1').update(key).digest('hex')}`).get()).data();
/** The phone keys (`p:…`) that list the customer, read with a collection query. */
async function phoneKeysOf(chainId: string, id: string): Promise<string[]> {
  const snap = await adminDb.collection(paths.customerKeys(chainId)).where('ids', 'array-contains', id).get();
  return snap.docs
    .map((d) => String(d.get('key')))
    .filter((k) => k.startsWith('p:'))
    .sort();
}
const search = (team: Team, text: string) =>
  team.staff.call<{ rows: { customerId: string; phone: string }[] }>('searchCustomers', { chainId: team.chainId, query: { text } });

describe('saveCustomer reads phones with the chain country', () => {
  it('stores E.164 whatever the form typed: trunk prefix, (0), 00, dots, dashes, an extension', async () => {
    const { customerId, warnings } = await save(fr, {
      firstName: 'Hélène',
      lastName: 'Phone',
      phones: { mobile: '06.12.34.56.01', home: '0033 (0)1 40 00 00 02', work: '+44 (0)20 7946 0000', fax: '+1 (202) 555-0142 ext. 12' },
    });
    expect(warnings).toEqual([]);
    expect((await stored(fr.chainId, customerId)).phones).toEqual({
      mobile: '+33612345601',
      home: '+33140000002',
      work: '+442079460000',
      pager: '',
      fax: '+12025550142;ext=12',
    });
    // the list row carries the stored value; the web client formats it for the chain's country
    expect((await search(fr, 'Hélène Phone')).rows[0]!.phone).toBe('+33612345601');
  });

  it('the same text in a Swiss chain is another number, or none', async () => {
    const { customerId, warnings } = await save(ch, {
      firstName: 'Urs',
      lastName: 'Phone',
      phones: { mobile: '022 123 45 67', home: '06 12 34 56 78', pager: '12 34 56' },
    });
    // 06 12 34 56 78 read in Switzerland is a Basel number (061)
    expect((await stored(ch.chainId, customerId)).phones).toMatchObject({ mobile: '+41221234567', home: '+41612345678', pager: '12 34 56' });
    expect(warnings).toEqual([
      { path: 'customer.phones.pager', code: 'phoneKept', message: expect.stringContaining('default country: Switzerland'), params: { country: 'CH' } },
    ]);
  });

  it('an unparseable phone is a warning, not an error: kept exactly as typed, and said again on an update', async () => {
    const first = await save(fr, { firstName: 'Kept', lastName: 'AsTyped', phones: { mobile: '0612345678 poste 12', work: '12345' } });
    expect(first.warnings.map((w) => [w.path, w.code])).toEqual([
      ['customer.phones.work', 'phoneKept'],
      ['customer.phones.mobile', 'phoneKept'],
    ]);
    expect((await stored(fr.chainId, first.customerId)).phones).toMatchObject({ mobile: '0612345678 poste 12', work: '12345' });
    const again = await save(
      fr,
      { firstName: 'Kept', lastName: 'AsTyped', phones: { mobile: '0612345678 poste 12', work: '01 40 00 00 09' } },
      {
        customerId: first.customerId,
        expectedVersion: first.version,
      },
    );
    expect(again.warnings.map((w) => w.path)).toEqual(['customer.phones.mobile']);
    expect((await stored(fr.chainId, first.customerId)).phones).toMatchObject({ mobile: '0612345678 poste 12', work: '+33140000009' });
  });

  it('a phone longer than 40 characters is still refused (invalid-argument at its path)', async () => {
    const err = await callError(save(fr, { firstName: 'Too', lastName: 'Long', phones: { mobile: '0'.repeat(41) } }));
    expect(err.code).toBe('invalid-argument');
    expect(err.details.problems.map((p: { path: string }) => p.path)).toEqual(['customer.phones.mobile']);
  });
});

describe('duplicates by E.164', () => {
  it('refuses the same number typed in another form, naming the customer; another chain is not concerned', async () => {
    const { customerId } = await save(fr, { firstName: 'Dup', lastName: 'One', phones: { mobile: '+33 6 98 76 54 32' } });
    for (const form of ['06 98 76 54 32', '0033698765432', '+33 (0)6-98-76-54-32']) {
      const err = await callError(save(fr, { firstName: 'Dup', lastName: 'Two', phones: { home: form } }));
      expect(err.code).toBe('already-exists');
      expect(err.details.duplicates[0]).toMatchObject({ customerId, matched: ['phone'] });
    }
    expect(await keyDoc(fr.chainId, 'p:+33698765432')).toMatchObject({ ids: [customerId], n: 1 });
    // the Swiss chain reads the same text as a Swiss number: no duplicate there
    await expect(save(ch, { firstName: 'Dup', lastName: 'Two', phones: { home: '+33 6 98 76 54 32' } })).resolves.toMatchObject({ warnings: [] });
  });
});

describe('search finds a phone by each of its forms', () => {
  let id: string;
  beforeAll(async () => {
    ({ customerId: id } = await save(fr, { firstName: 'Hélène', lastName: 'Search', phones: { mobile: '+33 6 12 34 56 78' } }));
    await save(fr, { firstName: 'Other', lastName: 'Number', phones: { mobile: '06 13 00 00 00' } });
  });

  it.each([
    '06 12',
    '06 12 34',
    '0612345678',
    '612',
    '6 12 34 56 78',
    '+33 6 12',
    '+33612345678',
    '0033612',
    '0033 6 12 34 56 78',
    '5678',
    '56 78',
    '345678',
    'hélène 06 12',
  ])('%j', async (text) => {
    const ids = (await search(fr, text)).rows.map((r) => r.customerId);
    expect(ids).toContain(id);
  });

  it.each(['06 13', '+44 6 12', '0044612', '5679'])('%j does not find it', async (text) => {
    expect((await search(fr, text)).rows.map((r) => r.customerId)).not.toContain(id);
  });
});

describe('the import reads phones with the chain country', () => {
  it('stores trunk-prefixed and 00-prefixed numbers in E.164, and keeps an unreadable one as typed', async () => {
    const text = [
      'Prénom;Nom;Courriel;Numéro de téléphone principal;Numéro de téléphone secondaire',
      'Anne;Import;anne.import@example.test;06 11 22 33 44;0033 (0)1 40 00 00 03',
      'Bernd;Import;bernd.import@example.test;0049 30 1234567;+44 (0)20 7946 0001',
      'Carla;Import;carla.import@example.test;06.11.22.33.55;0041-22-123-45-68',
      'Dora;Import;dora.import@example.test;0611 poste 3;',
    ].join('\n');
    const { report } = await importFile(fr.chainId, 'phones.csv', text);
    expect(report.counts).toMatchObject({ rows: 4, created: 4, failed: 0 });
    const byEmail = new Map((await customersOf(fr.chainId)).map((c) => [c.email, c.phones]));
    expect(byEmail.get('anne.import@example.test')).toEqual({ mobile: '+33611223344', work: '+33140000003', home: '', pager: '', fax: '' });
    expect(byEmail.get('bernd.import@example.test')).toEqual({ mobile: '+49301234567', work: '+442079460001', home: '', pager: '', fax: '' });
    expect(byEmail.get('carla.import@example.test')).toEqual({ mobile: '+33611223355', work: '+41221234568', home: '', pager: '', fax: '' });
    expect(byEmail.get('dora.import@example.test')).toEqual({ mobile: '0611 poste 3', work: '', home: '', pager: '', fax: '' });
    // the report (and the error file's Warning column) says which cell was kept as typed, in the uploader's language
    expect(report.rowWarnings).toEqual([
      { row: 5, column: 'Numéro de téléphone principal', value: '0611 poste 3', message: expect.stringContaining('kept as typed') },
    ]);
    // imported numbers are found and matched like saved ones
    expect((await search(fr, '06 11 22 33 44')).rows).toHaveLength(1);
    const err = await callError(save(fr, { firstName: 'Anne', lastName: 'Again', phones: { mobile: '+33 6 11 22 33 44' } }));
    expect(err.code).toBe('already-exists');
  });
});

describe('reindexCustomers: the resumable phone migration', () => {
  let team: Team;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    // A chain whose customers were saved before it had a country: national numbers kept as typed.
    team = await createTeam('Phones migration');
    const people: [string, object][] = [
      ['a', { mobile: '06 21 00 00 01' }],
      ['b', { mobile: '01 40 21 00 02', home: '+33 6 21 00 00 03' }],
      ['c', { mobile: '0044 20 7946 0002' }],
      ['d', { mobile: '12345' }],
      ['e', { work: '06 21 00 00 05' }],
    ];
    for (const [key, phones] of people) {
      ids[key] = (await save(team, { firstName: `Mig${key}`, lastName: 'Ration', phones })).customerId;
    }
    // What a customer stored by the hand-written rules looks like: `+33…` under the key of its bare digits.
    const key = 'p:+33621000003';
    const legacy = 'p:33621000003';
    const sha = (k: string) => createHash('sha1').update(k).digest('hex');
    await adminDb.doc(`${paths.customerKeys(team.chainId)}/${sha(key)}`).delete();
    await adminDb.doc(`${paths.customerKeys(team.chainId)}/${sha(legacy)}`).set({ key: legacy, ids: [ids.b], n: 1 });
    await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { country: 'FR' } });
  });
  afterAll(() => team.closeAll());

  const run = (user = team.manager, extra: object = {}) =>
    user.call<{ processed: number; updated: number; unchanged: number; skipped: number; done: boolean; cursor: string | null }>('reindexCustomers', {
      chainId: team.chainId,
      ...extra,
    });

  it('staff, members of another chain and bad input are refused', async () => {
    expect((await callError(run(team.staff))).code).toBe('permission-denied');
    expect((await callError(fr.owner.call('reindexCustomers', { chainId: team.chainId }))).code).toBe('permission-denied');
    expect((await callError(run(team.manager, { limit: 0 }))).code).toBe('invalid-argument');
  });

  it('runs in pages from a stored cursor, stops where it was told, resumes, and leaves every value and key exact', async () => {
    const before = await stored(team.chainId, ids.a!);
    expect(before.phones.mobile).toBe('06 21 00 00 01');
    const first = await run(team.manager, { limit: 2 });
    expect(first).toMatchObject({ processed: 2, done: false });
    const state = (await adminDb.doc(paths.migration(team.chainId, 'phones')).get()).data()!;
    expect(state).toMatchObject({ cursor: first.cursor, done: false, processed: 2, country: 'FR' });
    const sorted = Object.values(ids).sort();
    expect(first.cursor).toBe(sorted[1]);
    // only the first two (in id order) are migrated so far: the others keep their national numbers
    const national = async () => {
      const found: string[] = [];
      for (const id of sorted) if (Object.values((await stored(team.chainId, id)).phones).some((p) => /^0\d /.test(String(p)))) found.push(id);
      return found;
    };
    expect(await national()).toEqual([ids.a!, ids.b!, ids.e!].filter((id) => !sorted.slice(0, 2).includes(id)).sort());
    const second = await run(team.manager, { limit: 2 });
    expect(second.processed).toBe(2);
    const last = await run(team.owner, { limit: 2 });
    expect(last).toMatchObject({ processed: 1, done: true });

    expect((await stored(team.chainId, ids.a!)).phones.mobile).toBe('+33621000001');
    expect((await stored(team.chainId, ids.b!)).phones).toMatchObject({ mobile: '+33140210002', home: '+33621000003' });
    expect((await stored(team.chainId, ids.c!)).phones.mobile).toBe('+442079460002');
    expect((await stored(team.chainId, ids.d!)).phones.mobile).toBe('12345');
    expect((await stored(team.chainId, ids.e!)).phones.work).toBe('+33621000005');
    expect(await phoneKeysOf(team.chainId, ids.a!)).toEqual(['p:+33621000001']);
    expect(await phoneKeysOf(team.chainId, ids.b!)).toEqual(['p:+33140210002', 'p:+33621000003']);
    expect(await phoneKeysOf(team.chainId, ids.c!)).toEqual(['p:+442079460002']);
    expect(await phoneKeysOf(team.chainId, ids.d!)).toEqual(['p:12345']);
    // the keys of before hold nobody any more: deleted, not left with a phone for nobody
    for (const gone of ['p:0621000001', 'p:0140210002', 'p:33621000003', 'p:0621000005']) expect(await keyDoc(team.chainId, gone)).toBeUndefined();
    // the history says what changed, by whom, from the migration
    const history = await adminDb.collection(paths.history(team.chainId, ids.a!)).where('source', '==', 'migration').get();
    expect(history.docs.map((d) => d.get('changes'))).toEqual([[{ field: 'phones.mobile', before: '06 21 00 00 01', after: '+33621000001' }]]);
    // and the search finds them by their new forms
    expect((await search(team, '621')).rows.map((r) => r.customerId).sort()).toEqual([ids.a, ids.b, ids.e].sort());
  });

  it('is idempotent: once done it does nothing; started again, nothing changes', async () => {
    expect(await run()).toMatchObject({ processed: 0, done: true });
    const versions = await Promise.all(Object.values(ids).map(async (id) => (await stored(team.chainId, id)).version));
    const again = await run(team.manager, { restart: true, limit: 500 });
    expect(again).toMatchObject({ processed: 5, updated: 0, unchanged: 5, done: true });
    expect(await Promise.all(Object.values(ids).map(async (id) => (await stored(team.chainId, id)).version))).toEqual(versions);
    const audit = await adminDb.collection(paths.audit(team.chainId)).where('action', '==', 'customers.reindex').get();
    expect(audit.size).toBe(4); // 3 pages, then the restarted run (a call once done changes nothing)
  });
});
