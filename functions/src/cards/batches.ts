// Card batches: a name and up to 10,000 new unbound cards with unguessable codes; and a batch as a
// CSV of codes for the card printer.
import { FieldValue } from 'firebase-admin/firestore';
import { stringify } from 'csv-stringify';
import { formatCode, type CardBatchDoc, type CardDoc } from '../model/card';
import { neutralizeRow } from '../model/export';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { AppError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { newExport } from '../common/exportFiles';
import { rowSink } from '../common/rowStream';
import { cardBatchCreated, exportFailed } from '../logs';
import { generateCode } from '../common/cardCodes';
import { batchesOf, cardsOfBatch } from '../store/refs';
import type { QueryShape } from '../model/queryShape';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [{ name: 'card batch CSV: cards by code', collection: 'cards', orderBy: [{ field: 'code' }] }];

export async function createCardBatch({ db }: Deps, caller: ChainCaller, input: { name: string; size: number }): Promise<{ batchId: string; size: number }> {
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
    writer.create(cardsOfBatch(db, caller.chainId, batchRef.id).doc(code), card).catch((err: { code?: number }) => {
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
  if (!batch.exists) throw new AppError('not-found', 'error.noSuchCardBatch', caller.lang);
  // Digital cards (self sign-up) are made one at a time and only ever sent by email: no print file.
  if (batch.get('kind') === 'digital') throw new AppError('failed-precondition', 'error.digitalBatchNotPrinted', caller.lang);
  const exp = newExport(db, caller.chainId, 'cardBatch', caller.uid);
  const path = `exports/${caller.chainId}/${exp.id}.csv`;
  const name = String(batch.get('name'));
  const fileName = `cards-${name.replace(/[^\w-]+/g, '_')}.csv`;
  const columns = ['code', 'printed', 'status', 'batch'];
  // Every cell neutralized, headers included; the name is typed by a manager (`=HYPERLINK(…)`).
  const csv = stringify({ header: false, record_delimiter: '\r\n' });
  const bucket = storage.bucket();
  const out = bucket.file(path).createWriteStream({ resumable: false, metadata: exp.fileMetadata(fileName, 'text/csv; charset=utf-8') });
  const sink = rowSink<string[]>(csv, out);
  let rows = 0;
  try {
    await sink.write(neutralizeRow(columns));
    for await (const card of cardsOfBatch(db, caller.chainId, batchRef.id).orderBy('code').stream() as AsyncIterable<FirebaseFirestore.QueryDocumentSnapshot>) {
      const code = String(card.get('code'));
      await sink.write(neutralizeRow([code, formatCode(code), String(card.get('status')), name]));
      rows++;
    }
    await sink.end();
  } catch (err) {
    await sink.abort(err as Error);
    const reason = err instanceof Error ? err.message : String(err);
    exportFailed(caller.chainId, exp.id, caller.uid, rows, reason);
    await exp.fail([path], bucket, reason, { batchId: input.batchId, rows });
    throw new Error(`card batch export ${exp.id} failed: ${reason}`);
  }
  await exp.record(
    { paths: [path], fileName, rows, batchId: input.batchId },
    { action: 'cardBatch.export', target: { kind: 'cardBatch', id: input.batchId }, details: { rows, exportId: exp.id } },
  );
  return { exportId: exp.id, path, fileName, rows };
}
