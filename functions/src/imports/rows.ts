// One CSV row -> the customer fields and contact permissions it states, what is wrong with it,
// and what the report should warn about. Cells are read as the file's author meant them: `10 %` is
// a discount of 10, `31/12/1980` a birth date (day and month in the column's order, dates.ts),
// `Subscribed` a granted permission, `fr_FR` French. Nothing is silently altered: a cell we cannot
// read makes the row fail with a message naming its column, except in an optional enumerated
// column (language, contact permission), where the row is imported without that value and the
// report warns (`warn`); a row with fewer cells than the header is imported with a warning (an
// error when it lacks a name).
import type { ConsentInput, CustomerFieldsInput } from '../model/customer';
import { CustomerFields, EMPTY_ADDRESS, EMPTY_PHONES } from '../model/customer';
import { unneutralizeFormula } from '../model/export';
import { looksLikeFormula } from '../model/import';
import { validate, type FieldProblem } from '../model/issues';
import type { Lang } from '../model/lang';
import { message, type MessageKey } from '../model/messages';
import { parsePhone, type Country } from '../model/phone';
import { fold } from '../model/text';
import { parseDateCell, type DateOrder } from './dates';
import { MULTI_VALUE, parseLanguage, splitFullName, splitValues } from './values';
import type { ImportedVisits } from '../model/visits';

export interface RowContext {
  headers: string[];
  targets: string[];
  /** Customer types by folded name and by id. */
  types: Map<string, string>;
  emptyCells: 'keep' | 'clear';
  lang: Lang;
  /** The order of day and month in the birth date column (dates.ts). */
  dateOrder: DateOrder;
  /** Where the second value of a multi-value cell may go, by target (values.ts `spillTargets`). */
  spill: Map<string, string[]>;
  /** The chain's country, which phone numbers without a country code are read with (null: none). */
  country: Country;
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
  /** What the row was imported without, or what looks wrong in it (the report's warnings). */
  warnings: CellProblem[];
}

/** Adds a warning to a row being read (`read`: readRow's result under construction); the row is still imported. */
export function warn(read: Pick<ReadRow, 'warnings'>, column: string, value: string, text: string): void {
  read.warnings.push({ column, value, message: text });
}

const YES = new Set(['yes', 'y', 'oui', 'o', 'ja', 'j', 'true', 'vrai', 'wahr', '1', 'x', 'subscribed', 'abonne', 'opted in', 'granted']);
const NO = new Set(['no', 'n', 'non', 'nein', 'false', 'faux', 'falsch', '0', 'unsubscribed', 'desabonne', 'opted out', 'withdrawn']);
const UNKNOWN = new Set(['unknown', 'inconnu', 'unbekannt', 'not set', 'pending']);
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
  twoDigitYear: 'import.twoDigitYear',
  visitCount: 'import.visitCount',
  visitDate: 'import.visitDate',
} as const satisfies Record<string, MessageKey>;

export function readRow(cells: string[], ctx: RowContext): ReadRow {
  const values = new Map<string, unknown>();
  const consent: ConsentInput = {};
  const visits: ImportedVisits = {};
  const problems: CellProblem[] = [];
  const read: ReadRow = { values, consent, visits, problems, warnings: [] };
  const extra = cells.slice(ctx.headers.length).filter((c) => c.trim() !== '');
  if (extra.length) {
    problems.push({ column: '', value: extra.join(' | '), message: message(ctx.lang, 'import.ragged', { cells: cells.length, columns: ctx.headers.length }) });
  }
  shortRow(cells, ctx, read);
  ctx.targets.forEach((target, i) => {
    // A cell missing from a short row states nothing (even with `emptyCells: clear`).
    if (!target || i >= cells.length) return;
    const column = ctx.headers[i] ?? '';
    const raw = cells[i] ?? '';
    const trimmed = raw.trim();
    const fail = (key: keyof typeof MESSAGES) => problems.push({ column, value: raw, message: message(ctx.lang, MESSAGES[key]) });
    const note = (key: MessageKey) => warn(read, column, raw, message(ctx.lang, key));
    // Read with the chain's country into E.164; a number it cannot read is kept as typed, with a warning.
    const phone = (text: string, shown = text) => {
      const { value, parsed } = parsePhone(text, ctx.country);
      if (!parsed) warn(read, column, shown, message(ctx.lang, 'problem.phoneKept', { country: ctx.country ?? '' }));
      return value;
    };
    if (looksLikeFormula(trimmed)) return fail('formula');
    let cell = unneutralizeFormula(trimmed); // `'=SUM(1)` (our export's protection) reads back as `=SUM(1)`
    if (cell.includes(MULTI_VALUE) && target !== 'tags') {
      // Google Contacts: `a ::: b`. The second value goes to the secondary field, if there is one.
      const [first = '', second, ...rest] = splitValues(cell);
      const spill = (ctx.spill.get(target) ?? []).find((t) => !values.has(t) && !(cells[ctx.targets.indexOf(t)] ?? '').trim());
      cell = first;
      if (spill && second !== undefined) values.set(spill, spill.startsWith('phones.') ? phone(second) : second);
      else rest.unshift(...(second === undefined ? [] : [second]));
      if (rest.length) note('import.multiValueDropped');
    }

    if (target.startsWith('consent.')) {
      const v = fold(cell).trim();
      if (!v || UNKNOWN.has(v)) return; // an import never states a permission the file does not state
      if (YES.has(v)) consent[target.slice(8) as keyof ConsentInput] = true;
      else if (NO.has(v)) consent[target.slice(8) as keyof ConsentInput] = false;
      else note('import.unknownConsent');
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
      // The birth date column's day/month order; a visit needs its year.
      const parsed = parseDateCell(cell, ctx.dateOrder);
      const day = 'date' in parsed && parsed.date && !parsed.date.startsWith('--') ? parsed.date : null;
      if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || day < '1970-01-01') return fail('visitDate');
      if (target === 'visits.first') visits.firstDay = day;
      else visits.lastDay = day;
      return;
    }
    if (target.startsWith('phones.') && cell !== '') return void values.set(target, phone(cell, raw));
    if (cell === '') {
      // An empty cell never clears what a multi-value cell of the row put there.
      if (ctx.emptyCells === 'clear' && target !== 'fullName' && !values.has(target))
        values.set(target, target === 'discount' ? null : target === 'tags' ? [] : '');
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
        values.set(target, (cell.includes(':::') || cell.startsWith('* ') ? splitValues(cell) : cell.split(/[,;|]/)).map((t) => t.trim()).filter(Boolean));
        return;
      case 'birthDate': {
        const parsed = parseDateCell(cell, ctx.dateOrder);
        if ('date' in parsed) values.set(target, parsed.date);
        else if (parsed.problem === 'twoDigitYear') fail('twoDigitYear');
        else values.set(target, cell); // not a date: the customer schema says so, naming the column
        return;
      }
      case 'language': {
        const code = parseLanguage(cell);
        if (code) values.set(target, code);
        else note('import.unknownLanguage');
        return;
      }
      case 'fullName': {
        // Odoo's one name column; columns of their own for the first or last name win.
        const { firstName, lastName } = splitFullName(cell);
        if (!ctx.targets.includes('firstName')) values.set('firstName', firstName);
        if (!ctx.targets.includes('lastName')) values.set('lastName', lastName);
        return;
      }
      default:
        values.set(target, cell);
    }
  });
  return read;
}

const REQUIRED = new Set(['firstName', 'lastName', 'fullName']);

/**
 * Fewer cells than the header has columns, usually a line broken by a line break outside quotes:
 * a warning, or an error when the missing cells include a name.
 */
function shortRow(cells: string[], ctx: RowContext, read: ReadRow): void {
  if (cells.length >= ctx.headers.length || !ctx.targets.slice(cells.length).some(Boolean)) return;
  const params = { cells: cells.length, columns: ctx.headers.length };
  const missingName = ctx.targets.slice(cells.length).some((t) => REQUIRED.has(t));
  if (missingName) read.problems.push({ column: '', value: '', message: message(ctx.lang, 'import.shortRowNoName', params) });
  else warn(read, '', '', message(ctx.lang, 'import.shortRow', params));
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
  let i = ctx.targets.findIndex((t) => t === p.path || (t && p.path.startsWith(`${t}.`)) || (t && t.startsWith(`${p.path}.`)));
  if (i < 0 && (p.path === 'firstName' || p.path === 'lastName')) i = ctx.targets.indexOf('fullName'); // split from a full name
  const column = i >= 0 ? (ctx.headers[i] ?? '') : '';
  return { column, value: i >= 0 ? (cells[i] ?? '') : '', message: column ? p.message : `${p.path}: ${p.message}` };
}
