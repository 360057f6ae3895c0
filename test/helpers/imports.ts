// Uploads CSV files to the Storage emulator the way a manager (or any Storage tool) would, and
// waits for the import function's report.
import { adminBucket, adminDb } from './admin';
import { importIdFor, type ImportReport } from '../../functions/src/model/import';
import type { StorageObject } from '../../functions/src/imports/guard';
import { BUCKET } from './env';
import { paths } from '../../functions/src/model/paths';

export type Report = ImportReport & { checkpoint?: unknown; lease?: unknown; part?: unknown };

export function utf16be(text: string): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

export const utf16le = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le');
export const utf8bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

/** Windows-1252 bytes (what Excel writes on Windows): Latin-1 plus œ, €, ’ and friends. */
export function cp1252(text: string): Buffer {
  const extra: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '’': 0x92, '“': 0x93, '”': 0x94, Œ: 0x8c, œ: 0x9c, Š: 0x8a, š: 0x9a };
  return Buffer.from([...text].map((c) => extra[c] ?? c.charCodeAt(0)).map((b) => (b > 0xff ? 0x3f : b)));
}

export async function upload(
  chainId: string,
  name: string,
  body: Buffer | string,
  opts: { contentType?: string; metadata?: Record<string, string> } = {},
): Promise<{ path: string; importId: string; generation: string }> {
  const path = `imports/${chainId}/${name}`;
  const file = adminBucket.file(path);
  await file.save(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, {
    resumable: false,
    contentType: opts.contentType ?? 'text/csv',
    metadata: { metadata: { lang: 'en', ...opts.metadata } },
  });
  const [meta] = await file.getMetadata();
  const generation = String(meta.generation);
  return { path, importId: importIdFor(path, generation), generation };
}

/**
 * Uploads without triggering the real function (the "written by regulars" mark makes the trigger
 * skip it); returns the event the trigger would get, so a test can deliver it itself.
 */
export async function stageImport(chainId: string, name: string, body: string): Promise<{ object: StorageObject; importId: string }> {
  const { path, generation, importId } = await upload(chainId, name, body, { metadata: { regularsOutput: 'test-staged' } });
  const [meta] = await adminBucket.file(path).getMetadata();
  return {
    importId,
    object: { bucket: BUCKET, name: path, generation, size: Number(meta.size), contentType: 'text/csv', metadata: { lang: 'en' } },
  };
}

export async function waitForReport(chainId: string, importId: string, timeoutMs = 120_000): Promise<Report> {
  const ref = adminDb.doc(paths.importReport(chainId, importId));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snap = await ref.get();
    const status = snap.get('status');
    if (status === 'done' || status === 'failed') return snap.data() as Report;
    if (Date.now() > deadline) throw new Error(`import ${importId} still ${status ?? 'not started'} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function importFile(chainId: string, name: string, body: Buffer | string, opts: Parameters<typeof upload>[3] = {}) {
  const { importId, path } = await upload(chainId, name, body, opts);
  return { importId, path, report: await waitForReport(chainId, importId) };
}

export async function customersOf(chainId: string) {
  const snap = await adminDb.collection(paths.customers(chainId)).get();
  return snap.docs.map((d) => ({ id: d.id, ...d.data() }) as Record<string, any>);
}

export async function errorFileText(path: string): Promise<string> {
  const [bytes] = await adminBucket.file(path).download();
  return bytes.toString('utf8');
}
