// Validation messages of a field (`problem.<key>`): zod issues and our own rules, said about a field
// ("is required"), in French, German and English.
import { plural } from './plural';
import type { AreaCatalog } from './types';

/** A country's name (ISO 3166-1 alpha-2 code) in a language, through Intl; the code itself if unknown. */
function region(lang: string, code: unknown): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(String(code)) ?? String(code);
  } catch {
    return String(code);
  }
}

const en = {
  required: () => 'is required',
  tooLong: (p) => `must be under ${p.limit} characters`,
  tooShort: (p) => `must have at least ${p.min} characters`,
  tooBig: (p) => `must be at most ${p.max}`,
  tooSmall: (p) => `must be at least ${p.min}`,
  tooMany: (p) => `must have at most ${p.max} entries`,
  email: () => 'is not a valid email address',
  date: () => 'is not a valid date (YYYY-MM-DD)',
  url: () => 'is not a valid web address',
  format: () => 'has an invalid format',
  type: (p) => `must be ${p.expected}`,
  oneOf: (p) => `must be one of: ${p.values}`,
  unknownKeys: (p) => `${plural('en', p.count ?? 1, { one: 'unknown field', other: 'unknown fields' })}: ${p.keys}`,
  phoneKept: (p) =>
    p.country
      ? `is not a phone number regulars recognizes (default country: ${region('en', p.country)}, unless it starts with + or 00): kept as typed`
      : 'is not a phone number with its country code (+33…, 0033…), and the chain has no country set to read it with: kept as typed',
  integer: () => 'must be a whole number',
  number: () => 'must be a number',
  emailOrUid: () => 'give either an email or a member id',
  noAccount: () => 'no regulars account uses this email yet: ask them to sign up first',
  emailNotVerified: () => 'this person has not verified their email yet: ask them to verify it (from the link regulars sends them) first',
  notMember: () => 'is not a member of this chain',
  lastOwner: () => 'a chain must keep at least one owner: make someone else owner first',
  birthDate: () => 'must be a date between 1900-01-01 and today',
  twoDecimals: () => 'must have at most two decimals',
  dateOrder: () => 'must not be before the start date',
  unknownCustomField: () => 'is not a custom field of this chain',
  unknownType: () => 'is not a customer type of this chain',
  typeNameTaken: () => 'another customer type already has this name',
  typeInUse: (p) => `${plural('en', p.count, { one: '# customer has', other: '# customers have' })} this type: choose a type to give them instead, or none`,
  sameType: () => 'must be another type',
  duplicateKey: () => 'is used twice',
  cardCodeLength: () => 'is not a card code: it has 21 characters (letters and digits)',
  cardCodeCharacters: () => 'is not a card code: it has a character cards never use',
  cardCodeCheck: () => 'is not a valid card code: a character is wrong (check what you typed)',
  customerOrEmail: () => 'give either a customer or an email',
  noCustomerWithEmail: () => 'no customer of this chain has this email',
  severalCustomersWithEmail: (p) => `${p.count} customers have this email: bind the card from the customer's page`,
  unknownCard: () => 'no card of this chain has this code',
  cardRevoked: () => 'this card was revoked (lost or stolen): it can never be bound again',
  cardTaken: () => 'this card already belongs to another customer',
  cardNotBound: () => 'this card is not bound to a customer',
  sameCustomer: () => 'must be another customer than the one kept',
  noSuchCustomer: () => 'no such customer (it may have been erased)',
  customerMerged: () => 'this customer was merged into another one',
  noSuchMerge: () => 'no such merge',
  noSuchLocation: () => 'no such location in this chain',
  noFreeCard: () => 'no free card left in this batch',
  customerHasCard: () => 'already has a card',
  cardsBusy: () => 'the cards were busy (another assignment at the same time): try again',
  duplicateIds: () => 'names the same item twice',
  sortWholeList: () => 'this order applies to the whole list (the creation orders also to a creation date range): clear the search and the other filters first',
  locationInUse: (p) =>
    `is still used by ${String(p.uses ?? '')
      .split(',')
      .filter(Boolean)
      .map(
        (u) =>
          (
            ({
              visits: 'visits at the till',
              consent: 'contact permissions given there',
              history: 'customer records made there (creations, cards bound)',
              signUps: 'pending self sign-ups',
              posters: 'its self sign-up page and posters (sign-up is on)',
            }) as Record<string, string>
          )[u] ?? u,
      )
      .join(', ')}: it cannot be removed (rename it instead)`,
  noSuchVisit: () => 'no such visit of this customer (it may have been undone)',
  undoTooLate: (p) => `a check-in can be undone within ${p.minutes} minutes only`,
  mergeUndone: () => 'this merge was already undone',
  mergeTooOld: () => 'a merge can be undone within 30 days only',
  changedSinceMerge: () => 'changed since the merge',
  mergeTooManyTags: (p) => `the merged profile would have more than ${p.max} tags: remove some from either profile first (these would not fit: ${p.tags})`,
  mergeNotesTooLong: (p) =>
    `${plural('en', p.count, { one: 'the email or phone number with no slot left goes', other: 'the # emails and phone numbers with no slot left go' })} to the notes, which would then exceed ${p.limit} characters: shorten the notes of either profile first`,
  loneSurrogate: () => 'contains an invalid character (half of an emoji or symbol)',
  noSuchChain: () => 'no such chain',
  linkInvalid: () => 'is not a valid link of this chain (copy the whole link from the email)',
  httpsUrl: () => 'must be a web address starting with https://',
  color: () => 'must be a colour like #1a6b4f',
  birthday: () => 'must be a day and a month that exist, e.g. day 14 and month 7 (the year is optional)',
  birthYear: () => 'has a year that is not one of 1900 to today (4 digits, or leave the year empty)',
  invalid: () => 'is invalid',
} satisfies AreaCatalog<string>['en'];

export type ProblemKey = keyof typeof en;

export const problems: AreaCatalog<ProblemKey> = {
  en,
  fr: {
    required: () => 'est obligatoire',
    tooLong: (p) => `doit comporter moins de ${p.limit} caractères`,
    tooShort: (p) => `doit comporter au moins ${p.min} caractères`,
    tooBig: (p) => `doit être au plus ${p.max}`,
    tooSmall: (p) => `doit être au moins ${p.min}`,
    tooMany: (p) => `doit avoir au plus ${p.max} éléments`,
    email: () => 'n’est pas une adresse e-mail valide',
    date: () => 'n’est pas une date valide (AAAA-MM-JJ)',
    url: () => 'n’est pas une adresse web valide',
    format: () => 'a un format invalide',
    type: (p) => `doit être de type ${p.expected}`,
    oneOf: (p) => `doit être l’une des valeurs : ${p.values}`,
    unknownKeys: (p) => `${plural('fr', p.count ?? 1, { one: 'champ inconnu', other: 'champs inconnus' })} : ${p.keys}`,
    phoneKept: (p) =>
      `n’est pas un numéro de téléphone reconnu (pays par défaut : ${region('fr', p.country)}, sauf s’il commence par + ou 00) : gardé tel que saisi`,
    integer: () => 'doit être un nombre entier',
    number: () => 'doit être un nombre',
    emailOrUid: () => 'indiquez soit une adresse e-mail, soit un identifiant de membre',
    noAccount: () => 'aucun compte regulars n’utilise encore cette adresse : demandez-lui de s’inscrire d’abord',
    emailNotVerified: () =>
      'cette personne n’a pas encore vérifié son adresse e-mail : demandez-lui de la vérifier d’abord (par le lien que regulars lui envoie)',
    notMember: () => 'n’est pas membre de cette chaîne',
    lastOwner: () => 'une chaîne garde au moins un propriétaire : nommez d’abord un autre propriétaire',
    birthDate: () => 'doit être une date entre le 1900-01-01 et aujourd’hui',
    twoDecimals: () => 'doit avoir au plus deux décimales',
    dateOrder: () => 'ne doit pas précéder la date de début',
    unknownCustomField: () => 'n’est pas un champ personnalisé de cette enseigne',
    unknownType: () => 'n’est pas un type de client de cette enseigne',
    typeNameTaken: () => 'un autre type de client porte déjà ce nom',
    typeInUse: (p) => `${plural('fr', p.count, { one: '# client a', other: '# clients ont' })} ce type : choisissez le type à leur donner à la place, ou aucun`,
    sameType: () => 'doit être un autre type',
    duplicateKey: () => 'est utilisé deux fois',
    cardCodeLength: () => 'n’est pas un code de carte : il comporte 21 caractères (lettres et chiffres)',
    cardCodeCharacters: () => 'n’est pas un code de carte : il contient un caractère que les cartes n’utilisent jamais',
    cardCodeCheck: () => 'n’est pas un code de carte valide : un caractère est erroné (vérifiez la saisie)',
    customerOrEmail: () => 'indiquez soit un client, soit une adresse e-mail',
    noCustomerWithEmail: () => 'aucun client de cette enseigne n’a cette adresse e-mail',
    severalCustomersWithEmail: (p) => `${p.count} clients ont cette adresse : liez la carte depuis la fiche du client`,
    unknownCard: () => 'aucune carte de cette enseigne n’a ce code',
    cardRevoked: () => 'cette carte a été révoquée (perdue ou volée) : elle ne peut plus jamais être liée',
    cardTaken: () => 'cette carte appartient déjà à un autre client',
    cardNotBound: () => 'cette carte n’est liée à aucun client',
    sameCustomer: () => 'doit être un autre client que celui conservé',
    noSuchCustomer: () => 'client introuvable (il a peut-être été effacé)',
    customerMerged: () => 'ce client a été fusionné avec un autre',
    noSuchMerge: () => 'fusion introuvable',
    noSuchLocation: () => 'aucun site de cette enseigne n’a cet identifiant',
    noFreeCard: () => 'plus aucune carte libre dans ce lot',
    customerHasCard: () => 'a déjà une carte',
    cardsBusy: () => 'les cartes étaient occupées (une autre attribution au même moment) : réessayez',
    duplicateIds: () => 'contient deux fois le même élément',
    sortWholeList: () =>
      'cet ordre s’applique à toute la liste (les ordres de création aussi à une période de création) : effacez d’abord la recherche et les autres filtres',
    locationInUse: (p) =>
      `est encore utilisé par ${String(p.uses ?? '')
        .split(',')
        .filter(Boolean)
        .map(
          (u) =>
            (
              ({
                visits: 'des passages en caisse',
                consent: 'des autorisations de contact données sur place',
                history: 'des fiches clients modifiées sur place (créations, cartes associées)',
                signUps: 'des inscriptions en attente',
                posters: 'sa page d’inscription et ses affiches (l’inscription est activée)',
              }) as Record<string, string>
            )[u] ?? u,
        )
        .join(', ')} : il ne peut pas être supprimé (renommez-le plutôt)`,
    noSuchVisit: () => 'aucune visite de ce client n’a cet identifiant (elle a peut-être été annulée)',
    undoTooLate: (p) => `un passage ne peut être annulé que dans les ${p.minutes} minutes`,
    mergeUndone: () => 'cette fusion a déjà été annulée',
    mergeTooOld: () => 'une fusion ne peut être annulée que dans les 30 jours',
    changedSinceMerge: () => 'modifié depuis la fusion',
    mergeTooManyTags: (p) =>
      `la fiche fusionnée aurait plus de ${p.max} étiquettes : retirez-en d’abord de l’une des fiches (celles-ci ne tiendraient pas : ${p.tags})`,
    mergeNotesTooLong: (p) =>
      `${plural('fr', p.count, { one: 'l’adresse e-mail ou le numéro sans place libre va', other: 'les # adresses e-mail et numéros sans place libre vont' })} dans les notes, qui dépasseraient alors ${p.limit} caractères : raccourcissez d’abord les notes de l’une des fiches`,
    loneSurrogate: () => 'contient un caractère invalide (la moitié d’un emoji ou d’un symbole)',
    noSuchChain: () => 'aucune enseigne n’a cet identifiant',
    linkInvalid: () => 'n’est pas un lien valide de cette enseigne (copiez le lien entier depuis l’e-mail)',
    httpsUrl: () => 'doit être une adresse web commençant par https://',
    color: () => 'doit être une couleur comme #1a6b4f',
    birthday: () => 'doit être un jour et un mois qui existent, p. ex. jour 14 et mois 7 (l’année est facultative)',
    birthYear: () => 'a une année qui n’est pas entre 1900 et aujourd’hui (4 chiffres, ou laissez l’année vide)',
    invalid: () => 'est invalide',
  },
  de: {
    required: () => 'ist erforderlich',
    tooLong: (p) => `muss weniger als ${p.limit} Zeichen haben`,
    tooShort: (p) => `muss mindestens ${p.min} Zeichen haben`,
    tooBig: (p) => `darf höchstens ${p.max} sein`,
    tooSmall: (p) => `muss mindestens ${p.min} sein`,
    tooMany: (p) => `darf höchstens ${p.max} Einträge haben`,
    email: () => 'ist keine gültige E-Mail-Adresse',
    date: () => 'ist kein gültiges Datum (JJJJ-MM-TT)',
    url: () => 'ist keine gültige Webadresse',
    format: () => 'hat ein ungültiges Format',
    type: (p) => `muss vom Typ ${p.expected} sein`,
    oneOf: (p) => `muss einer dieser Werte sein: ${p.values}`,
    unknownKeys: (p) => `${plural('de', p.count ?? 1, { one: 'unbekanntes Feld', other: 'unbekannte Felder' })}: ${p.keys}`,
    phoneKept: (p) =>
      `ist keine erkannte Telefonnummer (Standardland: ${region('de', p.country)}, außer sie beginnt mit + oder 00): so gespeichert, wie eingegeben`,
    integer: () => 'muss eine ganze Zahl sein',
    number: () => 'muss eine Zahl sein',
    emailOrUid: () => 'geben Sie entweder eine E-Mail-Adresse oder eine Mitglieds-ID an',
    noAccount: () => 'noch kein regulars-Konto nutzt diese E-Mail-Adresse: bitten Sie die Person, sich zuerst zu registrieren',
    emailNotVerified: () =>
      'diese Person hat ihre E-Mail-Adresse noch nicht bestätigt: bitten Sie sie, sie zuerst zu bestätigen (über den Link, den regulars ihr sendet)',
    notMember: () => 'ist kein Mitglied dieser Kette',
    lastOwner: () => 'eine Kette behält mindestens einen Inhaber: ernennen Sie zuerst einen anderen Inhaber',
    birthDate: () => 'muss ein Datum zwischen 1900-01-01 und heute sein',
    twoDecimals: () => 'darf höchstens zwei Nachkommastellen haben',
    dateOrder: () => 'darf nicht vor dem Anfangsdatum liegen',
    unknownCustomField: () => 'ist kein benutzerdefiniertes Feld dieser Kette',
    unknownType: () => 'ist kein Kundentyp dieser Kette',
    typeNameTaken: () => 'ein anderer Kundentyp hat bereits diesen Namen',
    typeInUse: (p) => `${plural('de', p.count, { one: '# Kunde hat', other: '# Kunden haben' })} diesen Typ: wählen Sie einen Typ für sie, oder keinen`,
    sameType: () => 'muss ein anderer Typ sein',
    duplicateKey: () => 'wird zweimal verwendet',
    cardCodeLength: () => 'ist kein Kartencode: er hat 21 Zeichen (Buchstaben und Ziffern)',
    cardCodeCharacters: () => 'ist kein Kartencode: er enthält ein Zeichen, das Karten nie verwenden',
    cardCodeCheck: () => 'ist kein gültiger Kartencode: ein Zeichen ist falsch (prüfen Sie die Eingabe)',
    customerOrEmail: () => 'geben Sie entweder einen Kunden oder eine E-Mail-Adresse an',
    noCustomerWithEmail: () => 'kein Kunde dieser Kette hat diese E-Mail-Adresse',
    severalCustomersWithEmail: (p) => `${p.count} Kunden haben diese E-Mail-Adresse: verknüpfen Sie die Karte auf der Kundenseite`,
    unknownCard: () => 'keine Karte dieser Kette hat diesen Code',
    cardRevoked: () => 'diese Karte wurde gesperrt (verloren oder gestohlen): sie kann nie wieder verknüpft werden',
    cardTaken: () => 'diese Karte gehört bereits einem anderen Kunden',
    cardNotBound: () => 'diese Karte ist mit keinem Kunden verknüpft',
    sameCustomer: () => 'muss ein anderer Kunde als der beibehaltene sein',
    noSuchCustomer: () => 'kein solcher Kunde (vielleicht gelöscht)',
    customerMerged: () => 'dieser Kunde wurde mit einem anderen zusammengeführt',
    noSuchMerge: () => 'keine solche Zusammenführung',
    noSuchLocation: () => 'kein solcher Standort in dieser Kette',
    noFreeCard: () => 'keine freie Karte mehr in dieser Serie',
    customerHasCard: () => 'hat bereits eine Karte',
    cardsBusy: () => 'die Karten waren belegt (gleichzeitige andere Zuordnung): bitte erneut versuchen',
    duplicateIds: () => 'enthält dasselbe Element zweimal',
    sortWholeList: () =>
      'diese Reihenfolge gilt für die ganze Liste (die Reihenfolgen nach Erstellung auch für einen Erstellungszeitraum): leeren Sie zuerst die Suche und die anderen Filter',
    locationInUse: (p) =>
      `wird noch verwendet von: ${String(p.uses ?? '')
        .split(',')
        .filter(Boolean)
        .map(
          (u) =>
            (
              ({
                visits: 'Besuche an der Kasse',
                consent: 'dort erteilte Kontakterlaubnisse',
                history: 'dort bearbeitete Kundendaten (Anlagen, zugeordnete Karten)',
                signUps: 'ausstehende Selbstanmeldungen',
                posters: 'seine Anmeldeseite und Plakate (Selbstanmeldung ist aktiv)',
              }) as Record<string, string>
            )[u] ?? u,
        )
        .join(', ')}; er kann nicht entfernt werden (benennen Sie ihn stattdessen um)`,
    noSuchVisit: () => 'kein solcher Besuch dieses Kunden (vielleicht rückgängig gemacht)',
    undoTooLate: (p) => `ein Check-in kann nur innerhalb von ${p.minutes} Minuten rückgängig gemacht werden`,
    mergeUndone: () => 'diese Zusammenführung wurde bereits rückgängig gemacht',
    mergeTooOld: () => 'eine Zusammenführung kann nur innerhalb von 30 Tagen rückgängig gemacht werden',
    changedSinceMerge: () => 'seit der Zusammenführung geändert',
    mergeTooManyTags: (p) =>
      `das zusammengeführte Profil hätte mehr als ${p.max} Tags: entfernen Sie zuerst einige aus einem der Profile (diese passen nicht mehr: ${p.tags})`,
    mergeNotesTooLong: (p) =>
      `${plural('de', p.count, { one: 'die E-Mail-Adresse oder Telefonnummer ohne freien Platz kommt', other: 'die # E-Mail-Adressen und Telefonnummern ohne freien Platz kommen' })} in die Notizen, die dann ${p.limit} Zeichen überschreiten würden: kürzen Sie zuerst die Notizen eines der Profile`,
    loneSurrogate: () => 'enthält ein ungültiges Zeichen (die Hälfte eines Emojis oder Symbols)',
    noSuchChain: () => 'keine Kette hat diese Kennung',
    linkInvalid: () => 'ist kein gültiger Link dieser Kette (kopieren Sie den ganzen Link aus der E-Mail)',
    httpsUrl: () => 'muss eine Webadresse sein, die mit https:// beginnt',
    color: () => 'muss eine Farbe wie #1a6b4f sein',
    birthday: () => 'muss ein Tag und ein Monat sein, die es gibt, z. B. Tag 14 und Monat 7 (das Jahr ist freiwillig)',
    birthYear: () => 'hat ein Jahr, das nicht zwischen 1900 und heute liegt (4 Ziffern, oder das Jahr leer lassen)',
    invalid: () => 'ist ungültig',
  },
};
