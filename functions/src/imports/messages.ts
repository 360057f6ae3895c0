// Why a whole file was refused, in the uploader's language: `import.<reason>` of the message catalog.
import type { Lang } from '../model/lang';
import { message, messageOf, type Params } from '../model/messages';

export function refusalMessage(reason: string, params: Params, lang: Lang): string {
  return messageOf(lang, `import.${reason}`, params) ?? message(lang, 'import.malformed', params);
}

/** The error file's last column, and the columns for cells beyond the header (`n` from 1). */
export const errorColumn = (lang: Lang) => message(lang, 'import.errorColumn');
export const warningColumn = (lang: Lang) => message(lang, 'import.warningColumn');
export const extraCellColumn = (lang: Lang, n: number) => message(lang, 'import.extraCell', { n });

/** A row whose write failed for good. */
export const saveFailedMessage = (lang: Lang, detail: string) => message(lang, 'import.saveFailed', { detail });

/** A row naming, by its regulars id, a profile merged into another. */
export const mergedMessage = (lang: Lang, keptId: string) => message(lang, 'import.mergedInto', { keptId });

/** A row whose customer was erased, or changed again at every attempt, while the import ran. */
export const erasedMeanwhileMessage = (lang: Lang) => message(lang, 'import.customerErasedMeanwhile');
export const changedMeanwhileMessage = (lang: Lang) => message(lang, 'import.customerChangedMeanwhile');

/** Report texts, in the uploader's language. */
export const gaveUpMessage = (lang: Lang, attempts: number) => message(lang, 'import.gaveUp', { attempts });
export const ignoredColumnsWarning = (lang: Lang, ignored: string[]) => message(lang, 'import.ignoredColumns', { columns: ignored.join(', ') });
export const noRowsWarning = (lang: Lang) => message(lang, 'import.noRows');
export const dateOrderNote = (lang: Lang, params: Params) => message(lang, 'import.dateOrder', params);
export const nameSplitNote = (lang: Lang, column: string) => message(lang, 'import.nameSplit', { column });
