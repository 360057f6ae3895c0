// The one layout of every translated server message: per area, `Record<Lang, Record<name, Message>>`,
// where the English table names the keys and French and German must have exactly the same ones.
import type { Lang } from '../lang';

/** What a message needs, e.g. `{ count: 3 }`; plain values, so a client can render it again. */
export type Params = Record<string, string | number>;

/** One message: its text in one language from its parameters. */
export type Message = (p: Params) => string;

/** An area's messages in every language, with the keys of its English table. */
export type AreaCatalog<K extends string> = Record<Lang, Record<K, Message>>;
