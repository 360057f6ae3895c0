// Card batches: a name and up to 10,000 new unbound cards with unguessable codes; and a batch as a
// CSV of codes for the card printer.
import { pipeline } from 'node:stream/promises';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { stringify } from 'csv-stringify';
import { formatCode, type CardBatchDoc, type CardDoc } from '../model/card';
import { EXPORT_TTL_MS } from '../model/export';
import { chainRef } from '../common/access';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { AppError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { OUTPUT_MARK } from '../imports/guard';
import { cardBatchCreated } from '../logs';
import { generateCode } from './codes';
import { batchesOf } from './refs';

export async function createCardBatch(
  { db }: Deps,
  caller: ChainCaller,
  input: { name: string; size: number },
): Promise<{ batchId: string; size: number }> {
  const batchRef = batchesOf(db, caller.chainId).doc();
  const batch: CardBatchDoc = {
    name: input.name,
    size: input.size,
    bound: 0,
    revoked: 0,
    status: 'creating',
    createdAt: FieldValue.serverTimestamp(),
    createdBy: caller.uid,
  };
  await batchRef.create(batch);
  const writer = db.bulkWriter();
  const codes = new Set<string>();
  let collisions = 0;
  const failures: unknown[] = [];
  const add = (): void => {
    let code = generateCode();
    while (codes.has(code)) code = generateCode();
    codes.add(code);
    const card: CardDoc = {
      code,
      chainId: caller.chainId,
      batchId: batchRef.id,
      status: 'unbound',
      customerId: null,
      boundAt: null,
      boundBy: null,
      email: { status: 'none' },
    };
    // create(): a code that exists anywhere in this batch is never overwritten (100 random bits make
    // a collision unheard of; if it happens, the card gets another code).
    writer.create(batchRef.collection('cards').doc(code), card as unknown as Record<string, unknown>).catch((err: { code?: number }) => {
      if (err.code === 6) collisions++;
      else failures.push(err);
    });
  };
  for (let i = 0; i < input.size; i++) add();
  await writer.flush();
  while (collisions > 0) {
    const again = collisions;
    collisions = 0;
    for (let i = 0; i < again; i++) add();
    await writer.flush();
  }
  await writer.close();
  if (failures.length) throw failures[0];
  const done = db.batch();
  done.update(batchRef, { status: 'ready' });
  audit(done, db, caller.chainId, {
    action: 'cardBatch.create',
    actorUid: caller.uid,
    target: { kind: 'cardBatch', id: batchRef.id },
    details: { size: input.size },
  });
  await done.commit();
  cardBatchCreated(caller.chainId, batchRef.id, input.size);
  return { batchId: batchRef.id, size: input.size };
}

/** The batch's codes as CSV (code, printed form, batch name), in exports/ with the usual expiry. */
export async function exportCardBatch(
  { db, storage }: Deps,
  caller: ChainCaller,
  input: { batchId: string },
): Promise<{ exportId: string; path: string; fileName: string; rows: number }> {
  const batchRef = batchesOf(db, caller.chainId).doc(input.batchId);
  const batch = await batchRef.get();
  if (!batch.exists) throw new AppError('not-found', 'No such card batch.');
  const exportRef = chainRef(db, caller.chainId).collection('exports').doc();
  const path = `exports/${caller.chainId}/${exportRef.id}.csv`;
  const name = String(batch.get('name'));
  const fileName = `cards-${name.replace(/[^\w-]+/g, '_')}.csv`;
  const expiresAt = new Date(Date.now() + EXPORT_TTL_MS);
  const csv = stringify({ header: true, columns: ['code', 'printed', 'status', 'batch'], record_delimiter: '\r\n' });
  const out = storage.bucket().file(path).createWriteStream({
    resumable: false,
    metadata: {
      contentType: 'text/csv; charset=utf-8',
      contentDisposition: `attachment; filename="${fileName}"`,
      metadata: { [OUTPUT_MARK]: 'card-batch', exportId: exportRef.id, expiresAt: expiresAt.toISOString() },
    },
  });
  const written = pipeline(csv, out);
  let rows = 0;
  for await (const card of batchRef.collection('cards').orderBy('code').stream() as AsyncIterable<FirebaseFirestore.QueryDocumentSnapshot>) {
    const code = String(card.get('code'));
    if (!csv.write({ code, printed: formatCode(code), status: card.get('status'), batch: name })) await new Promise((r) => csv.once('drain', r));
    rows++;
  }
  csv.end();
  await written;
  const done = db.batch();
  done.create(exportRef, {
    path,
    fileName,
    rows,
    kind: 'cardBatch',
    batchId: input.batchId,
    createdBy: caller.uid,
    createdAt: FieldValue.serverTimestamp(),
    expiresAt: Timestamp.fromDate(expiresAt),
  });
  audit(done, db, caller.chainId, {
    action: 'cardBatch.export',
    actorUid: caller.uid,
    target: { kind: 'cardBatch', id: input.batchId },
    details: { rows, exportId: exportRef.id },
  });
  await done.commit();
  return { exportId: exportRef.id, path, fileName, rows };
}
