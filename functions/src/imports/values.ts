// Cell values other systems write: language names and locale codes (Odoo's `French / Français`,
// `fr_FR`, `de-CH`, `English (US)`), Google Contacts' multi-value cells (`a ::: b`) and labels, and
// Odoo's one `Name` column holding the full name.
import { fold } from '../model/text';

export type KnownLanguage = 'fr' | 'de' | 'en';

const LANGUAGE_WORDS: Record<string, KnownLanguage> = {
  fr: 'fr',
  fra: 'fr',
  fre: 'fr',
  francais: 'fr',
  french: 'fr',
  franzosisch: 'fr',
  de: 'de',
  deu: 'de',
  ger: 'de',
  deutsch: 'de',
  german: 'de',
  allemand: 'de',
  en: 'en',
  eng: 'en',
  english: 'en',
  anglais: 'en',
  englisch: 'en',
};

/**
 * The language a cell names: a word or code of it (`Français`, `fr_FR`, `de-CH`, `English (US)`,
 * `French / Français`), the first word that names one of regulars' languages deciding; null when none does.
 */
export function parseLanguage(cell: string): KnownLanguage | null {
  for (const word of fold(cell).split(/[^a-z]+/)) {
    const code = LANGUAGE_WORDS[word];
    if (code) return code;
  }
  return null;
}

/** Google Contacts' separator of several values in one cell. */
export const MULTI_VALUE = ' ::: ';

/** The values of a multi-value cell, without Google's own system labels (`* myContacts`, `* starred`). */
export function splitValues(cell: string): string[] {
  return cell
    .split(':::')
    .map((v) => v.trim())
    .filter((v) => v && !v.startsWith('* '));
}

const PHONE_SPILL = ['phones.mobile', 'phones.home', 'phones.work'];

/**
 * Where the second value of a multi-value cell may go, per target, in order of preference: the
 * secondary email, or another phone kind. The row reader takes the first whose own cell in the row
 * is empty (or has no column). Targets missing here keep their first value only.
 */
export function spillTargets(targets: string[]): Map<string, string[]> {
  const spill = new Map<string, string[]>();
  if (targets.includes('email')) spill.set('email', ['email2']);
  for (const t of PHONE_SPILL)
    if (targets.includes(t))
      spill.set(
        t,
        PHONE_SPILL.filter((o) => o !== t),
      );
  return spill;
}

/** Words that belong to the last name that follows them: `Jean de La Fontaine`, `Anna van der Berg`. */
const PARTICLES = new Set([
  'de',
  'du',
  'des',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'das',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'ten',
  'zu',
  'le',
  'la',
  'mac',
  'st',
]);

/**
 * A full name in one cell (Odoo's `Name`): `Last, First` when it has a comma; otherwise the last
 * word is the last name, with the particles before it, and the rest the first name.
 */
export function splitFullName(cell: string): { firstName: string; lastName: string } {
  const comma = cell.indexOf(',');
  if (comma >= 0) return { lastName: cell.slice(0, comma).trim(), firstName: cell.slice(comma + 1).trim() };
  const words = cell.trim().split(/\s+/);
  let i = words.length - 1;
  while (i > 1 && PARTICLES.has(fold(words[i - 1]!))) i--;
  return { firstName: words.slice(0, i).join(' '), lastName: words.slice(i).join(' ') };
}
