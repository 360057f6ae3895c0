// exportCustomers: the customers matching the list's search and filters, as a CSV file in Storage
// (exports/{chainId}/{exportId}.csv), streamed: pages of the query -> csv-stringify -> a Storage
// write stream, never the whole export in memory. An audit entry records who, when, which fields,
// which filters and how many rows. Files expire after 24 hours (purge.ts).
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { stringify } from 'csv-stringify';
import type { CustomerDoc } from '../model/customer';
import type { CustomFieldDef } from '../model/customerType';
import { EXPORT_FIELDS, EXPORT_TTL_MS, type ExportCustomersInput, type ExportResult } from '../model/export';
import { chainRef } from '../common/access';
import { auditData, newAuditRef } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import type { Deps } from '../common/firebase';
import { customerTypesOf } from '../customers/refs';
import { matchingCustomers } from '../customers/search';
import { OUTPUT_MARK } from '../imports/guard';
import { exportWritten } from '../logs';
import { cellsOf, columnsOf, fileFormat, headerRow } from './csv';

/** Text to bytes in the file's encoding, with the byte-order mark first when the format has one. */
function encoder(encoding: 'utf-8' | 'utf-16le', bom: boolean): Transform {
  let first = bom;
  return new Transform({
    writableObjectMode: false,
    transform(chunk: Buffer | string, _e, done) {
      const text = (first ? '\ufeff' : '') + chunk.toString();
      first = false;
      done(null, Buffer.from(text, encoding === 'utf-16le' ? 'utf16le' : 'utf8'));
    },
    flush(done) {
      if (first) this.push(Buffer.from('\ufeff', encoding === 'utf-16le' ? 'utf16le' : 'utf8'));
      done();
    },
  });
}

export async function exportCustomers({ db, storage }: Deps, caller: ChainCaller, input: ExportCustomersInput): Promise<ExportResult> {
  const lang = input.lang ?? caller.lang;
  const format = fileFormat(input.format, lang);
  const [chain, types] = await Promise.all([chainRef(db, caller.chainId).get(), customerTypesOf(db, caller.chainId).get()]);
  const customFields = (chain.get('customFields') ?? []) as CustomFieldDef[];
  const typeNames = new Map(types.docs.map((t) => [t.id, String(t.get('name'))]));
  const fields = input.fields ?? [...EXPORT_FIELDS];
  const columns = columnsOf(fields, customFields);

  const exportRef = chainRef(db, caller.chainId).collection('exports').doc();
  const exportId = exportRef.id;
  const path = `exports/${caller.chainId}/${exportId}.csv`;
  const fileName = `customers-${new Date().toISOString().slice(0, 10)}.csv`;
  const expiresAt = new Date(Date.now() + EXPORT_TTL_MS);

  const csv = stringify({ delimiter: format.delimiter, record_delimiter: format.recordDelimiter });
  const out = storage.bucket().file(path).createWriteStream({
    resumable: false,
    metadata: {
      contentType: format.contentType,
      contentDisposition: `attachment; filename="${fileName}"`,
      metadata: { [OUTPUT_MARK]: 'export', exportId, createdBy: caller.uid, expiresAt: expiresAt.toISOString() },
    },
  });
  const written = pipeline(csv, encoder(format.encoding, format.bom), out);
  const write = async (cells: string[]) => {
    if (!csv.write(cells)) await new Promise((r) => csv.once('drain', r));
  };

  let rows = 0;
  try {
    await write(headerRow(columns, lang, customFields));
    for await (const batch of matchingCustomers(db, caller.chainId, input.query)) {
      for (const { id, data } of batch) {
        await write(cellsOf(id, data as CustomerDoc, columns, { lang, decimal: format.decimal, typeNames }));
        rows++;
      }
    }
    csv.end();
    await written;
  } catch (err) {
    csv.destroy(err as Error);
    await written.catch(() => undefined);
    throw err;
  }

  const batch = db.batch();
  batch.create(exportRef, {
    path,
    fileName,
    rows,
    format: input.format,
    lang,
    fields,
    query: input.query,
    createdBy: caller.uid,
    createdAt: FieldValue.serverTimestamp(),
    expiresAt: Timestamp.fromDate(expiresAt),
  });
  batch.create(newAuditRef(db, caller.chainId), auditData({
    action: 'customers.export',
    actorUid: caller.uid,
    target: { kind: 'export', id: exportId },
    details: { rows, fields, filters: input.query, format: input.format },
  }));
  await batch.commit();
  exportWritten(caller.chainId, exportId, caller.uid, rows);
  return { exportId, rows, path, fileName, expiresAt: expiresAt.toISOString() };
}
