// Plural forms by the language's own rules (Intl.PluralRules; French counts 0 and 1 as "one"), for
// the server's messages: `#` in the chosen form is the count, written as the language writes numbers.
import type { Lang } from '../lang';

export function plural(lang: Lang, count: number | string | undefined, forms: { one: string; other: string }): string {
  const n = Number(count ?? 0);
  const form = new Intl.PluralRules(lang).select(n) === 'one' ? forms.one : forms.other;
  return form.replaceAll('#', new Intl.NumberFormat(lang).format(n));
}
