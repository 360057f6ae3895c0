// Never twice, never lost: a redelivered event, a crash mid-file then a retry, a new version of the
// same path, and progress reported while a large file is imported. The handler is called directly
// (as the trigger would) on files uploaded with the "written by regulars" mark, which the real
// trigger skips, so the test controls the deliveries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquire, handleImport, LeaseHeld } from '../../functions/src/imports/delivery';
import { ImportMetadata } from '../../functions/src/model/import';
import { adminBucket, adminDb } from '../helpers/admin';
import { createTeam, type Team } from '../helpers/chains';
import { signUp, uniqueEmail } from '../helpers/clients';
import { importFile, stageImport, upload, type Report } from '../helpers/imports';
import { paths } from '../../functions/src/model/paths';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Import delivery');
});
afterAll(() => team.closeAll());

const deps = () => ({ db: adminDb, bucket: adminBucket, writesPerSecond: 5000 });

function rows(n: number, prefix: string): string {
  const lines = ['Prénom,Nom,Courriel,Ville'];
  for (let i = 1; i <= n; i++) lines.push(`P${i},${prefix}${i},${prefix.toLowerCase()}${i}@example.test,Ville ${i % 7}`);
  return `${lines.join('\n')}\n`;
}

const stage = (name: string, body: string) => stageImport(team.chainId, name, body);

const report = async (importId: string) => (await adminDb.doc(paths.importReport(team.chainId, importId)).get()).data() as Report;
const countByPrefix = async (prefix: string) =>
  (await adminDb.collection(paths.customers(team.chainId)).where('lastName', '>=', prefix).where('lastName', '<', `${prefix}~`).count().get()).data().count;

describe('delivery', () => {
  it('the same finalize event delivered twice imports once', async () => {
    const { object, importId } = await stage('twice.csv', rows(50, 'Twice'));
    await handleImport(deps(), object);
    const first = await report(importId);
    expect(first.counts).toMatchObject({ rows: 50, created: 50 });
    await handleImport(deps(), object); // redelivered
    expect(await report(importId)).toEqual(first);
    expect(await countByPrefix('Twice')).toBe(50);
  });

  it('a delivery while another is running is retried later, not processed twice', async () => {
    const { object, importId } = await stage('concurrent.csv', rows(20, 'Concurrent'));
    const results = await Promise.allSettled([handleImport(deps(), object), handleImport(deps(), object)]);
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    // Either both ran one after the other (the second found it done), or one found the lease held.
    for (const r of rejected) expect(r.reason).toBeInstanceOf(LeaseHeld);
    expect(await countByPrefix('Concurrent')).toBe(20);
    expect((await report(importId)).counts).toMatchObject({ rows: 20, created: 20 });
  });

  it('a crash mid-file, then the retry: no customer duplicated or lost, exact counts', async () => {
    const { object, importId } = await stage('crash.csv', rows(4_000, 'Crash'));
    // Up to about 2 s of writes are in flight (commits.ts): on a loaded machine, the rows of the first
    // chunks may not have landed by the last progress before the crash. The fourth chunk (rows
    // 1502-2001) waits until the first two chunks' customers are written, so its progress (the
    // last before the crash after row 2600) finds a checkpoint.
    let reads = 0;
    const afterRead = async () => {
      if (++reads !== 4) return;
      for (let i = 0; i < 600 && (await countByPrefix('Crash')) < 1_000; i++) await new Promise((r) => setTimeout(r, 50));
    };
    await expect(handleImport(deps(), object, { stopAfterRows: 2_600, progressEveryMs: 0, afterRead })).rejects.toThrow('fault injection');
    const crashed = await report(importId);
    expect(crashed.status).toBe('running');
    expect((crashed.checkpoint as { row: number }).row).toBeGreaterThan(1);
    // A checkpoint after every chunk: rows read ahead or in flight at the crash are missing, most before it were written.
    expect(await countByPrefix('Crash')).toBeGreaterThanOrEqual(1_000);

    // The platform retries; until the lease expires another attempt is refused, then it resumes.
    await expect(handleImport(deps(), object)).rejects.toBeInstanceOf(LeaseHeld);
    await handleImport(deps(), object, { now: () => Date.now() + 5 * 60_000 });
    const done = await report(importId);
    expect(done).toMatchObject({ status: 'done', counts: { rows: 4_000, created: 4_000, updated: 0, unchanged: 0, failed: 0 } });
    expect(await countByPrefix('Crash')).toBe(4_000);
    const index = await adminDb.collection(paths.customerIndex(team.chainId)).where('lastName', '>=', 'Crash').where('lastName', '<', 'Crash~').count().get();
    expect(index.data().count).toBe(4_000);
  });

  it('a crash after updates landed beyond the checkpoint: the retry still counts them as updated', async () => {
    const n = 3_000;
    const first = await importFile(team.chainId, 'landed-1.csv', rows(n, 'Landed'));
    expect(first.report.counts).toMatchObject({ created: n });
    const moved = rows(n, 'Landed').replace(/,Ville \d+$/gm, ',Elsewhere');
    const { object, importId } = await stage('landed-2.csv', moved);
    await expect(handleImport(deps(), object, { stopAfterRows: 2_200 })).rejects.toThrow('fault injection');
    expect((await report(importId)).status).toBe('running');
    await handleImport(deps(), object, { now: () => Date.now() + 5 * 60_000 });
    expect((await report(importId)).counts).toEqual({ rows: n, created: 0, updated: n, unchanged: 0, skipped: 0, failed: 0, repeated: 0 });
    const elsewhere = await adminDb.collection(paths.customers(team.chainId)).where('address.city', '==', 'Elsewhere').count().get();
    expect(elsewhere.data().count).toBe(n);
  });

  it('gives up after three attempts that all stopped, with a report saying so', async () => {
    const { object, importId } = await stage('gives-up.csv', rows(30, 'GivesUp'));
    const minutes = (m: number) => () => Date.now() + m * 60_000;
    await expect(handleImport(deps(), object, { stopAfterRows: 10 })).rejects.toThrow('fault injection');
    await expect(handleImport(deps(), object, { stopAfterRows: 10, now: minutes(5) })).rejects.toThrow('fault injection');
    await expect(handleImport(deps(), object, { stopAfterRows: 10, now: minutes(10) })).rejects.toThrow('fault injection');
    expect((await report(importId)).status).toBe('running');
    await handleImport(deps(), object, { now: minutes(15) }); // a fourth delivery: not run again
    expect(await report(importId)).toMatchObject({ status: 'failed', failure: { code: 'gaveUp', message: expect.stringContaining('3 times') } });
    await handleImport(deps(), object, { now: minutes(20) }); // and later ones find it finished
    expect((await report(importId)).status).toBe('failed');
  });

  it('a new version of the same path is a new import', async () => {
    const first = await importFile(team.chainId, 'versioned.csv', rows(3, 'Versioned'));
    const second = await importFile(team.chainId, 'versioned.csv', rows(4, 'Versioned'));
    expect(second.importId).not.toBe(first.importId);
    expect(first.report.counts).toMatchObject({ created: 3 });
    expect(second.report.counts).toMatchObject({ created: 1, unchanged: 3 });
  });

  it('a report is queued until a delivery starts the job; one arriving while the lease holds waits', async () => {
    const { object, importId } = await stage('queued.csv', rows(5, 'Queued'));
    const ref = adminDb.doc(paths.importReport(team.chainId, importId));
    // The first step of a delivery, on its own: the report is created, queued, under a lease.
    expect(await acquire(adminDb, ref, object, ImportMetadata.parse({}), {})).toEqual({ checkpoint: null, attempt: 1, part: null });
    const queued = await report(importId);
    expect(queued).toMatchObject({ status: 'queued', processed: 0, totalRows: null, counts: { rows: 0 }, startedAt: null, lease: { attempt: 1 } });
    expect(queued.queuedAt).toBeTruthy();
    await expect(handleImport(deps(), object)).rejects.toBeInstanceOf(LeaseHeld);
    expect((await report(importId)).status).toBe('queued');
    await handleImport(deps(), object, { now: () => Date.now() + 5 * 60_000 });
    expect(await report(importId)).toMatchObject({ status: 'done', counts: { rows: 5, created: 5 } });
  });

  it("the afterRead hook runs once a chunk's customers are read, before its rows are planned", async () => {
    const first = await importFile(team.chainId, 'hook-1.csv', rows(3, 'Hook'));
    expect(first.report.counts).toMatchObject({ created: 3 });
    const ids = (await adminDb.collection(paths.customers(team.chainId)).where('lastName', '>=', 'Hook').where('lastName', '<', 'Hook~').get()).docs.map(
      (d) => d.id,
    );
    const { object, importId } = await stage('hook-2.csv', rows(4, 'Hook'));
    const reads: string[][] = [];
    await handleImport(deps(), object, {
      afterRead: async (customerIds) => {
        reads.push([...customerIds].sort());
        // Nothing planned yet: the report holds no row of this chunk.
        expect((await report(importId)).processed).toBe(0);
      },
    });
    expect(reads).toEqual([[...ids].sort()]);
    expect((await report(importId)).counts).toMatchObject({ rows: 4, created: 1, unchanged: 3 });
  });

  it('reports its status (running, done), progress while a large file is imported, and timings', async () => {
    // Listening before the upload (the queued state, an instant here, may be seen or not).
    const statuses = new Map<string, string[]>();
    const seen = new Set<number>();
    const stop = adminDb.collection(paths.imports(team.chainId)).onSnapshot((snap) => {
      for (const change of snap.docChanges()) {
        const status = change.doc.get('status') as string;
        const list = statuses.get(change.doc.id) ?? [];
        if (list[list.length - 1] !== status) list.push(status);
        statuses.set(change.doc.id, list);
        if (status === 'running' && change.doc.id.endsWith('progress_csv')) seen.add(change.doc.get('processed'));
      }
    });
    const { path, importId } = await upload(team.chainId, 'progress.csv', rows(8_000, 'Progress'));
    const { waitForReport } = await import('../helpers/imports');
    const final = await waitForReport(team.chainId, importId);
    await new Promise((r) => setTimeout(r, 500));
    stop();
    expect((statuses.get(importId) ?? []).filter((s) => s !== 'queued')).toEqual(['running', 'done']);
    const millis = (t: unknown) => (t as { toMillis(): number }).toMillis();
    expect(millis(final.queuedAt)).toBeLessThanOrEqual(millis(final.startedAt));
    expect(millis(final.startedAt)).toBeLessThan(millis(final.finishedAt));
    expect(final.durationMs).toBeGreaterThan(0);
    expect(final.durationMs!).toBeLessThanOrEqual(millis(final.finishedAt) - millis(final.queuedAt) + 1_000);
    const t = final.timings!;
    expect(t.totalMs).toBe(final.durationMs);
    for (const part of [t.scanMs, t.lookupMs, t.writeWaitMs]) expect(part).toBeGreaterThanOrEqual(0);
    expect(t.scanMs).toBeGreaterThan(0);
    expect(t.scanMs + t.writeWaitMs).toBeLessThanOrEqual(t.totalMs);
    expect(path).toContain('progress.csv');
    expect(final.counts).toMatchObject({ rows: 8_000, created: 8_000 });
    expect(final.totalRows).toBe(8_000);
    expect([...seen].filter((n) => n > 0 && n < 8_000).length).toBeGreaterThanOrEqual(3);
  });
});

describe('the uploader', () => {
  it('a member removed after the upload: the import fails when it starts, nothing is written', async () => {
    const uploader = await signUp(uniqueEmail('uploader'));
    await team.owner.call('setMember', { chainId: team.chainId, email: uploader.email, role: 'manager' });
    const other = await createTeam('Import delivery, other chain');
    const staged = await stage('removed-uploader.csv', rows(3, 'Removed'));
    const object = { ...staged.object, metadata: { ...staged.object.metadata, uploadedBy: uploader.uid } };
    await team.owner.call('setMember', { chainId: team.chainId, uid: uploader.uid, role: null });

    await handleImport(deps(), object);
    const failed = await report(staged.importId);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatchObject({ code: 'uploaderNotAllowed', message: expect.stringContaining('no longer an owner or manager') });
    expect(await countByPrefix('Removed')).toBe(0);
    expect((await adminDb.collection(paths.customers(other.chainId)).count().get()).data().count).toBe(0);

    // Made staff instead of removed: refused too; still a manager: the same file imports.
    await team.owner.call('setMember', { chainId: team.chainId, email: uploader.email, role: 'staff' });
    const demoted = await stage('demoted-uploader.csv', rows(2, 'Demoted'));
    await handleImport(deps(), { ...demoted.object, metadata: { ...demoted.object.metadata, uploadedBy: uploader.uid } });
    expect((await report(demoted.importId)).failure).toMatchObject({ code: 'uploaderNotAllowed' });
    expect(await countByPrefix('Demoted')).toBe(0);
    const kept = await stage('manager-uploader.csv', rows(2, 'Kept'));
    await handleImport(deps(), { ...kept.object, metadata: { ...kept.object.metadata, uploadedBy: team.manager.uid } });
    expect((await report(kept.importId)).counts).toMatchObject({ rows: 2, created: 2 });
    await Promise.all([uploader.close(), other.closeAll()]);
  });
});
