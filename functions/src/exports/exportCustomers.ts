// exportCustomers: the customers matching the list's search and filters, as a CSV file in Storage
// (exports/{chainId}/{exportId}.csv), streamed: pages of the query -> csv-stringify -> a Storage
// write stream, never the whole export in memory. An audit entry records who, when, which fields,
// which filters and how many rows. Files expire after 24 hours (purge.ts).
import { resolveSettings, type ChainSettings } from '../model/chain';
import { Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { CustomerDoc } from '../model/customer';
import type { CustomFieldDef } from '../model/customerType';
import { EXPORT_FIELDS, filtersForAudit, type ExportCustomersInput, type ExportResult } from '../model/export';
import { chainRef } from '../store/refs';
import type { ChainCaller } from '../common/callable';
import type { Deps } from '../common/firebase';
import { customerTypesOf } from '../store/refs';
import { matchingCustomers } from '../store/customers';
import { AppError } from '../common/errors';
import { exportFailed, exportWritten } from '../logs';
import { cellsOf, columnsOf, fileFormat, headerRow } from './csv';
import { newExport } from '../common/exportFiles';
import { rowSink } from '../common/rowStream';
import type { SegmentStamp } from '../model/segments';

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
  const format = fileFormat(input.format, lang, input.listSeparator);
  const [chain, types] = await Promise.all([chainRef(db, caller.chainId).get(), customerTypesOf(db, caller.chainId).get()]);
  const customFields = (chain.get('customFields') ?? []) as CustomFieldDef[];
  const typeNames = new Map(types.docs.map((t) => [t.id, String(t.get('name'))]));
  const fields = input.fields ?? [...EXPORT_FIELDS];
  const columns = columnsOf(fields, customFields);

  const exp = newExport(db, caller.chainId, 'customers', caller.uid);
  const exportId = exp.id;
  const path = `exports/${caller.chainId}/${exportId}.csv`;
  const fileName = `customers-${new Date().toISOString().slice(0, 10)}.csv`;

  const csv = stringify({ delimiter: format.delimiter, record_delimiter: format.recordDelimiter });
  const bucket = storage.bucket();
  const out = bucket.file(path).createWriteStream({ resumable: false, metadata: exp.fileMetadata(fileName, format.contentType) });
  const sink = rowSink<string[]>(csv, encoder(format.encoding, format.bom), out);
  const filters = filtersForAudit(input.query);

  let rows = 0;
  try {
    await sink.write(headerRow(columns, lang, customFields));
    // A visit segment with the chain's thresholds and time zone, as of now (the stamp: model/segments.ts).
    const resolved = resolveSettings(chain.get('settings') as ChainSettings | undefined);
    const ctx = {
      settings: resolved.visits,
      timeZone: resolved.timeZone,
      nowMs: Date.now(),
      stamp: (chain.get('segmentKeys') as SegmentStamp | undefined) ?? null,
    };
    for await (const batch of matchingCustomers(db, caller.chainId, input.query, 300, ctx)) {
      for (const { id, data } of batch) {
        await sink.write(cellsOf(id, data as CustomerDoc, columns, { lang, decimal: format.decimal, typeNames }));
        rows++;
      }
    }
    await sink.end();
  } catch (err) {
    await sink.abort(err as Error);
    const reason = err instanceof Error ? err.message : String(err);
    exportFailed(caller.chainId, exportId, caller.uid, rows, reason);
    await exp.fail([path], bucket, reason, { format: input.format, fields, filters, rows });
    // Expected failures keep their code; anything else reaches the caller as `internal`.
    throw err instanceof AppError ? err : new Error(`export ${exportId} failed: ${reason}`);
  }

  await exp.record(
    { paths: [path], fileName, rows, format: input.format, lang, fields, filters },
    { action: 'customers.export', target: { kind: 'export', id: exportId }, details: { rows, fields, filters, format: input.format } },
  );
  exportWritten(caller.chainId, exportId, caller.uid, rows);
  return { exportId, rows, path, fileName, expiresAt: exp.expiresAt.toISOString() };
}
