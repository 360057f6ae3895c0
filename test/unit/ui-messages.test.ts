// The web client's texts (web/src/i18n/messages.ts) in English, French and German: the same
// placeholders in every language, and counts worded through the language's plural rules
// (web/src/i18n/plural.ts, Intl.PluralRules), never a hand-made "(s)". The server's catalog is
// checked the same way (functions/src/model/messages).
import { describe, expect, it } from 'vitest';
import { messages } from '../../web/src/i18n/messages';
import { CATALOG } from '../../functions/src/model/messages';
import { LANGS } from '../../functions/src/model/lang';

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
/** A plural written by hand: "row(s)", "Kunde(n)", "Besuch(e)", "Feld(er)", "inconnu(s)". */
const HAND_PLURAL = /\p{L}\((s|n|e|er|en|x)\)/u;

describe('UI texts', () => {
  it('have the same placeholders (each named once or more) in French and German as in English', () => {
    const differ = Object.entries(messages.en).flatMap(([key, en]) =>
      (['fr', 'de'] as const)
        .filter((lang) => placeholders(messages[lang][key as keyof typeof messages.en]).join() !== placeholders(en).join())
        .map((lang) => `${lang} ${key}`),
    );
    expect(differ).toEqual([]);
  });

  it('word counts by plural rules: every `.one` text has its `.other`, and no text writes "(s)" by hand', () => {
    for (const lang of ['en', 'fr', 'de'] as const) {
      const keys = Object.keys(messages[lang]);
      for (const key of keys.filter((k) => k.endsWith('.one'))) expect(keys).toContain(key.replace(/\.one$/, '.other'));
      expect(Object.entries(messages[lang]).filter(([, text]) => HAND_PLURAL.test(text))).toEqual([]);
    }
  });
});

describe('server messages', () => {
  it('write no plural by hand, with any count', () => {
    for (const lang of LANGS) {
      const texts = Object.entries(CATALOG[lang]).map(([key, m]) => [key, m({ count: 2, minutes: 2, keys: 'a, b', max: 3, limit: 10, min: 1 })] as const);
      expect(texts.filter(([, text]) => HAND_PLURAL.test(text))).toEqual([]);
    }
  });
});
