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

/** True when a search term looks like a phone fragment (`06 12`, `+33 6`), to be searched as one digit run. */
export function looksLikePhoneFragment(text: string): boolean {
  return /\d/.test(text) && /^\+?[\d\s().\-/]+$/.test(text.trim());
}

/** Tags are compared without case or accents and with single spaces. */
export function tagKey(tag: string): string {
  return fold(tag).trim().replace(/\s+/g, ' ');
}
