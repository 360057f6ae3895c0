// The chain's locale, derived from its settings (country, language) through Intl: for display
// (numbers, dates) and for defaults such as the export's list separator. Pure, shared with web/.
import type { Lang } from './lang';

/** `fr` + `CH` -> `fr-CH`; without a country, the language alone. Canonicalized by Intl. */
export function chainLocale(language: Lang, country: string | null): string {
  const tag = country ? `${language}-${country}` : language;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? language;
  } catch {
    return language;
  }
}

/** The decimal separator of a locale (`,` for fr-FR, de-DE; `.` for en-US, de-CH), through Intl. */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/**
 * Regions whose Windows list separator is `;` although their decimal separator is the point
 * (Windows' regional settings for Switzerland and Liechtenstein); elsewhere the list separator
 * follows the decimal one: `;` with a decimal comma, `,` with a decimal point.
 */
const SEMICOLON_WITH_DECIMAL_POINT = new Set(['CH', 'LI']);

/** Excel's list separator in the chain's region (Windows settings), for the export's PC format. */
export function regionListSeparator(language: Lang, country: string | null): 'comma' | 'semicolon' {
  if (country && SEMICOLON_WITH_DECIMAL_POINT.has(country)) return 'semicolon';
  return decimalSeparator(chainLocale(language, country)) === ',' ? 'semicolon' : 'comma';
}
