// Plural forms by the language's own rules (Intl.PluralRules): a message `base` has the variants
// `base.one` and `base.other` (French counts 0 and 1 as "one"), with `{count}` formatted for the language.
import { lang, t, type MessageKey } from '.';

export function tp(base: string, count: number, params: Record<string, string | number> = {}): string {
  const rule = new Intl.PluralRules(lang.value).select(count);
  const key = (rule === 'one' ? `${base}.one` : `${base}.other`) as MessageKey;
  return t(key, { ...params, count: new Intl.NumberFormat(lang.value).format(count) });
}
