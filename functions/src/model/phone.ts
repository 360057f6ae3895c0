// Phone numbers, through libphonenumber-js (Google's libphonenumber metadata, "max" set: numbers are
// validated against each country's number ranges, not only their length). Pure, shared with web/.
//
// - Stored: E.164 (`+33612345678`), an extension after `;ext=` (`+12025550142;ext=12`, RFC 3966's
//   parameter). Typed text is parsed with the chain's country (`06 12 34 56 78` in a French chain,
//   `+44 (0)20 7946 0000`, `0033 (0)1 40 00 00 02`, dots, dashes, slashes). A text the library cannot
//   read as a valid number is kept exactly as typed (trimmed) and reported as a warning: never
//   silently changed.
// - Shown: national format for the chain's country (`06 12 34 56 78`), international otherwise
//   (`+41 22 123 45 67`); a value that is not a valid number is shown as stored.
// - Searched (model/search.ts): prefixes of the national digits (`0612`), of the national
//   significant number (`612`) and of the international digits (`33612`), and the last 4 to
//   MAX_PHONE_SUFFIX digits (`5678`).
// - Duplicates: the E.164 value (with its extension), so `06 12 34 56 78` and `+33 6 12 34 56 78`
//   are the same number.
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

/** Longest tail of a number indexed for "last digits" search (4 to this many digits). */
export const MAX_PHONE_SUFFIX = 8;
/** Shortest tail searched as the end of a number. */
export const MIN_PHONE_SUFFIX = 4;

/** Longest text kept in a phone field (an unparseable number is kept as typed). */
export const PHONE_MAX_LENGTH = 40;

export interface PhoneParse {
  /** What to store: E.164 (with `;ext=`), or the trimmed text when it is not a valid number. */
  value: string;
  /** False when the text is not empty and could not be read as a valid number (kept as typed). */
  parsed: boolean;
}

/**
 * A chain's country (ISO 3166-1 alpha-2), or null when the chain has none: then only numbers with
 * their country code (`+33…`, `0033…`) are read.
 */
export type Country = string | null;

function read(text: string, country: Country): PhoneNumber | undefined {
  try {
    if (country) return parsePhoneNumberFromString(text, { defaultCountry: country as CountryCode, extract: false });
    // Without a country, `00` is read as the international prefix it is in most of the world.
    return parsePhoneNumberFromString(text.replace(/^00(?=\s*\(?[1-9])/, '+'), { extract: false });
  } catch {
    return undefined;
  }
}

function stored(n: PhoneNumber): string {
  return n.ext ? `${n.number};ext=${n.ext}` : n.number;
}

/** Typed text -> the value to store, parsed with the chain's country (ISO 3166-1 alpha-2). */
export function parsePhone(text: string, country: Country): PhoneParse {
  const t = text.trim();
  if (!t) return { value: '', parsed: true };
  const n = read(t, country);
  if (!n || !n.isValid()) return { value: t, parsed: false };
  return { value: stored(n), parsed: true };
}

/** A stored value as a valid number (E.164, or a legacy national value read with `country`). */
function storedNumber(value: string, country: Country): PhoneNumber | undefined {
  if (!value) return undefined;
  const n = read(value, country);
  return n && n.isValid() ? n : undefined;
}

/** A stored value for display: national for the chain's country, international otherwise, else as stored. */
export function formatPhone(value: string, country: Country): string {
  const n = storedNumber(value, country);
  if (!n) return value;
  return n.country === country ? n.formatNational() : n.formatInternational();
}

/** A `tel:` link target (RFC 3966), or '' for a value that is not a valid number. */
export function phoneHref(value: string, country: Country): string {
  return storedNumber(value, country)?.format('RFC3966') ?? '';
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * The digit strings a stored phone is searched by, each indexed by its prefixes: national
 * (`0612345678`), national significant number (`612345678`), international (`33612345678`).
 * A stored value that is not an E.164 number (kept as typed, or stored before phones were parsed)
 * is searched by its digits. The extension is not searched.
 */
export function phoneSearchForms(value: string): { prefixed: string[]; tail: string } {
  if (value.startsWith('+')) {
    const n = read(value.split(';')[0]!, null);
    if (n && n.isValid()) {
      const nsn = n.nationalNumber;
      const national = digitsOf(n.formatNational());
      return { prefixed: [...new Set([national, nsn, `${n.countryCallingCode}${nsn}`])], tail: nsn };
    }
  }
  const digits = digitsOf(value);
  return { prefixed: digits ? [digits] : [], tail: digits };
}

/** The last MIN_PHONE_SUFFIX to MAX_PHONE_SUFFIX digits of a number (`5678`, `45678`, …), shorter than the number itself. */
export function phoneSuffixes(tail: string): string[] {
  const out: string[] = [];
  for (let len = MIN_PHONE_SUFFIX; len <= Math.min(MAX_PHONE_SUFFIX, tail.length - 1); len++) out.push(tail.slice(-len));
  return out;
}

/** The duplicate-detection key of a stored phone: its E.164 value (and extension), else its digits. */
export function phoneKey(value: string): string {
  if (value.startsWith('+')) {
    const n = read(value, null);
    if (n && n.isValid()) return stored(n);
  }
  return digitsOf(value);
}

/**
 * The digit runs a typed phone search stands for: `06 12` -> [`0612`]; `+33 6 12` -> [`33612`];
 * `0033 6 12` -> [`0033612`, `33612`] (the `00` international prefix dropped, kept as typed too).
 */
export function phoneQueryDigits(text: string): string[] {
  const t = text.trim();
  const digits = digitsOf(t);
  if (!digits) return [];
  if (!t.startsWith('+') && digits.startsWith('00') && digits.length > 2) return [digits, digits.slice(2)];
  return [digits];
}

/** A phone kept as typed because it is not a valid number: a warning, not an error. */
export interface PhoneWarning {
  /** The phone's path in the customer, e.g. `phones.mobile`. */
  field: string;
  /** Catalog key of the warning's message. */
  key: 'problem.phoneKept';
  /** The chain's country the text was read with ('' for none). */
  params: { country: string };
}

/** Every phone of a customer parsed with the chain's country; the ones kept as typed are listed. */
export function parsePhones<P extends Record<string, string>>(phones: P, country: Country): { phones: P; warnings: PhoneWarning[] } {
  const out: Record<string, string> = {};
  const warnings: PhoneWarning[] = [];
  for (const [kind, text] of Object.entries(phones)) {
    const { value, parsed } = parsePhone(text, country);
    out[kind] = value;
    if (!parsed) warnings.push({ field: `phones.${kind}`, key: 'problem.phoneKept', params: { country: country ?? '' } });
  }
  return { phones: out as P, warnings };
}
