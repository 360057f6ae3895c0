// Plural forms by the language's own rules (Intl.PluralRules; French counts 0 and 1 as "one"): the
// form a count takes (also the web client's `tp`, web/src/i18n/plural.ts), and the server messages'
// `plural`, where `#` in the chosen form is the count, written as the language writes numbers.
import type { Lang } from '../lang';

/** The message form for `count` in `lang`: regulars' texts have a singular (`one`) and a plural (`other`). */
export function pluralForm(lang: Lang, count: number): 'one' | 'other' {
  return new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
}

export function plural(lang: Lang, count: number | string | undefined, forms: { one: string; other: string }): string {
  const n = Number(count ?? 0);
  return forms[pluralForm(lang, n)].replaceAll('#', new Intl.NumberFormat(lang).format(n));
}
