// The customer's row in `customerIndex` (search keys, filter keys, list columns), rebuilt from its
// fields on every write.
import type { CustomerFields } from '../../model/customer';
import { filterKey, searchKeys, type CustomerRow } from '../../model/search';
import { words } from '../../model/text';
import { visitKeys, type VisitSummary } from '../../model/visits';
import type { SegmentState } from '../../model/segments';

/**
 * The index document id: the sort key (last name, then first name, accent- and case-folded)
 * followed by the customer id. Firestore returns documents in id order, so every search comes
 * back sorted without an orderBy (and without a composite index).
 */
export function sortId(c: Pick<CustomerFields, 'firstName' | 'lastName'>, customerId: string): string {
  const part = (name: string) => words(name).join('-').slice(0, 100);
  return `${part(c.lastName)} ${part(c.firstName)} ${customerId}`;
}

export function createdBuckets(createdDay: string) {
  return { cy: createdDay.slice(0, 4), cm: createdDay.slice(0, 7), cd: createdDay };
}

export function primaryPhone(phones: CustomerFields['phones']): string {
  return phones.mobile || phones.home || phones.work || phones.pager || phones.fax || '';
}

export interface IndexDoc extends CustomerRow {
  cy: string;
  cm: string;
  cd: string;
  k: Record<string, true>;
  /** The customer's version this row was built from. */
  version?: number;
  /** The segment label its `~seg:` keys were computed for (model/segments.ts); absent without visits. */
  sl?: string;
  /**
   * The folded sort key (`sortId`: last name, first name, customer id) that the Z→A list orders by
   * (`sn` descending, store/customers/sorted.ts): the id's own order cannot be scanned backwards.
   * Absent from rows written before it existed until `reindexCustomers` rewrites them.
   */
  sn: string;
}

/**
 * `visits`: the customer's visit summary (store/customers/visits.ts `visitSummaryOf`) and `segments`
 * its segment state (the customer's `segments`, model/segments.ts); their keys make the visit segments.
 */
export function indexDoc(
  customerId: string,
  c: CustomerFields,
  cardCodes: string[],
  createdDay: string,
  visits: VisitSummary | null = null,
  segments: SegmentState | null = null,
): IndexDoc {
  const k: Record<string, true> = {};
  for (const key of searchKeys(c)) k[key] = true;
  for (const tag of c.tags) k[filterKey.tag(tag)] = true;
  k[filterKey.type(c.customerTypeId)] = true;
  k[filterKey.tax(c.salesTax)] = true;
  k[filterKey.discount(c.discount)] = true;
  for (const code of cardCodes) k[filterKey.card(code)] = true;
  for (const key of visitKeys(visits, c.birthDate, segments)) k[key] = true;
  return {
    customerId,
    firstName: c.firstName,
    lastName: c.lastName,
    company: c.company,
    email: c.email,
    phone: primaryPhone(c.phones),
    customerTypeId: c.customerTypeId,
    discount: c.discount,
    salesTax: c.salesTax,
    tags: c.tags,
    custom: c.custom,
    cardCount: cardCodes.length,
    visits: visits?.visits ?? 0,
    lastVisitDay: visits?.lastVisitMs != null ? new Date(visits.lastVisitMs).toISOString().slice(0, 10) : '',
    createdDay,
    ...createdBuckets(createdDay),
    ...(segments ? { sl: segments.label } : {}),
    sn: sortId(c, customerId),
    k,
  };
}
