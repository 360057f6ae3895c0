// What an import keeps, and for how long: the upload is deleted when the import ends (done or
// refused); the error file and the values quoted in the report expire after 7 days (purge); an
// erasure removes the customer's rows from every error file still kept, in its own chain only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { adminBucket, adminDb } from '../helpers/admin';
import { createTwoTeams, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { errorFileText, importFile } from '../helpers/imports';
import { paths } from '../../functions/src/model/paths';
import { purgeExpiredImports } from '../../functions/src/imports/retention';

let team: Team;
let other: Team;
beforeAll(async () => {
  [team, other] = await createTwoTeams('Retention');
});
afterAll(async () => {
  await team.closeAll();
  await other.closeAll();
});

const DAY = 24 * 3600_000;
const exists = async (path: string) => (await adminBucket.file(path).exists())[0];
const report = async (chainId: string, importId: string) => (await adminDb.doc(paths.importReport(chainId, importId)).get()).data()!;
const HEADER = 'First name,Last name,Email,Mobile,Birth date';
/** A file whose rows all fail (the birth date), so each is kept in the error file as uploaded. */
const failing = (...rows: string[]) => [HEADER, ...rows.map((r) => `${r},not a date`)].join('\n');

describe('the uploaded file', () => {
  it('is deleted once the import is done; the report keeps its name and says when', async () => {
    const { path, importId, report: done } = await importFile(team.chainId, 'kept-name.csv', 'First name,Last name\nAda,Done\n');
    expect(done.status).toBe('done');
    // Deleted right after the report says done.
    await expect.poll(async () => (await report(team.chainId, importId)).uploadDeletedAt, { timeout: 20_000 }).toBeInstanceOf(Timestamp);
    expect(await exists(path)).toBe(false);
    expect(done.file.name).toBe('kept-name.csv');
  });

  it('is deleted when the import is refused, and after a check (dry run) too', async () => {
    const refused = await importFile(team.chainId, 'no-names.csv', 'Colour,Size\nred,M\n');
    expect(refused.report.status).toBe('failed');
    await expect.poll(() => exists(refused.path), { timeout: 20_000 }).toBe(false);
    const dry = await importFile(team.chainId, 'dry.csv', 'First name,Last name\nDry,Run\n', { metadata: { mode: 'dry-run' } });
    expect(dry.report.status).toBe('done');
    await expect.poll(() => exists(dry.path), { timeout: 20_000 }).toBe(false);
  });
});

describe('the error file and the values in the report', () => {
  it('expire after 7 days: stamped on the file and the report, then purged (file deleted, values blanked)', async () => {
    const { report: done, importId } = await importFile(team.chainId, 'expiring.csv', failing('Eva,Expiring,eva.expiring@example.test,0611223344'));
    expect(done.counts.failed).toBe(1);
    expect(done.errors[0]!.value).toBe('not a date');
    const [meta] = await adminBucket.file(done.errorFile!).getMetadata();
    const stamped = Date.parse(String(meta.metadata!.expiresAt));
    expect(stamped - Date.now()).toBeGreaterThan(6.9 * DAY);
    expect(stamped - Date.now()).toBeLessThan(7.1 * DAY);
    expect(Math.abs((done.expiresAt as Timestamp).toMillis() - stamped)).toBeLessThan(60_000);
    // The other chain's expired report is not this chain's purge's business.
    const theirs = await importFile(other.chainId, 'theirs.csv', failing('Tom,Theirs,tom.theirs@example.test,0622334455'));

    await purgeExpiredImports(adminDb, adminBucket, { now: new Date(Date.now() + 6 * DAY), chainId: team.chainId });
    expect(await exists(done.errorFile!)).toBe(true);
    await purgeExpiredImports(adminDb, adminBucket, { now: new Date(Date.now() + 8 * DAY), chainId: team.chainId });
    expect(await exists(done.errorFile!)).toBe(false);
    const purged = await report(team.chainId, importId);
    expect(purged).toMatchObject({ errorFile: null, counts: { failed: 1 }, file: { name: 'expiring.csv' } });
    expect(purged.errors).toEqual([{ ...done.errors[0], value: '' }]);
    expect(purged.purgedAt).toBeInstanceOf(Timestamp);
    expect(purged.expiresAt).toBeUndefined();
    expect(await exists(theirs.report.errorFile!)).toBe(true);
    expect((await report(other.chainId, theirs.importId)).errors[0].value).toBe('not a date');
  });
});

describe('erasure', () => {
  it("removes the customer's rows from every error file still kept, and the values quoted in those reports", async () => {
    const chloe = await createCustomer(team.manager, team.chainId, {
      firstName: 'Chloé',
      lastName: 'Effacée',
      email: 'chloe.effacee@example.test',
      phones: { mobile: '0655443322' },
    });
    // Her rows: by email, by phone in another form, by name; and rows of others, which stay.
    const first = await importFile(
      team.chainId,
      'first.csv',
      failing('Chloe,EFFACEE,,', 'Zoé,Reste,zoe.reste@example.test,0600000001', ',,CHLOE.EFFACEE@example.test,'),
    );
    const second = await importFile(team.chainId, 'second.csv', failing('C.,E.,,+33 6 55 44 33 22'));
    const unrelated = await importFile(team.chainId, 'unrelated.csv', failing('Yann,Reste,yann.reste@example.test,0600000002'));
    // The same person in another chain's file: not this erasure's business.
    const elsewhere = await importFile(other.chainId, 'elsewhere.csv', failing('Chloé,Effacée,chloe.effacee@example.test,0655443322'));
    expect(await errorFileText(first.report.errorFile!)).toContain('Zoé');

    await team.manager.call('deleteCustomer', { chainId: team.chainId, customerId: chloe.customerId });

    const firstText = await errorFileText(first.report.errorFile!);
    expect(firstText).toContain('zoe.reste@example.test');
    for (const value of ['Chloe', 'EFFACEE', 'CHLOE.EFFACEE']) expect(firstText).not.toContain(value);
    expect(firstText.trim().split(/\r\n/)).toHaveLength(2); // header and Zoé
    const firstReport = await report(team.chainId, first.importId);
    expect(firstReport.errors.length).toBeGreaterThanOrEqual(3);
    expect(firstReport.errors.every((e: { value: string }) => e.value === '')).toBe(true);
    expect(firstReport.counts.failed).toBe(3);
    // Her only row: the error file is gone.
    expect(await exists(second.report.errorFile!)).toBe(false);
    expect((await report(team.chainId, second.importId)).errorFile).toBeNull();
    // Untouched: a file without her, and the other chain's file.
    expect((await report(team.chainId, unrelated.importId)).errors[0].value).toBe('not a date');
    expect(await errorFileText(unrelated.report.errorFile!)).toContain('yann.reste@example.test');
    expect(await errorFileText(elsewhere.report.errorFile!)).toContain('chloe.effacee@example.test');
    expect((await report(other.chainId, elsewhere.importId)).errors[0].value).toBe('not a date');
  });
});
