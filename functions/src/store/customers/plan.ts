// The plan of a customer write, whoever writes it (a callable, the import, a merge): the customer
// document, its index row, its history entry, its consent log entries and its lookup keys, computed
// together so that they never disagree. Planning reads nothing and writes nothing; write.ts applies
// a plan.
import { FieldValue } from 'firebase-admin/firestore';
import { CONSENT_CHANNELS, FIELD_ORDER, type ConsentInput, type ConsentState, type CustomerDoc, type CustomerFields, type Source } from '../../model/customer';
import { diffCustomer, type FieldChange } from '../../model/customerDiff';
import { indexDoc, type IndexDoc } from './indexDoc';
import { currentRowId, rowId } from './rowIds';
import { lookupKeysOf, storedLookupKeysOf } from './lookup';
import { visitFields, visitSummaryOf } from './visits';
import { DEFAULT_VISIT_SETTINGS, withImportedVisits, type ImportedVisits, type VisitSummary } from '../../model/visits';
import { segmentState, type SegmentClock, type SegmentState } from '../../model/segments';

/** The editable fields of a stored customer (without consent and system fields). */
export function fieldsOf(doc: CustomerDoc): CustomerFields {
  return Object.fromEntries(FIELD_ORDER.map((f) => [f, doc[f]])) as unknown as CustomerFields;
}

export interface WriteMeta {
  by: string;
  source: Source;
  locationId?: string | null;
  importId?: string | null;
  /** For a create: the UTC day it counts as created (defaults to today). */
  now?: Date;
  /** For an import: the spreadsheet row the write comes from. */
  row?: number;
  /**
   * Consent values are stated decisions (an import's column says "no"): a refusal is recorded even
   * with no prior decision. A form's unticked box is not a decision, so the form leaves this off.
   */
  statedConsent?: boolean;
  /** An import's visit columns: the customer's count and first and last visit widened to them. */
  importedVisits?: ImportedVisits;
  /** The chain's segment clock, for a write that changes the visit summary (imported visits). */
  segmentClock?: SegmentClock;
}

export interface CustomerWritePlan {
  customerId: string;
  doc: Record<string, unknown>;
  version: number;
  indexId: string;
  indexData: Record<string, unknown>;
  /** The index row to delete: the sort key changed, or the customer's row is a legacy one (rowIds.ts). */
  staleIndexId: string | null;
  /** The row stays as it is: same id, and nothing it shows or is searched by changed. */
  rowUnchanged: boolean;
  history: Record<string, unknown> | null;
  consentEntries: Record<string, unknown>[];
  changes: FieldChange[];
  /** Exact-match lookup keys (emails, custom value) before and after. */
  lookupBefore: string[];
  lookupAfter: string[];
  /** Set for imports: history and consent entries get ids derived from this, so a replay rewrites them. */
  idempotencyKey?: string;
}

/** Consent changes: only channels whose decision differs from the current one are recorded. */
export function consentChanges(
  current: CustomerDoc['consent'] | undefined,
  wanted: ConsentInput,
  meta: WriteMeta,
): { state: CustomerDoc['consent']; entries: Record<string, unknown>[] } {
  const state = { email: null, postalMail: null, phone: null, ...(current ?? {}) } as CustomerDoc['consent'];
  const entries: Record<string, unknown>[] = [];
  for (const channel of CONSENT_CHANNELS) {
    const granted = wanted[channel];
    if (granted === undefined) continue;
    const was = state[channel]?.granted ?? (meta.statedConsent ? null : false);
    if (granted === was) continue;
    const decision: ConsentState = {
      granted,
      at: FieldValue.serverTimestamp(),
      by: meta.by,
      source: meta.source,
      locationId: meta.locationId ?? null,
      importId: meta.importId ?? null,
    };
    state[channel] = decision;
    entries.push({ channel, ...decision });
  }
  return { state, entries };
}

export function planCustomerWrite(
  customerId: string,
  before: CustomerDoc | null,
  fields: CustomerFields,
  consent: ConsentInput,
  meta: WriteMeta,
): CustomerWritePlan {
  const createdDay = before ? before.createdDay : (meta.now ?? new Date()).toISOString().slice(0, 10);
  const { state, entries } = consentChanges(before?.consent, consent, meta);
  const version = (before?.version ?? 0) + 1;
  const cardCodes = before?.cardCodes ?? [];
  const changes = diffCustomer(before, fields);
  const storedVisits = visitSummaryOf(before ?? {});
  const imported = meta.importedVisits ? withImportedVisits(storedVisits, meta.importedVisits) : null;
  if (imported) changes.push({ field: 'visits.count', before: storedVisits.visits, after: imported.visits });
  const doc: Record<string, unknown> = {
    ...fields,
    consent: state,
    cardCodes,
    version,
    createdDay,
    updatedAt: FieldValue.serverTimestamp(),
    updatedBy: meta.by,
  };
  // The segment state follows the visit summary; a write that keeps the summary keeps the state.
  const segments = imported ? stateOf(imported, meta.segmentClock) : (before?.segments ?? null);
  if (imported) Object.assign(doc, visitFields(imported), { segments });
  if (!before) {
    Object.assign(doc, { source: meta.source, createdAt: FieldValue.serverTimestamp(), createdBy: meta.by });
  }
  const indexId = rowId(fields, customerId);
  doc.indexId = indexId;
  const staleIndexId = before ? currentRowId(before, customerId) : null;
  const visitsOfRow = imported ?? (before ? storedVisits : null);
  const indexData = indexDoc(customerId, fields, cardCodes, createdDay, visitsOfRow, segments);
  // A customer whose row this code placed (its `indexId`) has a row equal to what its stored state
  // makes: when the write changes nothing of it, the row is not rewritten.
  const rowUnchanged =
    !!before &&
    before.indexId === indexId &&
    sameRow(indexDoc(customerId, fieldsOf(before), cardCodes, before.createdDay, before ? storedVisits : null, before.segments ?? null), indexData);
  const history =
    !before || changes.length || entries.length
      ? {
          at: FieldValue.serverTimestamp(),
          by: meta.by,
          source: meta.source,
          locationId: meta.locationId ?? null,
          importId: meta.importId ?? null,
          action: before ? 'update' : 'create',
          changes,
          consent: entries.map((e) => ({ channel: e.channel, granted: e.granted })),
          version,
        }
      : null;
  return {
    customerId,
    doc,
    version,
    indexId,
    indexData: { ...indexData, version },
    staleIndexId: staleIndexId !== indexId ? staleIndexId : null,
    rowUnchanged,
    history,
    consentEntries: entries,
    changes,
    lookupBefore: before ? storedLookupKeysOf(before) : [],
    lookupAfter: lookupKeysOf(fields),
    ...(meta.importId && meta.row !== undefined ? { idempotencyKey: `import-${meta.importId}-${meta.row}` } : {}),
  };
}

/** Values compared whatever the order of their keys (the row's map `k` is built in field order). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function sameRow(a: IndexDoc, b: IndexDoc): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * The segment state of a changed visit summary. Without the chain's clock: no segment and an empty
 * label, which the next refresh (store/customers/segments.ts) finds and re-keys.
 */
function stateOf(v: VisitSummary, clock: SegmentClock | undefined): SegmentState | null {
  if (clock) return segmentState(v, clock);
  const state = segmentState(v, { settings: DEFAULT_VISIT_SETTINGS, timeZone: 'UTC', nowMs: Date.now() });
  return state && { ...state, label: '', members: [] };
}

/** True when the plan changes nothing (an update with identical fields and consent). */
export function isNoop(plan: CustomerWritePlan, before: CustomerDoc | null): boolean {
  return !!before && plan.changes.length === 0 && plan.consentEntries.length === 0;
}
