// Dates in CSV cells. `04/05/1975` is 4 May in France and 5 April in the United States: the order
// of day and month is decided once per column, from the whole column (the first pass counts, in
// every column, the cells whose first or second part is above 12), never cell by cell:
// - a cell like `31/12/1980` (first part > 12) and none like `12/31/1980`: day first;
// - a cell like `12/31/1980` and none like `31/12/1980`: month first;
// - no cell decides (every part ≤ 12), or cells say both: the chain's country decides (month
//   first for the countries that write it so: US, PH, FM, MH, PW), day first for any other
//   country, and day first when the chain has no country (regulars is made for European chains);
//   the report says which order was used and why. In a column that says both, the cells that do
//   not fit the order used fail the row.
// Years: four digits. A two-digit year (`04/05/75`) is refused with a message: whether 75 is 1975
// or 2075, and 25 1925 or 2025, is a guess, and a birth date guessed wrong is worse than none.
// Without a year (`21/03`, `21.03.`, `--03-21` as Google Contacts writes it): a birthday without
// year, stored as `--MM-DD`.

export type DateOrder = 'dmy' | 'mdy';
export type DateOrderReason = 'column' | 'country' | 'default' | 'mixed';

const MONTH_FIRST_COUNTRIES = new Set(['US', 'PH', 'FM', 'MH', 'PW']);
/** Day and month (and year) in numbers: `4/5/1975`, `04.05.75`, `21-03`, `21.03.` */
const NUMERIC = /^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?\.?$/;

/** The first pass's evidence, per column: cells whose first / second part cannot be a month. */
export class DateEvidence {
  readonly dayFirst: number[] = [];
  readonly monthFirst: number[] = [];
  readonly numeric: number[] = [];

  push(record: string[]): void {
    for (let i = 0; i < record.length; i++) {
      const cell = record[i]!;
      // Cheap test first: this runs on every cell of the file.
      if (cell.length < 3 || cell.length > 12) continue;
      const c = cell.charCodeAt(0);
      if ((c < 48 || c > 57) && c !== 32) continue;
      const m = NUMERIC.exec(cell.trim());
      if (!m) continue;
      this.numeric[i] = (this.numeric[i] ?? 0) + 1;
      if (Number(m[1]) > 12) this.dayFirst[i] = (this.dayFirst[i] ?? 0) + 1;
      if (Number(m[2]) > 12) this.monthFirst[i] = (this.monthFirst[i] ?? 0) + 1;
    }
  }
}

export interface ColumnDateOrder {
  order: DateOrder;
  reason: DateOrderReason;
  /** Cells written with day and month in numbers (none: the order did not matter). */
  numeric: number;
}

/** The order of day and month in column `i`, from its evidence and the chain's country. */
export function columnDateOrder(evidence: DateEvidence | null, i: number, country: string | null | undefined): ColumnDateOrder {
  const dayFirst = evidence?.dayFirst[i] ?? 0;
  const monthFirst = evidence?.monthFirst[i] ?? 0;
  const numeric = evidence?.numeric[i] ?? 0;
  if (dayFirst && !monthFirst) return { order: 'dmy', reason: 'column', numeric };
  if (monthFirst && !dayFirst) return { order: 'mdy', reason: 'column', numeric };
  const byCountry: DateOrder = country && MONTH_FIRST_COUNTRIES.has(country.toUpperCase()) ? 'mdy' : 'dmy';
  return { order: byCountry, reason: dayFirst && monthFirst ? 'mixed' : country ? 'country' : 'default', numeric };
}

export type ParsedDate = { date: string } | { problem: 'twoDigitYear' | 'date' };

const pad = (n: number | string) => String(n).padStart(2, '0');

/**
 * A date cell: `YYYY-MM-DD` (a time after it is dropped), `--MM-DD`, or day and month in the
 * column's order with a four-digit year or none. Anything else: the cell is not a date.
 */
export function parseDateCell(text: string, order: DateOrder): ParsedDate {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (m) return { date: `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` };
  m = /^--(\d{1,2})-?(\d{1,2})$/.exec(text);
  if (m) return { date: `--${pad(m[1]!)}-${pad(m[2]!)}` };
  m = NUMERIC.exec(text);
  if (!m) return { problem: 'date' };
  const [day, month] = order === 'dmy' ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
  if (Number(month) > 12) return { problem: 'date' };
  const year = m[3];
  if (year === undefined) return { date: `--${pad(month)}-${pad(day)}` };
  if (year.length === 2) return { problem: 'twoDigitYear' };
  return { date: `${year}-${pad(month)}-${pad(day)}` };
}
