// Customer exports: the exportable fields (Lightspeed Retail's list, plus what regulars adds so that
// an export imports back unchanged), the formats, and the callable's input.
import { z } from 'zod';
import { DocId } from './ids';
import { Lang } from './lang';
import { CustomerQuery } from './search';

/**
 * In the order of the seeds' "Champs exportables", then regulars' additional fields; the last, the
 * customer's regulars id, lets a re-import find customers that have neither email nor custom value.
 */
export const EXPORT_FIELDS = [
  'customerTypeId',
  'createdAt',
  'discount',
  'salesTax',
  'firstName',
  'lastName',
  'title',
  'company',
  'companyRegistrationNumber',
  'vatNumber',
  'birthDate',
  'phones.home',
  'phones.work',
  'phones.mobile',
  'phones.pager',
  'phones.fax',
  'address.country',
  'address.line1',
  'address.line2',
  'address.city',
  'address.state',
  'address.postalCode',
  'website',
  'email',
  'email2',
  'custom',
  'consent.email',
  'consent.postalMail',
  'consent.phone',
  'notes',
  'tags',
  'customFields',
  'taxId',
  'language',
  'address2.line1',
  'address2.line2',
  'address2.postalCode',
  'address2.city',
  'address2.state',
  'address2.country',
  'visits.count',
  'visits.first',
  'visits.last',
  'customerId',
] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];

/**
 * The export dialog's groups, names first: the order of the file's columns when exported from the
 * dialog (a call without `fields` keeps Lightspeed's order above). Every field is in one group.
 */
export const EXPORT_GROUPS = [
  { key: 'identity', fields: ['firstName', 'lastName', 'title', 'birthDate', 'language'] },
  { key: 'contact', fields: ['email', 'email2', 'phones.mobile', 'phones.home', 'phones.work', 'phones.pager', 'phones.fax', 'website'] },
  { key: 'consent', fields: ['consent.email', 'consent.postalMail', 'consent.phone'] },
  { key: 'company', fields: ['company', 'companyRegistrationNumber', 'vatNumber', 'taxId'] },
  { key: 'address', fields: ['address.line1', 'address.line2', 'address.postalCode', 'address.city', 'address.state', 'address.country'] },
  { key: 'address2', fields: ['address2.line1', 'address2.line2', 'address2.postalCode', 'address2.city', 'address2.state', 'address2.country'] },
  { key: 'commercial', fields: ['customerTypeId', 'discount', 'salesTax', 'tags', 'custom', 'customFields', 'notes'] },
  { key: 'visits', fields: ['visits.count', 'visits.first', 'visits.last'] },
  { key: 'record', fields: ['createdAt', 'customerId'] },
] as const satisfies readonly { key: string; fields: readonly ExportField[] }[];

/** The fields in the dialog's order (names first). */
export const EXPORT_DIALOG_ORDER: readonly ExportField[] = EXPORT_GROUPS.flatMap((g) => g.fields);

/**
 * - `pc`: Excel on Windows. UTF-8 with a BOM (Excel reads the accents right only with it), CRLF, and
 *   the list separator Excel expects for the language: `;` in French and German (their decimal
 *   separator is the comma), `,` in English.
 * - `mac`: Excel on macOS, every version and locale: UTF-16 LE with a BOM and tab separators, which
 *   Excel opens as Unicode text with the columns split whatever the locale's list separator.
 * - `plain`: RFC 4180 for other tools: UTF-8 without BOM, comma, CRLF.
 */
export const EXPORT_FORMATS = ['pc', 'mac', 'plain'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The list separator of the requester's Excel (Windows region settings), which is not always the
 * one of the UI language: an English UI with a French Excel needs semicolons. `comma` goes with the
 * decimal point (English-speaking regions), `semicolon` with the decimal comma (French, German…).
 * Applies to the PC format (and the decimal separator of the Mac format); default: from the language.
 */
export const LIST_SEPARATORS = ['comma', 'semicolon'] as const;
export type ListSeparator = (typeof LIST_SEPARATORS)[number];

export function defaultListSeparator(lang: Lang): ListSeparator {
  return lang === 'en' ? 'comma' : 'semicolon';
}

export const ExportCustomersInput = z.strictObject({
  chainId: DocId,
  /** Default: every exportable field (custom fields: one column each). */
  fields: z.array(z.enum(EXPORT_FIELDS)).min(1).max(EXPORT_FIELDS.length).optional(),
  query: CustomerQuery.default({ text: '', tagsAll: [], tagsNone: [] }),
  format: z.enum(EXPORT_FORMATS).default('pc'),
  /** Language of the headers (default: the caller's). */
  lang: Lang.optional(),
  /** Excel's list separator where the file is opened (default: from the language). */
  listSeparator: z.enum(LIST_SEPARATORS).optional(),
});
export type ExportCustomersInput = z.output<typeof ExportCustomersInput>;

/**
 * The search and filters as the audit keeps them: whether a text search was used, never its text
 * (a name, an email or a phone number; the audit holds no personal data, see common/audit.ts).
 */
export function filtersForAudit(query: z.output<typeof CustomerQuery>): Record<string, unknown> {
  const { text, ...filters } = query;
  return { ...filters, textSearch: text.trim() !== '' };
}

export interface ExportResult {
  exportId: string;
  rows: number;
  /** Storage path; managers and owners of the chain download it (storage.rules). */
  path: string;
  fileName: string;
  expiresAt: string;
}

/** Exports are deleted after this long. */
export const EXPORT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Cells a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) get an
 * apostrophe in front, as OWASP advises; a phone number such as `+33612345678` stays as it is. A
 * value that already starts with apostrophes before such a character gets one more, so the import
 * (which removes exactly one) gives back the value exactly.
 */
export function neutralizeFormula(value: string): string {
  if (/^\+?[\d ]+$/.test(value)) return value;
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Every cell of a row, headers included (a custom field's label is typed by a manager). */
export function neutralizeRow(cells: readonly string[]): string[] {
  return cells.map(neutralizeFormula);
}

/** The inverse, applied by the import. */
export function unneutralizeFormula(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** Custom metadata of every Storage object regulars writes itself (exports, error files): the import trigger skips them. */
export const OUTPUT_MARK = 'regularsOutput';
