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
import { fold } from '../model/text';
import type { ImportedVisits } from '../model/visits';

export interface RowContext {
  headers: string[];
  targets: string[];
  /** Customer types by folded name and by id. */
  types: Map<string, string>;
  emptyCells: 'keep' | 'clear';
  lang: Lang;
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
  /** Visit columns (count, first and last visit day), kept apart from the customer's fields. */
  visits?: ImportedVisits;
  problems: CellProblem[];
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
  visitCount: 'import.visitCount',
  visitDate: 'import.visitDate',
} as const satisfies Record<string, MessageKey>;

export function readRow(cells: string[], ctx: RowContext): ReadRow {
  const values = new Map<string, unknown>();
  const consent: ConsentInput = {};
  const visits: ImportedVisits = {};
  const problems: CellProblem[] = [];
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
    if (target.startsWith('visits.')) {
      // An empty visit cell changes nothing, whatever the empty-cell option: visits are never cleared.
      if (cell === '') return;
      if (target === 'visits.count') {
        const n = parseNumber(cell);
        if (n === null || !Number.isInteger(n) || n < 0 || n > 1_000_000) return fail('visitCount');
        visits.count = n;
        return;
      }
      const day = parseDate(cell);
      if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || day < '1970-01-01') return fail('visitDate');
      if (target === 'visits.first') visits.firstDay = day;
      else visits.lastDay = day;
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
  return { values, consent, visits, problems };
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
