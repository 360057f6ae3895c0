// Plural forms by the language's own rules (model/messages/plural.ts, Intl.PluralRules): a message
// `base` has the variants `base.one` and `base.other` (French counts 0 and 1 as "one"), with
// `{count}` formatted for the language.
import { pluralForm } from '@model/messages/plural';
import { lang, t, type MessageKey } from '.';

export function tp(base: string, count: number, params: Record<string, string | number> = {}): string {
  return t(`${base}.${pluralForm(lang.value, count)}` as MessageKey, { ...params, count: new Intl.NumberFormat(lang.value).format(count) });
}
