// Customer search and filters: the query schema, and the tokens that make prefix search cheap.
//
// Each customer has an index document whose map `k` holds one key per searchable prefix
// (`hel`, `hele`, … of `Hélène`; `0612` of `06 12 34 56 78`; `dupont@` of an email) and per
// filter value (`~t:vip` for a tag, `~type:<id>`, `~tax:<name>`, `~d:<discount>`). A search is then
// a conjunction of equality filters on `k` (or a few alternative conjunctions, when a text like
// `H2X 1Y4` may be one postal code), which Firestore answers from its automatic single-field
// indexes, in document-id order (the id starts with the sort key: last name, first name). No scan.
import { z } from 'zod';
import { cursorOf, DocId } from './ids';
import { Tag } from './customer';
import { phoneQueryDigits, phoneSearchForms, phoneSuffixes } from './phone';
import { fold, looksLikePhoneFragment, tagKey, words } from './text';
import { SEGMENTS } from './visits';

/** Longest prefix indexed; longer search words are cut to this length. */
export const MAX_PREFIX = 24;
/** Longest email prefix indexed (so `dupont@exam` matches). */
export const MAX_EMAIL_PREFIX = 48;

const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { params: { i18n: 'date' } });

export const CustomerQuery = z
  .strictObject({
    text: z.string().max(200).default(''),
    /** A type id, or `''` for customers without a type. */
    customerTypeId: z.union([z.literal(''), DocId]).optional(),
    /** Inclusive creation dates (UTC). */
    createdFrom: IsoDay.optional(),
    createdTo: IsoDay.optional(),
    /** The customer's own discount; null: customers without a discount of their own. */
    discount: z.number().min(0).max(100).nullable().optional(),
    /** The customer's own sales tax; `''`: customers without one. */
    salesTax: z.string().trim().max(63).optional(),
    /** Customers having all of these tags. */
    tagsAll: z.array(Tag).max(5).default([]),
    /** Customers having none of these tags. */
    tagsNone: z.array(Tag).max(3).default([]),
    /** A visit segment (model/visits.ts), with the chain's thresholds, as of today (UTC). */
    segment: z.enum(SEGMENTS).optional(),
    /** Customers who visited this location at least once. */
    visitedLocationId: DocId.optional(),
  })
  .refine((q) => !q.createdFrom || !q.createdTo || q.createdFrom <= q.createdTo, {
    path: ['createdTo'],
    params: { i18n: 'dateOrder' },
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });
export type CustomerQuery = z.output<typeof CustomerQuery>;
export type CustomerQueryInput = z.input<typeof CustomerQuery>;

/**
 * The list's orders: by name (the index id's order, with every search and filter), or, for the
 * whole list, by name from Z to A (`-name`: the rows' folded sort key `sn` in descending order,
 * store/customers/sorted.ts; Firestore scans document ids ascending only) and by creation day (`-`:
 * newest first; a creation-date range may narrow it). Why the whole list only: a search's filters
 * are keys of the map `k`, named at run time, and another order than the id's would need a composite
 * index per key; Z→A takes no creation range either (a range on `cd` cannot be ordered by `sn`
 * without a composite index).
 */
export const SORTS = ['name', '-name', 'created', '-created'] as const;
export type Sort = (typeof SORTS)[number];

/**
 * Whether `sort` can serve `q` (see SORTS): any query by name, Z→A the whole list only, the creation
 * orders no text and no filter but a date range.
 */
export function sortServes(sort: Sort, q: CustomerQueryInput): boolean {
  if (sort === 'name') return true;
  if (sort === '-name' && (q.createdFrom !== undefined || q.createdTo !== undefined)) return false;
  const filtered =
    searchTerms(q.text ?? '').keySets.length > 0 ||
    (q.tagsAll?.length ?? 0) > 0 ||
    (q.tagsNone?.length ?? 0) > 0 ||
    q.customerTypeId !== undefined ||
    q.discount !== undefined ||
    q.salesTax !== undefined ||
    q.segment !== undefined ||
    q.visitedLocationId !== undefined;
  return !filtered;
}

export const SearchCustomersInput = z
  .strictObject({
    chainId: DocId,
    query: CustomerQuery.default({ text: '', tagsAll: [], tagsNone: [] }),
    pageSize: z.number().int().min(1).max(100).default(25),
    /** The `nextCursor` of the previous page (absent or null: the first page), read in the same order. */
    cursor: cursorOf().nullish(),
    /** Skip the total count (e.g. when paging further). */
    withTotal: z.boolean().default(true),
    sort: z.enum(SORTS).default('name'),
  })
  .refine((v) => sortServes(v.sort, v.query), {
    path: ['sort'],
    params: { i18n: 'sortWholeList' },
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });
export type SearchCustomersInput = z.output<typeof SearchCustomersInput>;

/** One row of the customer list, as stored in the index document. */
export interface CustomerRow {
  customerId: string;
  firstName: string;
  lastName: string;
  company: string;
  email: string;
  phone: string;
  customerTypeId: string;
  discount: number | null;
  salesTax: string;
  tags: string[];
  custom: string;
  cardCount: number;
  createdDay: string;
  /** Visits at the till, and the UTC day of the last one (`''`: none). */
  visits?: number;
  lastVisitDay?: string;
}

export interface SearchResult {
  rows: CustomerRow[];
  /**
   * Total matching customers (exact), when asked for; `null` also when it would take more than
   * MAX_COUNT_QUERIES count() aggregations (store/customers/search.ts).
   */
  total: number | null;
  nextCursor: string | null;
  /** Documents read for this page, counting an aggregation as one read per 1,000 entries. */
  reads: number;
  /** Words of the search text beyond MAX_SEARCH_WORDS, not searched (e.g. the rest of a pasted address). */
  ignoredWords: string[];
}

export const filterKey = {
  tag: (tag: string) => `~t:${tagKey(tag)}`,
  type: (typeId: string) => `~type:${typeId}`,
  tax: (salesTax: string) => `~tax:${fold(salesTax).trim()}`,
  discount: (discount: number | null) => `~d:${discount === null ? 'none' : String(Math.round(discount * 100) / 100)}`,
  /** A bound card: the point of sale finds the card's customer in one read. */
  card: (code: string) => `~card:${code}`,
};

function prefixes(token: string, max: number, into: Set<string>): void {
  for (let i = 1; i <= Math.min(token.length, max); i++) into.add(token.slice(0, i));
}

export interface Searchable {
  firstName: string;
  lastName: string;
  title: string;
  company: string;
  email: string;
  email2: string;
  phones: Record<string, string>;
  address: { postalCode: string };
  address2: { postalCode: string };
  custom: string;
}

/** The search keys of a customer: every prefix of every word of the searchable fields. */
export function searchKeys(c: Searchable): Set<string> {
  const keys = new Set<string>();
  for (const text of [c.firstName, c.lastName, c.title, c.company, c.custom]) {
    for (const w of words(text)) prefixes(w, MAX_PREFIX, keys);
  }
  // A phone: prefixes of its national, national significant and international digits, and its last
  // 4 to MAX_PHONE_SUFFIX digits (model/phone.ts). Bounded: at most MAX_PHONE_SUFFIX - 3 tails.
  for (const phone of Object.values(c.phones)) {
    const { prefixed, tail } = phoneSearchForms(phone);
    for (const digits of prefixed) prefixes(digits, MAX_PREFIX, keys);
    for (const suffix of phoneSuffixes(tail)) keys.add(suffix);
  }
  for (const postal of [c.address.postalCode, c.address2.postalCode]) {
    const p = fold(postal).replace(/[^\p{L}\p{N}]/gu, '');
    if (p) prefixes(p, MAX_PREFIX, keys);
  }
  for (const email of [c.email, c.email2]) {
    const e = fold(email).trim();
    if (!e) continue;
    prefixes(e, MAX_EMAIL_PREFIX, keys);
    for (const w of words(e)) prefixes(w, MAX_PREFIX, keys);
  }
  return keys;
}

/**
 * Search words used at most; the rest of the text is ignored and said so (`ignoredWords`). A pasted
 * contact line (name, street, postal code, city, phone, email) would otherwise make one equality
 * filter per word in each of up to 8 spellings, past Firestore's limits on the filters of a query.
 * With 6 words, 8 spellings and every list filter (5 tags, type, tax, discount, 3 excluded tags in
 * the count, a creation bucket) a query stays within them (test/integration/search.test.ts).
 */
export const MAX_SEARCH_WORDS = 6;

/** Gaps between search words that may be tried joined (so 8 spellings at most). */
const MAX_JOINABLE_GAPS = 3;

const hasDigit = (w: string) => /\d/.test(w);

/**
 * Two adjacent search words that may be one postal code or number typed with a space (`H2X 1Y4`,
 * `1012 AB`, `SW1A 1AA`, `06 12` after a name): both have a digit, or one has a digit and the other
 * is at most three characters long.
 */
function joinable(a: string, b: string): boolean {
  if (a.includes('@') || b.includes('@')) return false;
  if (!hasDigit(a) && !hasDigit(b)) return false;
  return (hasDigit(a) && hasDigit(b)) || Math.min(a.length, b.length) <= 3;
}

/**
 * The ways a search text can match, each a set of keys that must all match (a customer matches when
 * one set does): `Hélène dup` -> [[`dup`, `helene`]]; `06 12` -> [[`0612`]]; `dupont@ex` ->
 * [[`dupont@ex`]]; `H2X 1Y4` -> [[`1y4`, `h2x`], [`h2x1y4`]], since postal codes are indexed without
 * separators. Empty when the text has nothing searchable.
 */
export function queryKeySets(text: string): string[][] {
  return searchTerms(text).keySets;
}

/**
 * The search of a text: its key sets (see queryKeySets) from the first MAX_SEARCH_WORDS words, and
 * the words of the text left out, as typed (a word whose keys do not all fit is left out whole).
 */
export function searchTerms(text: string): { keySets: string[][]; ignoredWords: string[] } {
  const t = text.trim();
  if (!t) return { keySets: [], ignoredWords: [] };
  if (looksLikePhoneFragment(t)) {
    // `06 12`, `612`, `+33 6 12`, `0033 6 12` (also tried without `00`), or the last digits `5678`.
    const runs = [...new Set(phoneQueryDigits(t).map((d) => d.slice(0, MAX_PREFIX)))];
    return { keySets: runs.map((d) => [d]), ignoredWords: [] };
  }
  const tokens: string[] = [];
  const ignoredWords: string[] = [];
  for (const part of t.split(/\s+/)) {
    const partTokens = part.includes('@') ? [fold(part)] : words(part);
    if (ignoredWords.length || tokens.length + partTokens.length > MAX_SEARCH_WORDS) ignoredWords.push(part);
    else tokens.push(...partTokens);
  }
  return { keySets: keySetsOf(tokens), ignoredWords };
}

function keySetsOf(tokens: string[]): string[][] {
  if (!tokens.length) return [];
  const gaps: number[] = [];
  for (let i = 1; i < tokens.length && gaps.length < MAX_JOINABLE_GAPS; i++) if (joinable(tokens[i - 1]!, tokens[i]!)) gaps.push(i);
  const sets = new Map<string, string[]>();
  for (let mask = 0; mask < 1 << gaps.length; mask++) {
    const joined = new Set(gaps.filter((_, bit) => mask & (1 << bit)));
    const keys: string[] = [];
    let current = tokens[0]!;
    for (let i = 1; i < tokens.length; i++) {
      if (joined.has(i)) current += tokens[i];
      else {
        keys.push(current);
        current = tokens[i]!;
      }
    }
    keys.push(current);
    const set = [...new Set(keys.map((key) => key.slice(0, key.includes('@') ? MAX_EMAIL_PREFIX : MAX_PREFIX)))].sort();
    sets.set(set.join(' '), set);
  }
  return [...sets.values()];
}
