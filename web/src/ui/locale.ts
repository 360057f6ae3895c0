// Countries and languages for the chain's settings, and what the browser's locale proposes.
import { LANGS, type Lang } from '@model/lang';

/** Region codes the browser can name (ICU's list), without groupings (EU, UN…) and private-use codes, sorted by name. */
export function countryOptions(uiLang: Lang): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([uiLang], { type: 'region', fallback: 'none' });
  const out: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB'].includes(code)) continue;
      const name = names.of(code);
      if (name && name !== code) out.push({ code, name });
    }
  }
  return out.sort((x, y) => x.name.localeCompare(y.name, uiLang));
}

function browserLocales(): Intl.Locale[] {
  const tags = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  const out: Intl.Locale[] = [];
  for (const tag of tags) {
    try {
      if (tag) out.push(new Intl.Locale(tag));
    } catch {
      // an invalid tag is skipped
    }
  }
  return out;
}

/** The browser's country (`fr-FR`, or `fr` maximized to `FR`), or '' when it says none. */
export function browserCountry(): string {
  for (const locale of browserLocales()) {
    const region = locale.region ?? locale.maximize().region;
    if (region && /^[A-Z]{2}$/.test(region)) return region;
  }
  return '';
}

/** The first of the browser's languages that regulars speaks, else the UI's. */
export function browserLanguage(fallback: Lang): Lang {
  for (const locale of browserLocales()) if ((LANGS as readonly string[]).includes(locale.language)) return locale.language as Lang;
  return fallback;
}
