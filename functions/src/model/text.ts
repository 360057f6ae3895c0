// Text normalization shared by validation, search indexing, search queries and duplicate keys.

/** Lowercase, accents removed, ß -> ss, œ -> oe, æ -> ae: `Hélène Müller-Straße` -> `helene muller-strasse`. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd');
}

/** Words of a folded text: letters and digits, split on anything else (spaces, hyphens, apostrophes, dots). */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const PHONE_CHARS = /^\+?[\d\s().\-/]+$/;

/**
 * A phone number as the seeds accept it (`1231231234`, `123-123-1234`, `(123)123-1234`) or in an
 * international form (`+33 6 12 34 56 78`): 6 to 14 digits, with an optional leading `+`.
 */
export function isPhone(text: string): boolean {
  const t = text.trim();
  if (!PHONE_CHARS.test(t)) return false;
  const digits = t.replace(/\D/g, '');
  return digits.length >= 6 && digits.length <= 14;
}

/** `(123)123-1234` -> `1231231234`; `+33 6 12 34 56 78` -> `+33612345678`. */
export function normalizePhone(text: string): string {
  const t = text.trim();
  if (!t) return '';
  return (t.startsWith('+') ? '+' : '') + t.replace(/\D/g, '');
}

/** True when a search term looks like a phone fragment (`06 12`, `+33 6`), to be searched as one digit run. */
export function looksLikePhoneFragment(text: string): boolean {
  return /\d/.test(text) && /^\+?[\d\s().\-/]+$/.test(text.trim());
}

/** Tags are compared without case or accents and with single spaces. */
export function tagKey(tag: string): string {
  return fold(tag).trim().replace(/\s+/g, ' ');
}
