// Merging two customer profiles into one: which value each field takes. Shared by mergeCustomers
// and the web client's side-by-side view (which shows the same result before merging).
import { z } from 'zod';
import { EMPTY_ADDRESS, PHONE_KINDS, type Address, type CustomerFields } from './customer';
import { cursorOf, DocId, emailKey } from './ids';
import { tagKey } from './text';

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

export const DUPLICATE_REASONS = ['email', 'phone', 'namePostal'] as const;
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

export interface MergePreview {
  fields: CustomerFields;
  /** Fields both profiles fill differently: the caller's pick (or the kept profile) decides. */
  conflicts: string[];
}

/**
 * The merged profile: empty fields are filled from the other profile; conflicting fields follow
 * `picks` (default: keep); tags are united; a second email or phone goes to a free slot.
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
    leftovers.push(picks.email2 === 'merge' ? keepAlt : theirs);
  }
  leftovers.push(...otherAlts);

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
    else leftovers.push(number);
  }

  const tags = [...keep.tags];
  for (const t of other.tags) if (!tags.some((x) => tagKey(x) === tagKey(t))) tags.push(t);
  out.tags = tags.slice(0, 50);

  out.customFields = { ...keep.customFields };
  for (const [key, value] of Object.entries(other.customFields)) {
    out.customFields[key] = choose(`customFields.${key}`, keep.customFields[key] ?? '', value);
  }
  if (leftovers.length) out.notes = [out.notes, `+ ${leftovers.join(', ')}`].filter(Boolean).join('\n').slice(0, 3999);
  return { fields: out, conflicts };
}
