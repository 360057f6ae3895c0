// The sign-up page's birthday: day and month, a year optional, stored as the customer schema's birth
// date (`--MM-DD` without a year); impossible days, 00 and letters refused, by the page's parts check
// and by the sign-up callable's schema, with a message in FR/DE/EN that the page puts after the label.
import { describe, expect, it } from 'vitest';
import { birthDateOf, birthdayParts, formatBirthday, SignUpBirthDate } from '../../functions/src/model/birthday';
import { BirthDate } from '../../functions/src/model/customer';
import { problemMessage, validate } from '../../functions/src/model/issues';
import { SignUpInput } from '../../functions/src/model/signUp';
import * as publicTexts from '../../web/src/i18n/messages/public';

const TODAY = new Date('2026-12-02T12:00:00Z');
const parts = (day: string, month: string, year = '') => birthDateOf({ day, month, year }, TODAY);
const signUp = (birthDate: string) => ({ chainId: 'c1', firstName: 'Zoé', lastName: 'Martin', email: 'zoe@example.com', language: 'fr', birthDate });

describe('birthday from the page', () => {
  it('a day and month only is stored without a year, as the customer schema takes it', () => {
    expect(parts('14', '7')).toEqual({ ok: true, value: '--07-14' });
    expect(parts(' 1 ', '01')).toEqual({ ok: true, value: '--01-01' });
    expect(parts('29', '2')).toEqual({ ok: true, value: '--02-29' }); // a birthday without year may be 29 February
    expect(BirthDate.safeParse('--07-14').success).toBe(true);
    expect(parts('', '', '')).toEqual({ ok: true, value: '' });
  });

  it('a year given makes a full date, between 1900 and today', () => {
    expect(parts('14', '7', '1990')).toEqual({ ok: true, value: '1990-07-14' });
    expect(parts('29', '2', '2000')).toEqual({ ok: true, value: '2000-02-29' });
    expect(parts('29', '2', '2001')).toEqual({ ok: false, problem: 'birthday' });
    expect(parts('14', '7', '1899')).toEqual({ ok: false, problem: 'birthYear' });
    expect(parts('3', '12', '2026')).toEqual({ ok: false, problem: 'birthYear' }); // tomorrow
    expect(parts('2', '12', '2026')).toEqual({ ok: true, value: '2026-12-02' });
    expect(parts('14', '7', '90')).toEqual({ ok: false, problem: 'birthYear' });
  });

  it('31 February, 00, letters, a missing part are refused', () => {
    for (const [day, month] of [
      ['31', '2'],
      ['30', '02'],
      ['31', '4'],
      ['00', '5'],
      ['5', '00'],
      ['0', '0'],
      ['32', '1'],
      ['1', '13'],
      ['ab', '3'],
      ['3', 'mars'],
      ['1e', '2'],
      ['-1', '2'],
      ['1.5', '2'],
      ['14', ''],
      ['', '7'],
      ['123', '1'],
    ]) {
      expect(parts(day!, month!), `${day}/${month}`).toEqual({ ok: false, problem: 'birthday' });
    }
    expect(parts('', '', '1990')).toEqual({ ok: false, problem: 'birthday' });
  });

  it('shows a stored birth date again as parts and for people', () => {
    expect(birthdayParts('--07-14')).toEqual({ day: '14', month: '7', year: '' });
    expect(birthdayParts('1990-07-04')).toEqual({ day: '4', month: '7', year: '1990' });
    expect(birthdayParts('')).toEqual({ day: '', month: '', year: '' });
    expect(formatBirthday('--07-14', 'fr')).toBe('14 juillet');
    expect(formatBirthday('--07-14', 'de')).toBe('14. Juli');
    expect(formatBirthday('--07-14', 'en')).toBe('July 14');
    expect(formatBirthday('1990-07-14', 'fr')).toBe('14 juillet 1990');
    expect(formatBirthday('', 'en')).toBe('');
  });
});

describe('the sign-up callable checks the birth date again', () => {
  it('takes a day and month, a full date, or nothing', () => {
    for (const v of ['--07-14', '--02-29', '1990-07-14', '']) {
      const r = validate(SignUpInput, signUp(v));
      expect(r.ok, v).toBe(true);
      if (r.ok) expect(r.value.birthDate).toBe(v);
    }
    expect(validate(SignUpInput, { ...signUp(''), birthDate: undefined }).ok).toBe(true);
  });

  it('refuses impossible days, 00 and letters at birthDate, in the caller language', () => {
    for (const v of ['--02-31', '--04-31', '--00-12', '--12-00', '--13-01', '--ab-cd', '--7-14', '14/07', '2001-02-29', 'juillet', '--07-14x']) {
      const r = validate(SignUpInput, signUp(v), 'de');
      expect(r.ok, v).toBe(false);
      if (!r.ok) expect(r.problems, v).toEqual([{ path: 'birthDate', code: 'birthday', message: problemMessage('de', 'birthday') }]);
    }
    const old = validate(SignUpInput, signUp('1850-07-14'), 'fr');
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.problems).toEqual([{ path: 'birthDate', code: 'birthYear', message: problemMessage('fr', 'birthYear') }]);
    expect(SignUpBirthDate.safeParse('9999-01-01').success).toBe(false);
  });

  it('has its message in every language, and the page a short label to name the field with', () => {
    expect(problemMessage('en', 'birthday')).toMatch(/day and a month/);
    expect(problemMessage('fr', 'birthday')).toMatch(/jour et un mois/);
    expect(problemMessage('de', 'birthday')).toMatch(/Tag und ein Monat/);
    for (const lang of ['en', 'fr', 'de'] as const) {
      expect(problemMessage(lang, 'birthYear')).not.toBe(problemMessage(lang, 'invalid'));
    }
    expect([publicTexts.en['public.birthday'], publicTexts.fr['public.birthday'], publicTexts.de['public.birthday']]).toEqual([
      'Birthday',
      'Anniversaire',
      'Geburtstag',
    ]);
  });
});
