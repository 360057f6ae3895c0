// Whole files the import refuses, up front, with a clear report, writing no customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { handleImport } from '../../functions/src/imports/delivery';
import { adminBucket, adminDb } from '../helpers/admin';
import { createTeam, type Team } from '../helpers/chains';
import { BUCKET } from '../helpers/env';
import { importFile, upload, type Report } from '../helpers/imports';
import { paths } from '../../functions/src/model/paths';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../functions/src/model/import';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Import bad files');
});
afterAll(() => team.closeAll());

const customerCount = async () => (await adminDb.collection(paths.customers(team.chainId)).count().get()).data().count;

describe('files refused whole', () => {
  it.each([
    ['an empty file', 'empty.csv', Buffer.alloc(0), 'text/csv', 'empty', 'The file is empty'],
    ['a file with only a BOM', 'bom.csv', Buffer.from([0xef, 0xbb, 0xbf]), 'text/csv', 'empty', 'The file is empty'],
    ['binary garbage', 'garbage.csv', randomBytes(20_000), 'text/csv', 'binary', 'not a CSV text file'],
    ['a PNG image', 'photo.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'image/png', 'notCsv', 'image/png'],
    ['a file without a last name column', 'nolast.csv', Buffer.from('Prénom,Courriel\nA,a@example.test\n'), 'text/csv', 'missingColumn', 'last name'],
    [
      'a 10 MB single field',
      'huge-field.csv',
      Buffer.from(`Prénom,Nom,Remarques\nA,B,"${'x'.repeat(10 * 1024 * 1024)}"\nC,D,ok\n`),
      'text/csv',
      'recordTooLarge',
      'Line 2',
    ],
    ['a quote never closed', 'open-quote.csv', Buffer.from('Prénom,Nom\nA,"B\nC,D\n'), 'text/csv', 'quoteNotClosed', 'never closed'],
    ['an invalid mapping', 'bad-mapping.csv', Buffer.from('a,b\nA,B\n'), 'text/csv', 'badMapping', 'nickname'],
  ])('%s', async (_label, name, body, contentType, code, text) => {
    const before = await customerCount();
    const metadata: Record<string, string> = name === 'bad-mapping.csv' ? { mapping: JSON.stringify(['firstName', 'nickname']) } : {};
    const { report } = await importFile(team.chainId, name, body, { contentType, metadata });
    expect(report.status).toBe('failed');
    expect(report.failure).toMatchObject({ code, message: expect.stringContaining(text) });
    expect(report.failure!.message).toContain('Nothing was imported');
    expect(await customerCount()).toBe(before);
  });

  it('an empty file is refused from its size, without a read (Cloud Storage answers 416 to a range read of 0 bytes)', async () => {
    // Staged with the "written by regulars" mark so the real trigger leaves it, then deleted: any read would now fail.
    const { path, generation, importId } = await upload(team.chainId, 'empty-unread.csv', Buffer.alloc(0), { metadata: { regularsOutput: 'test-staged' } });
    await adminBucket.file(path).delete();
    const event = { bucket: BUCKET, name: path, generation, size: 0, contentType: 'text/csv', metadata: { lang: 'en' } };
    await handleImport({ db: adminDb, bucket: adminBucket, writesPerSecond: 500 }, event);
    const report = (await adminDb.doc(paths.importReport(team.chainId, importId)).get()).data() as Report;
    expect(report).toMatchObject({ status: 'failed', failure: { code: 'empty', message: 'The file is empty. Nothing was imported.' } });
  });

  it('a file over the documented maximum of 1,000,000 rows', async () => {
    const before = await customerCount();
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `P${i},N${i}`).join('\n');
    const { report } = await importFile(team.chainId, 'too-many.csv', `Prénom,Nom\n${rows}\n`);
    expect(report).toMatchObject({ status: 'failed', failure: { code: 'tooManyRows', message: expect.stringContaining('1,000,000') } });
    expect(await customerCount()).toBe(before);
  }, 180_000);

  it('a file over 256 MiB is refused from the size the event gives, without a read; at 256 MiB it is read', async () => {
    expect(MAX_IMPORT_BYTES).toBe(256 * 1024 * 1024);
    // Staged with the "written by regulars" mark so the real trigger leaves them; the event says the
    // size (as the platform does), so no 256 MiB crosses the emulator. The rules test uploads one.
    const over = await upload(team.chainId, 'too-big.csv', Buffer.from('Prénom,Nom\nOver,Size\n'), { metadata: { regularsOutput: 'test-staged' } });
    const event = (name: string, generation: string, size: number) => ({
      bucket: BUCKET,
      name,
      generation,
      size,
      contentType: 'text/csv',
      metadata: { lang: 'en' },
    });
    await handleImport({ db: adminDb, bucket: adminBucket, writesPerSecond: 500 }, event(over.path, over.generation, MAX_IMPORT_BYTES + 1));
    const refused = (await adminDb.doc(paths.importReport(team.chainId, over.importId)).get()).data() as Report;
    expect(refused).toMatchObject({ status: 'failed', failure: { code: 'tooLarge', message: expect.stringContaining('larger than 256 MiB') } });
    const at = await upload(team.chainId, 'at-limit.csv', Buffer.from('Prénom,Nom\nAt,Limit\n'), { metadata: { regularsOutput: 'test-staged' } });
    await handleImport({ db: adminDb, bucket: adminBucket, writesPerSecond: 500 }, event(at.path, at.generation, MAX_IMPORT_BYTES));
    const read = (await adminDb.doc(paths.importReport(team.chainId, at.importId)).get()).data() as Report;
    expect(read).toMatchObject({ status: 'done', counts: { rows: 1, created: 1 } });
  });

  it('a header-only file is done, with no rows and a warning', async () => {
    const { report } = await importFile(team.chainId, 'header-only.csv', 'Prénom,Nom,Courriel\r\n');
    expect(report).toMatchObject({ status: 'done', counts: { rows: 0, created: 0 }, totalRows: 0 });
    expect(report.warnings).toContain('The file has a header but no customer rows.');
  });

  it('reports in the uploader’s language', async () => {
    const { report } = await importFile(team.chainId, 'vide.csv', Buffer.alloc(0), { metadata: { lang: 'fr' } });
    expect(report.failure!.message).toBe('Le fichier est vide. Rien n’a été importé.');
  });

  it('leaves alone files outside a chain folder and its own error files', async () => {
    const { upload } = await import('../helpers/imports');
    const own = await upload(team.chainId, 'x.errors-1.csv', 'Prénom,Nom\nA,B\n', { metadata: { regularsOutput: 'import-errors' } });
    await new Promise((r) => setTimeout(r, 4000));
    expect((await adminDb.doc(paths.importReport(team.chainId, own.importId)).get()).exists).toBe(false);
  });
});
