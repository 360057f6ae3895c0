// One CSV row -> the customer fields and contact permissions it states, or what is wrong with it.
// Cells are read as the file's author meant them: `10 %` is a discount of 10, `31/12/1980` a birth
// date, `Subscribed` a granted permission. Nothing is silently altered: a cell we cannot read
// makes the row fail with a message naming its column.
import type { ConsentInput, CustomerFieldsInput } from '../model/customer';
import { CustomerFields, EMPTY_ADDRESS, EMPTY_PHONES } from '../model/customer';
import { unneutralizeFormula } from '../model/export';
import { looksLikeFormula } from '../model/import';
import { validate, type FieldProblem } from '../model/issues';
import type { Lang } from '../model/lang';
import { message, type MessageKey } from '../model/messages';
import { parsePhone, type Country, type PhoneWarning } from '../model/phone';
import { fold } from '../model/text';

export interface RowContext {
  headers: string[];
  targets: string[];
  /** Customer types by folded name and by id. */
  types: Map<string, string>;
  emptyCells: 'keep' | 'clear';
  lang: Lang;
  /** The chain's country, which phone numbers without a country code are read with (null: none). */
  country: Country;
}

/**
 * Something the row states that was imported, but not as the library could read it: a phone that is
 * not a valid number is kept as typed. Typed data (the field, the catalog key and its params), said in
 * the report's language by `message(lang, key, params)`.
 */
export interface RowWarning extends Omit<PhoneWarning, 'field'> {
  /** The column's header. */
  column: string;
  /** The target field, e.g. `phones.mobile`. */
  field: string;
  /** The cell as it is in the file. */
  value: string;
}

export interface CellProblem {
  column: string;
  value: string;
  message: string;
}

export interface ReadRow {
  /** Values stated by the row, by target path (`firstName`, `phones.mobile`, `customFields.x`). */
  values: Map<string, unknown>;
  consent: ConsentInput;
  problems: CellProblem[];
  /** Values imported as they were, with why (a phone kept as typed). */
  warnings: RowWarning[];
}

const YES = new Set(['yes', 'y', 'oui', 'o', 'ja', 'j', 'true', 'vrai', 'wahr', '1', 'x', 'subscribed', 'abonne', 'opted in', 'granted']);
const NO = new Set(['no', 'n', 'non', 'nein', 'false', 'faux', 'falsch', '0', 'unsubscribed', 'desabonne', 'opted out', 'withdrawn']);
const UNKNOWN = new Set(['unknown', 'inconnu', 'unbekannt', 'not set', 'pending']);
const LANGUAGES: Record<string, 'fr' | 'de' | 'en'> = {
  fr: 'fr',
  francais: 'fr',
  french: 'fr',
  franzosisch: 'fr',
  de: 'de',
  deutsch: 'de',
  german: 'de',
  allemand: 'de',
  en: 'en',
  english: 'en',
  anglais: 'en',
  englisch: 'en',
};

function parseDate(text: string): string | null {
  let m = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = text.match(/^(\d{1,2})[./](\d{1,2})[./](\d{4})$/); // European day first: 31/12/1980, 31.12.1980
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return null;
}

function parseNumber(text: string): number | null {
  const t = text.replace('%', '').replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** What is wrong with a cell, as catalog keys. */
const MESSAGES = {
  formula: 'import.formula',
  type: 'import.notType',
  number: 'import.number',
  yesNo: 'import.yesNo',
  language: 'import.language',
} as const satisfies Record<string, MessageKey>;

export function readRow(cells: string[], ctx: RowContext): ReadRow {
  const values = new Map<string, unknown>();
  const consent: ConsentInput = {};
  const problems: CellProblem[] = [];
  const warnings: RowWarning[] = [];
  const extra = cells.slice(ctx.headers.length).filter((c) => c.trim() !== '');
  if (extra.length) {
    problems.push({ column: '', value: extra.join(' | '), message: message(ctx.lang, 'import.ragged', { cells: cells.length, columns: ctx.headers.length }) });
  }
  ctx.targets.forEach((target, i) => {
    if (!target) return;
    const column = ctx.headers[i] ?? '';
    const raw = cells[i] ?? '';
    const trimmed = raw.trim();
    const fail = (key: keyof typeof MESSAGES) => problems.push({ column, value: raw, message: message(ctx.lang, MESSAGES[key]) });
    if (looksLikeFormula(trimmed)) return fail('formula');
    const cell = unneutralizeFormula(trimmed); // `'=SUM(1)` (our export's protection) reads back as `=SUM(1)`

    if (target.startsWith('consent.')) {
      const v = fold(cell).trim();
      if (!v || UNKNOWN.has(v)) return; // an import never states a permission the file does not state
      if (YES.has(v)) consent[target.slice(8) as keyof ConsentInput] = true;
      else if (NO.has(v)) consent[target.slice(8) as keyof ConsentInput] = false;
      else fail('yesNo');
      return;
    }
    if (target.startsWith('phones.') && cell !== '') {
      // Read with the chain's country into E.164; a number it cannot read is kept as typed, with a warning.
      const { value, parsed } = parsePhone(cell, ctx.country);
      values.set(target, value);
      if (!parsed) warnings.push({ column, field: target, value: raw, key: 'problem.phoneKept', params: { country: ctx.country ?? '' } });
      return;
    }
    if (cell === '') {
      if (ctx.emptyCells === 'clear') values.set(target, target === 'discount' ? null : target === 'tags' ? [] : '');
      return;
    }
    switch (target) {
      case 'customerTypeId': {
        const id = ctx.types.get(fold(cell).trim()) ?? ctx.types.get(`id:${cell}`);
        if (id === undefined) return fail('type');
        values.set(target, id);
        return;
      }
      case 'discount': {
        const n = parseNumber(cell);
        if (n === null) return fail('number');
        values.set(target, n);
        return;
      }
      case 'tags':
        values.set(
          target,
          cell
            .split(/[,;|]/)
            .map((t) => t.trim())
            .filter(Boolean),
        );
        return;
      case 'birthDate':
        values.set(target, parseDate(cell) ?? cell);
        return;
      case 'language': {
        const code = LANGUAGES[fold(cell).trim()];
        if (!code) return fail('language');
        values.set(target, code);
        return;
      }
      default:
        values.set(target, cell);
    }
  });
  return { values, consent, problems, warnings };
}

export interface StoredFields extends Record<string, unknown> {
  phones: Record<string, string>;
  address: Record<string, string>;
  address2: Record<string, string>;
  customFields: Record<string, string>;
}

/** The customer the row describes: the stored one (if any) with the row's values laid over it. */
export function mergeRow(before: StoredFields | null, values: Map<string, unknown>): CustomerFieldsInput {
  const base: StoredFields = before
    ? { ...before, phones: { ...before.phones }, address: { ...before.address }, address2: { ...before.address2 }, customFields: { ...before.customFields } }
    : { phones: { ...EMPTY_PHONES }, address: { ...EMPTY_ADDRESS }, address2: { ...EMPTY_ADDRESS }, customFields: {} };
  for (const [path, value] of values) {
    const [head, sub] = path.split('.') as [string, string | undefined];
    if (sub !== undefined) {
      const group = base[head] as Record<string, unknown>;
      if (head === 'customFields' && value === '') delete group[sub];
      else group[sub] = value;
    } else base[head] = value;
  }
  return base as unknown as CustomerFieldsInput;
}

/** Validates the merged customer; problems name the column that holds the offending field. */
export function checkRow(merged: CustomerFieldsInput, ctx: RowContext, cells: string[]) {
  const result = validate(CustomerFields, merged, ctx.lang);
  if (result.ok) return { ok: true as const, fields: result.value };
  return { ok: false as const, problems: result.problems.map((p) => problemAtColumn(p, ctx, cells)) };
}

function problemAtColumn(p: FieldProblem, ctx: RowContext, cells: string[]): CellProblem {
  const i = ctx.targets.findIndex((t) => t === p.path || (t && p.path.startsWith(`${t}.`)) || (t && t.startsWith(`${p.path}.`)));
  const column = i >= 0 ? (ctx.headers[i] ?? '') : '';
  return { column, value: i >= 0 ? (cells[i] ?? '') : '', message: column ? p.message : `${p.path}: ${p.message}` };
}
