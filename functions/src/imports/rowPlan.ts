// How an import row becomes a customer write: the row's values merged over the customer as it is
// (or as it would be created), checked, and planned through the write path. Shared by the import's
// main run (run.ts) and the parts that write ahead of it (ahead.ts), so that a row written ahead is
// written exactly as the main run would have written it, and the main run finds it unchanged.
import { createHash } from 'node:crypto';
import type { CustomerDoc } from '../model/customer';
import type { ImportMetadata } from '../model/import';
import type { SegmentClock } from '../model/segments';
import { fieldsOf, planCustomerWrite, type CustomerWritePlan } from '../store/customers';
import type { Problem } from './ledger';
import type { Row } from './matching';
import { checkRow, mergeRow, type RowContext, type StoredFields } from './rows';

/** The id of the customer a row creates: derived from import and row, so a replay rewrites the same one. */
export function derivedCustomerId(importId: string, row: number): string {
  return createHash('sha1').update(`${importId}:${row}`).digest('hex').slice(0, 20);
}

export interface RowPlanContext {
  importId: string;
  meta: ImportMetadata;
  ctx: RowContext;
  /** The chain's visit thresholds and time zone: the segments of rows with visit columns. */
  segments: Pick<SegmentClock, 'settings' | 'timeZone'> | null;
}

/** The row's write on the customer's state (`null`: a new customer), or why the result is refused. */
export function planImportRow(r: Row, customerId: string, doc: CustomerDoc | null, at: RowPlanContext): { plan: CustomerWritePlan } | { problems: Problem[] } {
  const checked = checkRow(mergeRow(doc ? (fieldsOf(doc) as unknown as StoredFields) : null, r.read.values), at.ctx, r.cells);
  if (!checked.ok) return { problems: checked.problems };
  const plan = planCustomerWrite(customerId, doc, checked.fields, r.read.consent, {
    by: at.meta.uploadedBy || 'import',
    source: 'import',
    importId: at.importId,
    row: r.row,
    statedConsent: true,
    importedVisits: r.read.visits,
    ...(at.segments ? { segmentClock: { ...at.segments, nowMs: Date.now() } } : {}),
  });
  return { plan };
}
