// The import's user-facing strings, in one place: why a whole file was refused, the error file's
// columns, row messages and report texts, in the uploader's language.
import type { Lang } from '../model/lang';
import { MAX_IMPORT_BYTES } from '../model/import';

type Params = Record<string, string | number>;
const mib = (bytes: number | string) => `${Math.round(Number(bytes) / 1024 / 1024)} MiB`;

const MESSAGES: Record<string, Record<Lang, (p: Params) => string>> = {
  empty: {
    en: () => 'The file is empty. Nothing was imported.',
    fr: () => 'Le fichier est vide. Rien n’a été importé.',
    de: () => 'Die Datei ist leer. Nichts wurde importiert.',
  },
  binary: {
    en: () => 'This is not a CSV text file (is it an Excel .xlsx file? Save it as CSV first). Nothing was imported.',
    fr: () => 'Ce n’est pas un fichier texte CSV (un classeur Excel .xlsx ? Enregistrez-le d’abord au format CSV). Rien n’a été importé.',
    de: () => 'Das ist keine CSV-Textdatei (eine Excel-.xlsx-Datei? Speichern Sie sie zuerst als CSV). Nichts wurde importiert.',
  },
  notCsv: {
    en: (p) => `Files of type ${p.contentType} cannot be imported: upload a CSV file. Nothing was imported.`,
    fr: (p) => `Les fichiers de type ${p.contentType} ne peuvent pas être importés : téléversez un fichier CSV. Rien n’a été importé.`,
    de: (p) => `Dateien vom Typ ${p.contentType} können nicht importiert werden: laden Sie eine CSV-Datei hoch. Nichts wurde importiert.`,
  },
  tooLarge: {
    en: (p) => `The file is larger than ${mib(p.max ?? MAX_IMPORT_BYTES)}: split it into several files. Nothing was imported.`,
    fr: (p) => `Le fichier dépasse ${mib(p.max ?? MAX_IMPORT_BYTES)} : découpez-le en plusieurs fichiers. Rien n’a été importé.`,
    de: (p) => `Die Datei ist größer als ${mib(p.max ?? MAX_IMPORT_BYTES)}: teilen Sie sie in mehrere Dateien. Nichts wurde importiert.`,
  },
  tooManyRows: {
    en: (p) => `The file has more than ${p.max} customer rows: split it into several files. Nothing was imported.`,
    fr: (p) => `Le fichier contient plus de ${p.max} lignes de clients : découpez-le en plusieurs fichiers. Rien n’a été importé.`,
    de: (p) => `Die Datei hat mehr als ${p.max} Kundenzeilen: teilen Sie sie in mehrere Dateien. Nichts wurde importiert.`,
  },
  recordTooLarge: {
    en: (p) => `Line ${p.line} holds more than ${Math.round(Number(p.max) / 1024)} KB in one row (a stray quote?). Nothing was imported.`,
    fr: (p) => `La ligne ${p.line} contient plus de ${Math.round(Number(p.max) / 1024)} Ko dans une seule ligne (un guillemet égaré ?). Rien n’a été importé.`,
    de: (p) => `Zeile ${p.line} enthält mehr als ${Math.round(Number(p.max) / 1024)} KB in einer Zeile (ein verirrtes Anführungszeichen?). Nichts wurde importiert.`,
  },
  quoteNotClosed: {
    en: (p) => `A quote opened before line ${p.line} is never closed. Nothing was imported.`,
    fr: (p) => `Un guillemet ouvert avant la ligne ${p.line} n’est jamais fermé. Rien n’a été importé.`,
    de: (p) => `Ein vor Zeile ${p.line} geöffnetes Anführungszeichen wird nie geschlossen. Nichts wurde importiert.`,
  },
  malformed: {
    en: (p) => `The file is not valid CSV near line ${p.line} (${p.detail}). Nothing was imported.`,
    fr: (p) => `Le fichier n’est pas un CSV valide vers la ligne ${p.line} (${p.detail}). Rien n’a été importé.`,
    de: (p) => `Die Datei ist um Zeile ${p.line} kein gültiges CSV (${p.detail}). Nichts wurde importiert.`,
  },
  missingColumn: {
    en: (p) => `No column holds the ${p.field === 'firstName' ? 'first name' : 'last name'} (e.g. "${p.field === 'firstName' ? 'Prénom / Vorname / First Name' : 'Nom / Nachname / Last Name'}"). Nothing was imported.`,
    fr: (p) => `Aucune colonne ne contient le ${p.field === 'firstName' ? 'prénom' : 'nom'} (p. ex. « ${p.field === 'firstName' ? 'Prénom' : 'Nom'} »). Rien n’a été importé.`,
    de: (p) => `Keine Spalte enthält den ${p.field === 'firstName' ? 'Vornamen' : 'Nachnamen'} (z. B. „${p.field === 'firstName' ? 'Vorname' : 'Nachname'}“). Nichts wurde importiert.`,
  },
  badMapping: {
    en: (p) => `The column mapping names an unknown field "${p.target}". Nothing was imported.`,
    fr: (p) => `Le mappage des colonnes cite un champ inconnu « ${p.target} ». Rien n’a été importé.`,
    de: (p) => `Die Spaltenzuordnung nennt ein unbekanntes Feld „${p.target}“. Nichts wurde importiert.`,
  },
  badMetadata: {
    en: (p) => `The upload's import options are invalid (${p.detail}). Nothing was imported.`,
    fr: (p) => `Les options d’importation du fichier sont invalides (${p.detail}). Rien n’a été importé.`,
    de: (p) => `Die Importoptionen des Uploads sind ungültig (${p.detail}). Nichts wurde importiert.`,
  },
};

export function refusalMessage(reason: string, params: Params, lang: Lang): string {
  return (MESSAGES[reason] ?? MESSAGES.malformed!)[lang](params);
}

/** The error file's last column, and the columns for cells beyond the header. */
export const ERROR_COLUMN: Record<Lang, string> = { fr: 'Erreur', de: 'Fehler', en: 'Error' };
export const EXTRA_CELL: Record<Lang, string> = { en: 'Extra cell', fr: 'Cellule en trop', de: 'Zusätzliche Zelle' };

/** A row whose write failed for good. */
export const saveFailedMessage = (lang: Lang, detail: string) =>
  `${({ en: 'could not be saved', fr: 'n’a pas pu être enregistrée', de: 'konnte nicht gespeichert werden' } as const)[lang]}: ${detail}`;

/** A row naming, by its regulars id, a profile merged into another. */
export const mergedMessage = (lang: Lang, keptId: string) =>
  ({
    en: `this customer was merged into customer ${keptId}: use that ID (or leave the cell empty) to update the kept profile`,
    fr: `ce client a été fusionné avec le client ${keptId} : utilisez cet identifiant (ou laissez la cellule vide) pour modifier le profil conservé`,
    de: `dieser Kunde wurde mit dem Kunden ${keptId} zusammengeführt: verwenden Sie diese ID (oder lassen Sie die Zelle leer), um das behaltene Profil zu ändern`,
  })[lang];

/** Report texts (English only, as before). */
export const gaveUpMessage = (attempts: number) => `The import stopped ${attempts} times; it was not retried again.`;
export const ignoredColumnsWarning = (ignored: string[]) => `Ignored columns: ${ignored.join(', ')}`;
export const NO_ROWS_WARNING = 'The file has a header but no customer rows.';
