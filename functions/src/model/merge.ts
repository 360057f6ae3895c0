// Merging two customer profiles into one: which value each field takes. Shared by mergeCustomers
// and the web client's side-by-side view (which shows the same result before merging).
import { z } from 'zod';
import { EMPTY_ADDRESS, LIMITS, PHONE_KINDS, type Address, type CustomerFields } from './customer';
import { cursorOf, DocId, emailKey } from './ids';
import { tagKey, words } from './text';

export type Side = 'keep' | 'merge';

export const MergeCustomersInput = z.strictObject({
  chainId: DocId,
  /** The profile that stays. */
  keepId: DocId,
  /** The profile merged into it (kept aside 30 days for undo). */
  mergeId: DocId,
  /** The versions the caller saw: a profile changed since then makes the merge fail (`aborted`). */
  keepVersion: z.number().int().min(1),
  mergeVersion: z.number().int().min(1),
  /** For conflicting fields (both filled, different), which side wins; default: the kept profile. */
  picks: z.record(z.string().max(80), z.enum(['keep', 'merge'])).default({}),
});
export type MergeCustomersInput = z.output<typeof MergeCustomersInput>;

export const UnmergeCustomersInput = z.strictObject({ chainId: DocId, mergeId: DocId });
export const FindDuplicatesInput = z.strictObject({
  chainId: DocId,
  pageSize: z.number().int().min(1).max(100).default(20),
  /** `<n>:<key document id>` (a sha1 in hex), the `nextCursor` of the previous page. */
  cursor: cursorOf(/^[1-9]\d{0,8}:(?=[0-9a-f]{40}$)/).nullish(),
});

export const DUPLICATE_REASONS = ['email', 'phone', 'namePostal', 'name'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** One side of a likely duplicate pair, as findDuplicates lists it. */
export interface DuplicateSide {
  customerId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  postalCode: string;
  version: number;
}

export interface DuplicatePair {
  a: DuplicateSide;
  b: DuplicateSide;
  reasons: DuplicateReason[];
}

/**
 * Every reason two listed customers look alike, from what both sides show (a pair found by one key
 * may match on others too): the same email, the same phone, the same name (with the same postal
 * code, or not). `found` are the reasons the keys already gave.
 */
export function reasonsOf(a: DuplicateSide, b: DuplicateSide, found: Iterable<DuplicateReason> = []): DuplicateReason[] {
  const reasons = new Set(found);
  const same = (x: string, y: string) => x !== '' && x === y;
  if (same(emailKey(a.email), emailKey(b.email))) reasons.add('email');
  const digits = (v: string) => v.replace(/\D/g, '');
  if (same(digits(a.phone), digits(b.phone))) reasons.add('phone');
  const name = (s: DuplicateSide) => [...words(s.firstName), '|', ...words(s.lastName)].join(' ');
  if (words(a.lastName).length && same(name(a), name(b))) {
    reasons.add(same(a.postalCode.replace(/\s/g, '').toUpperCase(), b.postalCode.replace(/\s/g, '').toUpperCase()) ? 'namePostal' : 'name');
  }
  if (reasons.has('namePostal')) reasons.delete('name');
  return DUPLICATE_REASONS.filter((r) => reasons.has(r));
}

/**
 * How complete a profile is: its non-empty fields (the merge proposes keeping the more complete).
 */
export function completeness(c: CustomerFields): number {
  let n = 0;
  const count = (v: unknown): void => {
    if (v === null || v === undefined || v === '' || v === false) return;
    if (Array.isArray(v)) n += v.length ? 1 : 0;
    else if (typeof v === 'object') Object.values(v).forEach(count);
    else n++;
  };
  count(c);
  return n;
}

/** Merges are undone within this time. */
export const UNMERGE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

const SCALARS = [
  'firstName',
  'lastName',
  'title',
  'company',
  'companyRegistrationNumber',
  'vatNumber',
  'taxId',
  'birthDate',
  'language',
  'website',
  'customerTypeId',
  'discount',
  'salesTax',
  'custom',
  'notes',
] as const;

const isEmpty = (v: unknown) => v === '' || v === null || v === undefined;
const addressEmpty = (a: Address) => Object.values(a).every((v) => v === '');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Why a merge cannot be made as it is (a catalog key of `problem.*`, said about a field of the merged profile). */
export interface MergeRefusal {
  path: 'tags' | 'notes';
  key: 'mergeTooManyTags' | 'mergeNotesTooLong';
  params: { max?: number; tags?: string; limit?: number; count?: number };
}

export interface MergePreview {
  fields: CustomerFields;
  /** Fields both profiles fill differently: the caller's pick (or the kept profile) decides. */
  conflicts: string[];
  /**
   * What would be lost: tags over the limit (named), or leftover emails and phone numbers that do
   * not fit in the notes. A merge is refused rather than drop anything; `fields` then holds every
   * tag and the notes without the leftovers, so a preview shows what is too much.
   */
  refusals: MergeRefusal[];
}

/**
 * The merged profile: empty fields are filled from the other profile; conflicting fields follow
 * `picks` (default: keep); tags are united; a second email or phone goes to a free slot, and any
 * email or phone number of either profile with no slot left goes to the notes (`+ a@b.c, 0612…`).
 * Nothing is dropped: over 50 tags, or notes that would overflow, are refusals.
 */
export function mergeFields(keep: CustomerFields, other: CustomerFields, picks: Record<string, Side> = {}): MergePreview {
  const out = structuredClone(keep);
  const conflicts: string[] = [];
  const choose = <T>(path: string, mine: T, theirs: T): T => {
    if (isEmpty(theirs) || same(mine, theirs)) return mine;
    if (isEmpty(mine)) return theirs;
    conflicts.push(path);
    return picks[path] === 'merge' ? theirs : mine;
  };

  for (const f of SCALARS) (out as Record<string, unknown>)[f] = choose(f, keep[f], other[f]);

  for (const f of ['address', 'address2'] as const) {
    const mine = keep[f];
    const theirs = other[f];
    if (addressEmpty(theirs) || same(mine, theirs)) continue;
    if (addressEmpty(mine)) out[f] = { ...EMPTY_ADDRESS, ...theirs };
    else {
      conflicts.push(f);
      if (picks[f] === 'merge') out[f] = { ...theirs };
    }
  }

  // Emails: the primary follows the pick; a distinct address fills the free second slot. Addresses
  // and numbers with no slot left are not lost: they go to the notes.
  const leftovers: string[] = [];
  const sameEmail = (a: string, b: string) => emailKey(a) === emailKey(b);
  out.email = sameEmail(keep.email, other.email) ? keep.email : choose('email', keep.email, other.email);
  const keepAlt = [keep.email, keep.email2].find((e) => e !== '' && !sameEmail(e, out.email)) ?? '';
  const otherAlts = [other.email, other.email2].filter(
    (e, i, all) => e !== '' && !sameEmail(e, out.email) && !(keepAlt && sameEmail(e, keepAlt)) && all.findIndex((x) => sameEmail(x, e)) === i,
  );
  if (!keepAlt) out.email2 = otherAlts.shift() ?? '';
  else if (otherAlts.length === 0) out.email2 = keepAlt;
  else {
    conflicts.push('email2');
    const theirs = otherAlts.shift()!;
    out.email2 = picks.email2 === 'merge' ? theirs : keepAlt;
  }

  // Phones: the other's numbers fill their own kind when free, else any free slot.
  const known = new Set(PHONE_KINDS.map((k) => keep.phones[k]).filter((p) => p !== ''));
  const waiting: string[] = [];
  for (const kind of PHONE_KINDS) {
    const theirs = other.phones[kind];
    if (theirs === '' || known.has(theirs)) continue;
    known.add(theirs);
    if (out.phones[kind] === '') out.phones[kind] = theirs;
    else {
      conflicts.push(`phones.${kind}`);
      if (picks[`phones.${kind}`] === 'merge') {
        waiting.push(out.phones[kind]);
        out.phones[kind] = theirs;
      } else waiting.push(theirs);
    }
  }
  for (const number of waiting) {
    const free = PHONE_KINDS.find((k) => out.phones[k] === '');
    if (free) out.phones[free] = number;
  }

  // Whatever the picks, every address and number of either profile is kept: in a slot or in the notes.
  const placedEmails = new Set([out.email, out.email2].filter((e) => e !== '').map(emailKey));
  for (const e of [keep.email, keep.email2, other.email, other.email2]) {
    if (e === '' || placedEmails.has(emailKey(e))) continue;
    placedEmails.add(emailKey(e));
    leftovers.push(e);
  }
  const placedPhones = new Set(PHONE_KINDS.map((k) => out.phones[k]).filter((p) => p !== ''));
  for (const number of [...PHONE_KINDS.map((k) => keep.phones[k]), ...PHONE_KINDS.map((k) => other.phones[k])]) {
    if (number === '' || placedPhones.has(number)) continue;
    placedPhones.add(number);
    leftovers.push(number);
  }

  const refusals: MergeRefusal[] = [];
  const tags = [...keep.tags];
  for (const t of other.tags) if (!tags.some((x) => tagKey(x) === tagKey(t))) tags.push(t);
  out.tags = tags;
  if (tags.length > LIMITS.tags)
    refusals.push({ path: 'tags', key: 'mergeTooManyTags', params: { max: LIMITS.tags, tags: tags.slice(LIMITS.tags).join(', ') } });

  out.customFields = { ...keep.customFields };
  for (const [key, value] of Object.entries(other.customFields)) {
    out.customFields[key] = choose(`customFields.${key}`, keep.customFields[key] ?? '', value);
  }
  if (leftovers.length) {
    const notes = [out.notes, `+ ${leftovers.join(', ')}`].filter(Boolean).join('\n');
    if (notes.length < LIMITS.notes) out.notes = notes;
    else refusals.push({ path: 'notes', key: 'mergeNotesTooLong', params: { limit: LIMITS.notes - 1, count: leftovers.length } });
  }
  return { fields: out, conflicts, refusals };
}
