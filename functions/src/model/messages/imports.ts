// What a CSV import says (`import.<key>`), in the uploader's language: why a whole file was refused,
// what is wrong with a cell, and the error file's and report's own words.
import { MAX_IMPORT_BYTES } from '../import';
import type { AreaCatalog, Params } from './types';

const mib = (bytes: number | string) => `${Math.round(Number(bytes) / 1024 / 1024)} MiB`;
/** A row count as the language writes it: 1,000,000 / 1 000 000 / 1.000.000. */
const rows = (lang: 'en' | 'fr' | 'de', n: number | string | undefined) => new Intl.NumberFormat(lang).format(Number(n));
const kb = (bytes: number | string | undefined) => Math.round(Number(bytes) / 1024);
const isFirst = (p: Params) => p.field === 'firstName';
/** The refusal of a file without name columns names its encoding when the header looked garbled. */
const encodingHint = (p: Params, text: string) => (p.encoding ? ` ${text}` : '');

const en = {
  // A whole file refused (the report's `failure.code` is the key's name).
  empty: () => 'The file is empty. Nothing was imported.',
  binary: () => 'This is not a CSV text file (is it an Excel .xlsx file? Save it as CSV first). Nothing was imported.',
  notCsv: (p) => `Files of type ${p.contentType} cannot be imported: upload a CSV file. Nothing was imported.`,
  tooLarge: (p) => `The file is larger than ${mib(p.max ?? MAX_IMPORT_BYTES)}: split it into several files. Nothing was imported.`,
  tooManyRows: (p) => `The file has more than ${rows('en', p.max)} customer rows: split it into several files. Nothing was imported.`,
  recordTooLarge: (p) => `Line ${p.line} holds more than ${kb(p.max)} KB in one row (a stray quote?). Nothing was imported.`,
  quoteNotClosed: (p) => `A quote opened before line ${p.line} is never closed. Nothing was imported.`,
  malformed: (p) => `The file is not valid CSV near line ${p.line} (${p.detail}). Nothing was imported.`,
  missingColumn: (p) =>
    `No column holds the ${isFirst(p) ? 'first name' : 'last name'} (e.g. "${isFirst(p) ? 'Prénom / Vorname / First Name' : 'Nom / Nachname / Last Name'}"). Nothing was imported.` +
    encodingHint(
      p,
      `The header could not be read as written: the file was read as ${p.encoding}, which is likely the cause. Save it as "CSV UTF-8" and upload it again.`,
    ),
  badMapping: (p) => `The column mapping names an unknown field "${p.target}". Nothing was imported.`,
  badMetadata: (p) => `The upload's import options are invalid (${p.detail}). Nothing was imported.`,
  uploaderNotAllowed: () => 'The person who uploaded this file is no longer an owner or manager of this chain: the import did not run. Nothing was imported.',
  gaveUp: (p) => `The import stopped ${p.attempts} times; it was not retried again.`,
  // Warnings of the report.
  noRows: () => 'The file has a header but no customer rows.',
  ignoredColumns: (p) => `Ignored columns: ${p.columns}`,
  dateOrder: (p) =>
    `Dates in column "${p.column}" were read as ${p.order === 'mdy' ? 'month/day/year' : 'day/month/year'}: ${
      p.reason === 'column'
        ? 'a date of the column says so'
        : p.reason === 'mixed'
          ? 'the column has dates written both ways; those that do not fit were refused'
          : p.reason === 'country'
            ? `no date of the column says which, and the chain's country is ${p.country}`
            : 'no date of the column says which, and the chain has no country (day first by default)'
    }.`,
  nameSplit: (p) => `Column "${p.column}" holds full names: the last word (with de, van, von…) was imported as the last name, the rest as the first name.`,
  // What is wrong with a cell or a row.
  formula: () => 'starts like a spreadsheet formula; to import it as text, start it with an apostrophe',
  notType: () => 'is not a customer type of this chain',
  number: () => 'must be a number, e.g. 10 or 12.5',
  visitCount: () => 'must be a whole number of visits, e.g. 12',
  visitDate: () => 'must be a date, e.g. 2026-03-31 or 31/03/2026',
  yesNo: () => 'must be yes or no',
  ragged: (p) => `the row has more cells than the header has columns (${p.cells} cells, ${p.columns} columns)`,
  language: () => 'must be French, German or English (fr, de, en)',
  twoDigitYear: () => 'has a two-digit year: write the year with four digits (1975, not 75)',
  // What a row was imported without (warnings).
  unknownLanguage: () => 'is not French, German or English: the language was left empty',
  unknownConsent: () => 'is neither yes nor no: the contact permission was left as it was',
  multiValueDropped: () => 'holds several values: only the first was imported',
  shortRow: (p) =>
    `the row has fewer cells than the header has columns (${p.cells} cells, ${p.columns} columns): the missing cells changed nothing. Was a line broken by a line break outside quotes?`,
  shortRowNoName: (p) =>
    `the row has fewer cells than the header has columns (${p.cells} cells, ${p.columns} columns) and no name: was a line broken by a line break outside quotes?`,
  mergedInto: (p) => `this customer was merged into customer ${p.keptId}: use that ID (or leave the cell empty) to update the kept profile`,
  saveFailed: (p) => `could not be saved: ${p.detail}`,
  customerErasedMeanwhile: () => 'this customer was erased while the import ran: the row was not imported',
  customerChangedMeanwhile: () => 'this customer was changed by someone else several times while the import ran: import the row again',
  // The error file's own columns.
  extraCell: (p) => `Extra cell ${p.n}`,
  errorColumn: () => 'Error',
  warningColumn: () => 'Warning',
} satisfies AreaCatalog<string>['en'];

export type ImportKey = keyof typeof en;

export const imports: AreaCatalog<ImportKey> = {
  en,
  fr: {
    empty: () => 'Le fichier est vide. Rien n’a été importé.',
    binary: () => 'Ce n’est pas un fichier texte CSV (un classeur Excel .xlsx ? Enregistrez-le d’abord au format CSV). Rien n’a été importé.',
    notCsv: (p) => `Les fichiers de type ${p.contentType} ne peuvent pas être importés : téléversez un fichier CSV. Rien n’a été importé.`,
    tooLarge: (p) => `Le fichier dépasse ${mib(p.max ?? MAX_IMPORT_BYTES)} : découpez-le en plusieurs fichiers. Rien n’a été importé.`,
    tooManyRows: (p) => `Le fichier contient plus de ${rows('fr', p.max)} lignes de clients : découpez-le en plusieurs fichiers. Rien n’a été importé.`,
    recordTooLarge: (p) => `La ligne ${p.line} contient plus de ${kb(p.max)} Ko dans une seule ligne (un guillemet égaré ?). Rien n’a été importé.`,
    quoteNotClosed: (p) => `Un guillemet ouvert avant la ligne ${p.line} n’est jamais fermé. Rien n’a été importé.`,
    malformed: (p) => `Le fichier n’est pas un CSV valide vers la ligne ${p.line} (${p.detail}). Rien n’a été importé.`,
    missingColumn: (p) =>
      `Aucune colonne ne contient le ${isFirst(p) ? 'prénom' : 'nom'} (p. ex. « ${isFirst(p) ? 'Prénom' : 'Nom'} »). Rien n’a été importé.` +
      encodingHint(
        p,
        `L’en-tête n’a pas pu être lu tel qu’il est écrit : le fichier a été lu en ${p.encoding}, ce qui en est probablement la cause. Enregistrez-le au format « CSV UTF-8 » et téléversez-le de nouveau.`,
      ),
    badMapping: (p) => `Le mappage des colonnes cite un champ inconnu « ${p.target} ». Rien n’a été importé.`,
    badMetadata: (p) => `Les options d’importation du fichier sont invalides (${p.detail}). Rien n’a été importé.`,
    uploaderNotAllowed: () =>
      'La personne qui a déposé ce fichier n’est plus propriétaire ni gérant de cette chaîne : l’importation n’a pas été lancée. Rien n’a été importé.',
    gaveUp: (p) => `L’importation s’est arrêtée ${p.attempts} fois ; elle n’a plus été relancée.`,
    noRows: () => 'Le fichier a une ligne d’en-tête mais aucune ligne de client.',
    ignoredColumns: (p) => `Colonnes ignorées : ${p.columns}`,
    dateOrder: (p) =>
      `Les dates de la colonne « ${p.column} » ont été lues ${p.order === 'mdy' ? 'mois/jour/année' : 'jour/mois/année'} : ${
        p.reason === 'column'
          ? 'une date de la colonne l’indique'
          : p.reason === 'mixed'
            ? 'la colonne contient des dates écrites dans les deux ordres ; celles qui ne correspondent pas ont été refusées'
            : p.reason === 'country'
              ? `aucune date de la colonne ne l’indique, et le pays de l’enseigne est ${p.country}`
              : 'aucune date de la colonne ne l’indique, et l’enseigne n’a pas de pays (jour en premier par défaut)'
      }.`,
    nameSplit: (p) =>
      `La colonne « ${p.column} » contient des noms complets : le dernier mot (avec de, van, von…) a été importé comme nom, le reste comme prénom.`,
    formula: () => 'commence comme une formule de tableur ; pour l’importer comme texte, faites-le précéder d’une apostrophe',
    notType: () => 'n’est pas un type de client de cette enseigne',
    number: () => 'doit être un nombre, p. ex. 10 ou 12,5',
    visitCount: () => 'doit être un nombre entier de passages, p. ex. 12',
    visitDate: () => 'doit être une date, p. ex. 2026-03-31 ou 31/03/2026',
    yesNo: () => 'doit être oui ou non',
    ragged: (p) => `la ligne a plus de cellules que l’en-tête n’a de colonnes (${p.cells} cellules, ${p.columns} colonnes)`,
    language: () => 'doit être français, allemand ou anglais (fr, de, en)',
    twoDigitYear: () => 'a une année à deux chiffres : écrivez l’année avec quatre chiffres (1975, pas 75)',
    unknownLanguage: () => 'n’est ni le français, ni l’allemand, ni l’anglais : la langue a été laissée vide',
    unknownConsent: () => 'n’est ni oui ni non : l’autorisation de contact n’a pas été modifiée',
    multiValueDropped: () => 'contient plusieurs valeurs : seule la première a été importée',
    shortRow: (p) =>
      `la ligne a moins de cellules que l’en-tête n’a de colonnes (${p.cells} cellules, ${p.columns} colonnes) : les cellules manquantes n’ont rien modifié. Une ligne coupée par un retour à la ligne hors guillemets ?`,
    shortRowNoName: (p) =>
      `la ligne a moins de cellules que l’en-tête n’a de colonnes (${p.cells} cellules, ${p.columns} colonnes) et aucun nom : une ligne coupée par un retour à la ligne hors guillemets ?`,
    mergedInto: (p) =>
      `ce client a été fusionné avec le client ${p.keptId} : utilisez cet identifiant (ou laissez la cellule vide) pour modifier le profil conservé`,
    saveFailed: (p) => `n’a pas pu être enregistrée : ${p.detail}`,
    customerErasedMeanwhile: () => 'ce client a été effacé pendant l’importation : la ligne n’a pas été importée',
    customerChangedMeanwhile: () => 'quelqu’un d’autre a modifié ce client à plusieurs reprises pendant l’importation : importez de nouveau cette ligne',
    extraCell: (p) => `Cellule en trop ${p.n}`,
    errorColumn: () => 'Erreur',
    warningColumn: () => 'Avertissement',
  },
  de: {
    empty: () => 'Die Datei ist leer. Nichts wurde importiert.',
    binary: () => 'Das ist keine CSV-Textdatei (eine Excel-.xlsx-Datei? Speichern Sie sie zuerst als CSV). Nichts wurde importiert.',
    notCsv: (p) => `Dateien vom Typ ${p.contentType} können nicht importiert werden: laden Sie eine CSV-Datei hoch. Nichts wurde importiert.`,
    tooLarge: (p) => `Die Datei ist größer als ${mib(p.max ?? MAX_IMPORT_BYTES)}: teilen Sie sie in mehrere Dateien. Nichts wurde importiert.`,
    tooManyRows: (p) => `Die Datei hat mehr als ${rows('de', p.max)} Kundenzeilen: teilen Sie sie in mehrere Dateien. Nichts wurde importiert.`,
    recordTooLarge: (p) => `Zeile ${p.line} enthält mehr als ${kb(p.max)} KB in einer Zeile (ein verirrtes Anführungszeichen?). Nichts wurde importiert.`,
    quoteNotClosed: (p) => `Ein vor Zeile ${p.line} geöffnetes Anführungszeichen wird nie geschlossen. Nichts wurde importiert.`,
    malformed: (p) => `Die Datei ist um Zeile ${p.line} kein gültiges CSV (${p.detail}). Nichts wurde importiert.`,
    missingColumn: (p) =>
      `Keine Spalte enthält den ${isFirst(p) ? 'Vornamen' : 'Nachnamen'} (z. B. „${isFirst(p) ? 'Vorname' : 'Nachname'}“). Nichts wurde importiert.` +
      encodingHint(
        p,
        `Die Kopfzeile war so nicht lesbar: die Datei wurde als ${p.encoding} gelesen, was wahrscheinlich die Ursache ist. Speichern Sie sie als „CSV UTF-8“ und laden Sie sie erneut hoch.`,
      ),
    badMapping: (p) => `Die Spaltenzuordnung nennt ein unbekanntes Feld „${p.target}“. Nichts wurde importiert.`,
    badMetadata: (p) => `Die Importoptionen des Uploads sind ungültig (${p.detail}). Nichts wurde importiert.`,
    uploaderNotAllowed: () =>
      'Die Person, die diese Datei hochgeladen hat, ist nicht mehr Inhaber oder Manager dieser Kette: der Import wurde nicht gestartet. Nichts wurde importiert.',
    gaveUp: (p) => `Der Import wurde ${p.attempts}-mal abgebrochen; er wurde nicht erneut gestartet.`,
    noRows: () => 'Die Datei hat eine Kopfzeile, aber keine Kundenzeilen.',
    ignoredColumns: (p) => `Ignorierte Spalten: ${p.columns}`,
    dateOrder: (p) =>
      `Die Daten der Spalte „${p.column}“ wurden als ${p.order === 'mdy' ? 'Monat/Tag/Jahr' : 'Tag/Monat/Jahr'} gelesen: ${
        p.reason === 'column'
          ? 'ein Datum der Spalte zeigt es'
          : p.reason === 'mixed'
            ? 'die Spalte enthält Daten in beiden Reihenfolgen; die nicht passenden wurden abgelehnt'
            : p.reason === 'country'
              ? `kein Datum der Spalte zeigt es, und das Land der Kette ist ${p.country}`
              : 'kein Datum der Spalte zeigt es, und die Kette hat kein Land (standardmäßig Tag zuerst)'
      }.`,
    nameSplit: (p) =>
      `Die Spalte „${p.column}“ enthält vollständige Namen: das letzte Wort (mit de, van, von…) wurde als Nachname importiert, der Rest als Vorname.`,
    formula: () => 'beginnt wie eine Tabellenformel; um ihn als Text zu importieren, stellen Sie ein Apostroph voran',
    notType: () => 'ist kein Kundentyp dieser Kette',
    number: () => 'muss eine Zahl sein, z. B. 10 oder 12,5',
    visitCount: () => 'muss eine ganze Zahl von Besuchen sein, z. B. 12',
    visitDate: () => 'muss ein Datum sein, z. B. 2026-03-31 oder 31.03.2026',
    yesNo: () => 'muss ja oder nein sein',
    ragged: (p) => `die Zeile hat mehr Zellen als die Kopfzeile Spalten (${p.cells} Zellen, ${p.columns} Spalten)`,
    language: () => 'muss Französisch, Deutsch oder Englisch sein (fr, de, en)',
    twoDigitYear: () => 'hat eine zweistellige Jahreszahl: schreiben Sie das Jahr vierstellig (1975, nicht 75)',
    unknownLanguage: () => 'ist weder Französisch noch Deutsch noch Englisch: die Sprache blieb leer',
    unknownConsent: () => 'ist weder ja noch nein: die Kontakterlaubnis blieb unverändert',
    multiValueDropped: () => 'enthält mehrere Werte: nur der erste wurde importiert',
    shortRow: (p) =>
      `die Zeile hat weniger Zellen als die Kopfzeile Spalten (${p.cells} Zellen, ${p.columns} Spalten): die fehlenden Zellen haben nichts geändert. Wurde eine Zeile durch einen Zeilenumbruch außerhalb von Anführungszeichen geteilt?`,
    shortRowNoName: (p) =>
      `die Zeile hat weniger Zellen als die Kopfzeile Spalten (${p.cells} Zellen, ${p.columns} Spalten) und keinen Namen: wurde eine Zeile durch einen Zeilenumbruch außerhalb von Anführungszeichen geteilt?`,
    mergedInto: (p) =>
      `dieser Kunde wurde mit dem Kunden ${p.keptId} zusammengeführt: verwenden Sie diese ID (oder lassen Sie die Zelle leer), um das behaltene Profil zu ändern`,
    saveFailed: (p) => `konnte nicht gespeichert werden: ${p.detail}`,
    customerErasedMeanwhile: () => 'dieser Kunde wurde während des Imports gelöscht: die Zeile wurde nicht importiert',
    customerChangedMeanwhile: () => 'dieser Kunde wurde während des Imports mehrmals von jemand anderem geändert: importieren Sie die Zeile erneut',
    extraCell: (p) => `Zusätzliche Zelle ${p.n}`,
    errorColumn: () => 'Fehler',
    warningColumn: () => 'Warnung',
  },
};
