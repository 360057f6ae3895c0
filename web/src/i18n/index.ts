// UI language: French, German or English, from the browser language, switchable, remembered.
import { signal } from '@preact/signals';
import { LANGS, pickLang, type Lang } from '@model/lang';
import { problemMessage, type FieldProblem } from '@model/issues';
import { messages, type MessageKey } from './messages';

const STORAGE_KEY = 'regulars.lang';

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = pickLang(tag);
    if (lang !== 'en' || tag.toLowerCase().startsWith('en')) return lang;
  }
  return 'en';
}

export const lang = signal<Lang>(initialLang());
document.documentElement.lang = lang.value;

export function setLang(next: Lang): void {
  lang.value = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** The message `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = messages[lang.value][key] ?? messages.en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A validation problem (from the shared schemas or a callable), in the current language. */
export function problemText(problem: Pick<FieldProblem, 'code' | 'params' | 'message'>): string {
  return problemMessage(lang.value, problem.code, problem.params ?? {});
}

export { LANGS, type Lang, type MessageKey };
