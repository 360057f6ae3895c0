// Erasure reaching what imports keep of a customer (README, "Retention"). Uploaded files are deleted
// when their import ends; what remains for up to 7 days is each import's error file (failed rows as
// uploaded) and the values quoted in its report's first errors. Here, for an erased customer: their
// rows are removed from every error file still kept (the file is deleted when none is left), and a
// report whose error file had such a row keeps no quoted value. Idempotent: run before the erasure's
// transaction, so a failure leaves the customer in place and the erasure can simply be retried.
import type { Bucket } from '@google-cloud/storage';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { rowConcerns, type ErasedIdentity } from '../model/erasure';
import { withoutValues, type ImportRowError } from '../model/import';
import type { QueryShape } from '../model/queryShape';
import { importsOf } from '../store/refs';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [{ name: 'erase: import reports still keeping data', collection: 'imports', where: [{ field: 'expiresAt', op: '>' }] }];

/** Removes the customer's rows from the chain's import artifacts; returns how many reports changed. */
export async function eraseFromImports(db: Firestore, bucket: Bucket, chainId: string, who: ErasedIdentity): Promise<number> {
  const reports = await importsOf(db, chainId).where('expiresAt', '>', Timestamp.now()).get();
  let changed = 0;
  for (const report of reports.docs) {
    const path = report.get('errorFile') as string | null;
    if (!path) continue;
    const file = bucket.file(path);
    const [exists] = await file.exists();
    if (!exists) continue;
    const [[bytes], [meta]] = await Promise.all([file.download(), file.getMetadata()]);
    const stored = report.get('delimiter') as string | null;
    const delimiter = stored === 'tab' ? '\t' : (stored ?? ',');
    const rows = parse(bytes, { bom: true, delimiter, relax_column_count: true, relax_quotes: true }) as string[][];
    const [header, ...body] = rows;
    // The last column is the error message, not the customer's.
    const kept = body.filter((cells) => !rowConcerns(cells.slice(0, -1), who));
    if (!header || kept.length === body.length) continue;
    if (kept.length === 0) {
      await file.delete({ ignoreNotFound: true });
    } else {
      const text = stringify([header, ...kept], { delimiter, bom: true, record_delimiter: 'windows' });
      await file.save(Buffer.from(text, 'utf8'), { resumable: false, metadata: { contentType: meta.contentType, metadata: meta.metadata } });
    }
    await report.ref.update({
      errors: withoutValues((report.get('errors') as ImportRowError[] | undefined) ?? []),
      ...(kept.length === 0 ? { errorFile: null } : {}),
    });
    changed++;
  }
  return changed;
}
