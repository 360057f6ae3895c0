// The public pages' language: the chain's by default, the visitor's choice (FR/DE/EN) once made.
import { signal } from '@preact/signals';
import { LANGS, type Lang } from '@model/lang';
import { messageOf } from '@model/messages';
import { problemMessage } from '@model/issues';
import * as table from '../i18n/messages/public';
import type { PublicError } from './firebase';

export type { PublicKey } from '../i18n/messages/public';

const STORAGE_KEY = 'regulars.publicLang';
const saved = localStorage.getItem(STORAGE_KEY);
export const chosen = signal<Lang | null>(saved && (LANGS as readonly string[]).includes(saved) ? (saved as Lang) : null);
/** The chain's language, once known. */
export const chainLang = signal<Lang>('en');
export const pageLang = () => chosen.value ?? chainLang.value;

export function choose(lang: Lang): void {
  chosen.value = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

export function t(key: table.PublicKey, params: Record<string, string | number> = {}): string {
  const text = table[pageLang()][key] ?? table.en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A server error in the page's language: per field (by path), and one sentence for the rest. */
export function errorParts(err: unknown): { fields: Record<string, string>; text: string } {
  const e = err as Partial<PublicError>;
  const problems = e.details?.problems ?? [];
  const fields = Object.fromEntries(problems.map((p) => [p.path, problemMessage(pageLang(), p.code, p.params ?? {})]));
  const again = messageOf(pageLang(), e.details?.key, e.details?.params);
  const text = problems.length ? '' : (again ?? t('public.error'));
  return { fields, text };
}
