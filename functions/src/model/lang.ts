import { z } from 'zod';

/** Languages of the UI, of customer emails and of export headers. */
export const LANGS = ['fr', 'de', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

/** Picks a supported language from a BCP 47 tag such as `de-CH`; English otherwise. */
export function pickLang(tag: string | undefined | null): Lang {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGS as readonly string[]).includes(base ?? '') ? (base as Lang) : 'en';
}
