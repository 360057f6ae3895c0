// A birthday as people give it on the public sign-up page: a day and a month, the year optional
// (privacy-minded customers leave it out). It is stored as the customer schema's birth date
// (model/customer.ts BirthDate): `--MM-DD` without a year, `YYYY-MM-DD` with one. Pure: shared with
// the web client, which checks the parts before sending, and the sign-up callable, which checks the
// string again.
import { z } from 'zod';
import { isYearlessDate } from './customer';
import type { Lang } from './lang';

/** What the three boxes hold, as typed (trimmed here). */
export interface BirthdayParts {
  day: string;
  month: string;
  year: string;
}

/** `birthday`: the day and month do not make a day of the year; `birthYear`: the year is not one of 1900 to today. */
export type BirthdayProblem = 'birthday' | 'birthYear';

const pad = (n: number) => String(n).padStart(2, '0');

/** The stored birth date of the parts ('' when all are empty), or why they are refused. */
export function birthDateOf(parts: BirthdayParts, today = new Date()): { ok: true; value: string } | { ok: false; problem: BirthdayProblem } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (day === '' && month === '' && year === '') return { ok: true, value: '' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month)) return { ok: false, problem: 'birthday' };
  const yearless = `--${pad(Number(month))}-${pad(Number(day))}`;
  if (!isYearlessDate(yearless)) return { ok: false, problem: 'birthday' };
  if (year === '') return { ok: true, value: yearless };
  if (!/^\d{4}$/.test(year)) return { ok: false, problem: 'birthYear' };
  const full = `${year}${yearless.slice(1)}`;
  // 29 February of a year that has none is a day that does not exist.
  if (new Date(`${full}T00:00:00Z`).toISOString().slice(0, 10) !== full) return { ok: false, problem: 'birthday' };
  if (full < '1900-01-01' || full > today.toISOString().slice(0, 10)) return { ok: false, problem: 'birthYear' };
  return { ok: true, value: full };
}

/** The parts of a stored birth date (for a form showing it again); empty parts for ''. */
export function birthdayParts(birthDate: string): BirthdayParts {
  const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return { day: '', month: '', year: '' };
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] === '-' ? '' : m[1]! };
}

/** A birth date for people: "14 July" / "14 juillet 1990" / "14. Juli"; '' for ''. */
export function formatBirthday(birthDate: string, lang: Lang): string {
  const parts = birthdayParts(birthDate);
  if (parts.day === '') return birthDate;
  const year = parts.year === '' ? 2000 : Number(parts.year);
  const date = new Date(Date.UTC(year, Number(parts.month) - 1, Number(parts.day)));
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', timeZone: 'UTC', ...(parts.year ? { year: 'numeric' } : {}) };
  return new Intl.DateTimeFormat(lang, options).format(date);
}

/**
 * The sign-up's birth date: '', a day and month (`--MM-DD`), or a full date from 1900 to today; refused
 * with `problem.birthday` (or `problem.birthYear`), which say what the page asks for (day, month, year).
 */
export const SignUpBirthDate = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (v === '') return;
    const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(v);
    const checked = m ? birthDateOf({ day: m[3]!, month: m[2]!, year: m[1] === '-' ? '' : m[1]! }) : null;
    if (!checked?.ok) ctx.addIssue({ code: 'custom', params: { i18n: checked?.problem ?? 'birthday' } });
  });
