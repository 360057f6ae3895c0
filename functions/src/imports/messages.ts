// Why a whole file was refused, in the uploader's language: `import.<reason>` of the message catalog.
import type { Lang } from '../model/lang';
import { message, messageOf, type Params } from '../model/messages';

export function refusalMessage(reason: string, params: Params, lang: Lang): string {
  return messageOf(lang, `import.${reason}`, params) ?? message(lang, 'import.malformed', params);
}
