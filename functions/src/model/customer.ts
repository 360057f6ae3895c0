// The customer: one schema for the callables, the CSV import and the web form.
// Limits follow Lightspeed's import rules ("under 128 characters" is max 127), at least as strict.
// (A little over 300 lines: the stored document's type and the field order sit beside the schema
// they describe; the migration's input and result were added here with the other customer inputs.)
import { z } from 'zod';
import { DocId } from './ids';
import { Lang } from './lang';
import { PHONE_MAX_LENGTH } from './phone';
import { tagKey } from './text';
import type { SegmentState } from './segments';

/** "under N characters", as the seeds phrase it. */
const under = (n: number) =>
  z
    .string()
    .trim()
    .max(n - 1);

export const LIMITS = {
  name: 128,
  email: 128,
  taxId: 64,
  address: 255,
  postalCode: 64,
  city: 65,
  company: 128,
  title: 128,
  state: 128,
  country: 128,
  website: 255,
  custom: 128,
  notes: 4000,
  tag: 41,
  tags: 50,
  customFieldValue: 256,
} as const;

export const PersonName = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.name - 1);

export const OptionalEmail = under(LIMITS.email).refine((v) => v === '' || z.regexes.email.test(v), { params: { i18n: 'email' } });

/**
 * A phone as typed (trimmed). It is parsed with the chain's country where the chain is known
 * (model/phone.ts `parsePhones`, called by saveCustomer and the import): stored in E.164, or kept
 * as typed with a warning when it is not a valid number.
 */
export const OptionalPhone = under(PHONE_MAX_LENGTH + 1);

/** `--MM-DD`: a birthday without its year (ISO 8601's truncated form, as vCard writes it). */
export const YEARLESS_DATE = /^--(\d{2})-(\d{2})$/;

/** A real day of the year, 29 February included (a birthday without year may be one). */
export function isYearlessDate(v: string): boolean {
  const m = YEARLESS_DATE.exec(v);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2000, month, 0)).getUTCDate();
}

const isFullDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/**
 * A birth date: `YYYY-MM-DD`, or `--MM-DD` when the year is not known (or not given: what
 * privacy-minded customers tell), or ''.
 */
export const BirthDate = z
  .string()
  .trim()
  .refine((v) => v === '' || isYearlessDate(v) || isFullDate(v), { params: { i18n: 'date' }, abort: true })
  .refine((v) => v === '' || v.startsWith('--') || (v >= '1900-01-01' && v <= new Date().toISOString().slice(0, 10)), { params: { i18n: 'birthDate' } });
/** The former name of BirthDate. */
export const OptionalDate = BirthDate;

/** A web address; `www.example.com` is accepted and stored as `https://www.example.com`. */
export const OptionalWebsite = under(LIMITS.website)
  .transform((v) => (v === '' || /^https?:\/\//i.test(v) ? v : `https://${v}`))
  .refine(
    (v) => {
      if (v === '') return true;
      try {
        const url = new URL(v);
        return /^https?:$/.test(url.protocol) && url.hostname.includes('.') && !/\s/.test(v);
      } catch {
        return false;
      }
    },
    { params: { i18n: 'url' } },
  );

export const Address = z.strictObject({
  line1: under(LIMITS.address).default(''),
  line2: under(LIMITS.address).default(''),
  postalCode: under(LIMITS.postalCode).default(''),
  city: under(LIMITS.city).default(''),
  state: under(LIMITS.state).default(''),
  country: under(LIMITS.country).default(''),
});
export type Address = z.infer<typeof Address>;
export const EMPTY_ADDRESS: Address = { line1: '', line2: '', postalCode: '', city: '', state: '', country: '' };

export const PHONE_KINDS = ['home', 'work', 'mobile', 'pager', 'fax'] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];
export const Phones = z.strictObject({
  home: OptionalPhone.default(''),
  work: OptionalPhone.default(''),
  mobile: OptionalPhone.default(''),
  pager: OptionalPhone.default(''),
  fax: OptionalPhone.default(''),
});
export type Phones = z.infer<typeof Phones>;
export const EMPTY_PHONES: Phones = { home: '', work: '', mobile: '', pager: '', fax: '' };

export const Tag = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.tag - 1);
/** Tags keep their first spelling; duplicates (ignoring case and accents) are dropped. */
export const Tags = z
  .array(Tag)
  .max(LIMITS.tags)
  .transform((tags) => {
    const seen = new Set<string>();
    return tags.map((t) => t.replace(/\s+/g, ' ')).filter((t) => !seen.has(tagKey(t)) && !!seen.add(tagKey(t)));
  });

/** Percent, 0 to 100, at most two decimals; null: none of its own (the customer type's applies). */
export const Discount = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-9, { params: { i18n: 'twoDecimals' } });

export const CustomFieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const CONSENT_CHANNELS = ['email', 'postalMail', 'phone'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** `migration`: a write of `reindexCustomers` (phones parsed into E.164, search and lookup keys rebuilt). */
export const SOURCES = ['backoffice', 'pos', 'import', 'merge', 'self-signup', 'customer', 'migration'] as const;
export type Source = (typeof SOURCES)[number];

/** Every field a person can edit (system fields and consent are handled apart). */
export const CustomerFields = z.strictObject({
  firstName: PersonName,
  lastName: PersonName,
  title: under(LIMITS.title).default(''),
  company: under(LIMITS.company).default(''),
  companyRegistrationNumber: under(LIMITS.taxId).default(''),
  vatNumber: under(LIMITS.taxId).default(''),
  taxId: under(LIMITS.taxId).default(''),
  birthDate: BirthDate.default(''),
  language: z.union([z.literal(''), Lang]).default(''),
  email: OptionalEmail.default(''),
  email2: OptionalEmail.default(''),
  phones: Phones.default(EMPTY_PHONES),
  website: OptionalWebsite.default(''),
  address: Address.default(EMPTY_ADDRESS),
  address2: Address.default(EMPTY_ADDRESS),
  customerTypeId: z.union([z.literal(''), DocId]).default(''),
  discount: Discount.nullable().default(null),
  salesTax: under(LIMITS.taxId).default(''),
  tags: Tags.default([]),
  custom: under(LIMITS.custom).default(''),
  customFields: z.record(CustomFieldKey, under(LIMITS.customFieldValue)).default({}),
  notes: under(LIMITS.notes).default(''),
});
export type CustomerFields = z.output<typeof CustomerFields>;
export type CustomerFieldsInput = z.input<typeof CustomerFields>;

/** The desired state of each contact permission; absent channels are left as they are. */
export const ConsentInput = z.strictObject({
  email: z.boolean().optional(),
  postalMail: z.boolean().optional(),
  phone: z.boolean().optional(),
});
export type ConsentInput = z.infer<typeof ConsentInput>;

/** The current decision for one channel, with when, by whom and from where it was made. */
export interface ConsentState {
  granted: boolean;
  at: unknown;
  by: string;
  source: Source;
  locationId?: string | null;
  importId?: string | null;
}

export const SaveCustomerInput = z
  .strictObject({
    chainId: DocId,
    /** Absent: create. Present: update, based on `expectedVersion`. */
    customerId: DocId.optional(),
    expectedVersion: z.number().int().min(1).optional(),
    customer: CustomerFields,
    consent: ConsentInput.default({}),
    source: z.enum(['backoffice', 'pos']).default('backoffice'),
    locationId: DocId.optional(),
    /** Create even though a customer with the same email or phone exists. */
    confirmDuplicate: z.boolean().default(false),
    /** An update that leaves the stored contact details as they are (a form that did not show them). */
    keepContact: z.boolean().default(false),
  })
  .refine((v) => v.customerId === undefined || v.expectedVersion !== undefined, {
    path: ['expectedVersion'],
    params: { i18n: 'required' },
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });
export type SaveCustomerInput = z.output<typeof SaveCustomerInput>;

export const CustomerRefInput = z.strictObject({ chainId: DocId, customerId: DocId });
export const GetCustomerHistoryInput = z.strictObject({
  chainId: DocId,
  customerId: DocId,
  limit: z.number().int().min(1).max(200).default(50),
});

/** `chains/{chainId}/customers/{customerId}` */
export interface CustomerDoc extends CustomerFields {
  /** The id of its search row (store/customers/rowIds.ts), once a write placed it; absent on customers stored before. */
  indexId?: string;
  consent: Record<ConsentChannel, ConsentState | null>;
  cardCodes: string[];
  version: number;
  source: Source;
  /** UTC day of creation, `YYYY-MM-DD` (the created filter works on it). */
  createdDay: string;
  createdAt: unknown;
  createdBy: string;
  updatedAt: unknown;
  updatedBy: string;
  /** Set when this profile was merged into another one (a tombstone, out of search and lookups). */
  mergedInto?: string;
  /** The merge record that made it a tombstone. */
  mergeId?: string;
  /** Visits at the till (store/customers/visits.ts): count, first and last (Timestamps), per location. */
  visits?: number;
  firstVisitAt?: unknown;
  lastVisitAt?: unknown;
  visitsByLocation?: Record<string, number>;
  /** Per location, the visit still open (a check-in within the chain's `sameVisitMinutes` is the same visit). */
  openVisits?: Record<string, { id: string; at: unknown }>;
  /** How many version raises came from check-ins and their undos (so an unmerge tells them from edits). */
  visitVersions?: number;
  /** Its visit segments and local visit days (model/segments.ts), copied to the row by every write. */
  segments?: SegmentState | null;
}

/** The fields compared, exported and shown, in the order of the form. */
export const FIELD_ORDER = [
  'firstName',
  'lastName',
  'title',
  'company',
  'companyRegistrationNumber',
  'vatNumber',
  'taxId',
  'birthDate',
  'language',
  'email',
  'email2',
  'phones',
  'website',
  'address',
  'address2',
  'customerTypeId',
  'discount',
  'salesTax',
  'tags',
  'custom',
  'customFields',
  'notes',
] as const satisfies readonly (keyof CustomerFields)[];

/** `reindexCustomers`: one page of the phone migration (customers/reindex.ts). */
export const ReindexCustomersInput = z.strictObject({
  chainId: DocId,
  /** Customers re-planned by this call at most (a page). */
  limit: z.number().int().min(1).max(500).default(200),
  /** Start again from the first customer (e.g. after the chain's country changed). */
  restart: z.boolean().default(false),
  /**
   * Which migration's cursor this call moves (`chains/{chainId}/migrations/{migration}`). Both re-plan
   * every customer the same way; `searchRows` (issue 19) moves rows written before the search rows
   * were spread, and once done lets searches skip the legacy key ranges (store/customers/rowIds.ts).
   * Both also give rows written before it their Z→A sort key `sn` (`restart: true` on a done chain).
   */
  migration: z.enum(['phones', 'searchRows']).default('phones'),
});
export type ReindexCustomersInput = z.output<typeof ReindexCustomersInput>;

/** What one call of the migration did (`skipped`: merged-away profiles). */
export interface ReindexResult {
  processed: number;
  updated: number;
  unchanged: number;
  skipped: number;
  done: boolean;
  cursor: string | null;
  /** Totals of the migration so far. */
  total: { processed: number; updated: number };
}
