// The one catalog of server messages, in French, German and English. Every key is
// `<area>.<name>` (`error.noSuchCustomer`, `problem.required`, `import.extraCell`); each area is
// one file with the same layout, `Record<Lang, Record<name, (params) => string>>`. The functions
// render with `message`; the web client renders a server error's key and params again in its UI
// language with `hasMessage` and `messageOf`.
import type { Lang } from '../lang';
import { dataExport } from './dataExport';
import { cardEmail, exportWords } from './documents';
import { errors } from './errors';
import { imports } from './imports';
import { problems } from './problems';
import { signUp } from './signUp';
import type { AreaCatalog, Message, Params } from './types';

export type { Message, Params } from './types';

const AREAS = {
  problem: problems,
  error: errors,
  import: imports,
  export: exportWords,
  data: dataExport,
  cardEmail,
  signUp,
} as const;

type Areas = typeof AREAS;
type KeysOf<C> = C extends AreaCatalog<infer K> ? K : never;

/** Every key of the catalog, e.g. `error.noSuchCustomer`. */
export type MessageKey = { [A in keyof Areas]: `${A}.${KeysOf<Areas[A]>}` }[keyof Areas];

/** The whole catalog, flattened: `CATALOG.fr['error.noSuchCustomer']`. */
export const CATALOG = Object.fromEntries(
  (['fr', 'de', 'en'] as const).map((lang) => [
    lang,
    Object.fromEntries(
      Object.entries(AREAS).flatMap(([area, catalog]) => Object.entries((catalog as AreaCatalog<string>)[lang]).map(([name, m]) => [`${area}.${name}`, m])),
    ),
  ]),
) as Record<Lang, Record<MessageKey, Message>>;

/** Whether `key` (e.g. one a callable sent back) is in the catalog. */
export function hasMessage(key: unknown): key is MessageKey {
  return typeof key === 'string' && Object.hasOwn(CATALOG.en, key);
}

/** The message `key` in `lang`, with its params. */
export function message(lang: Lang, key: MessageKey, params: Params = {}): string {
  return CATALOG[lang][key](params);
}

/** A key known only at run time (from a server error, a report): its message, or undefined. */
export function messageOf(lang: Lang, key: unknown, params: unknown = {}): string | undefined {
  if (!hasMessage(key)) return undefined;
  return message(lang, key, params && typeof params === 'object' ? (params as Params) : {});
}
