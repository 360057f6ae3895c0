// One formatter for validation problems: zod issues -> { path, code, message } in a language.
// Used by the callables (invalid-argument details), the import report, and the web forms.
import type { z } from 'zod';
import type { Lang } from './lang';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `customer.phones.mobile`; empty for the whole input. */
  path: string;
  /** Machine-readable reason: a zod issue code, or our own key for custom rules (e.g. `phone`). */
  code: string;
  /** Human-readable message in the requested language. */
  message: string;
  /** What the message needs (e.g. `limit`), so a client can say it again in its own language. */
  params?: Params;
}

export type Params = Record<string, string | number>;
type Catalog = Record<string, (p: Params) => string>;

const catalogs: Record<Lang, Catalog> = {
  en: {
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
    unknownKeys: (p) => `unknown field(s): ${p.keys}`,
    phone: () => 'must be a phone number of 6 to 14 digits (e.g. 123-123-1234, (123)123-1234, +33 6 12 34 56 78)',
    integer: () => 'must be a whole number',
    number: () => 'must be a number',
    emailOrUid: () => 'give either an email or a member id',
    noAccount: () => 'no regulars account uses this email yet: ask them to sign up first',
    notMember: () => 'is not a member of this chain',
    lastOwner: () => 'a chain must keep at least one owner: make someone else owner first',
    birthDate: () => 'must be a date between 1900-01-01 and today',
    twoDecimals: () => 'must have at most two decimals',
    dateOrder: () => 'must not be before the start date',
    unknownCustomField: () => 'is not a custom field of this chain',
    unknownType: () => 'is not a customer type of this chain',
    typeNameTaken: () => 'another customer type already has this name',
    typeInUse: (p) => `${p.count} customer(s) have this type: choose a type to give them instead, or none`,
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
    mergeUndone: () => 'this merge was already undone',
    mergeTooOld: () => 'a merge can be undone within 30 days only',
    changedSinceMerge: () => 'changed since the merge',
    invalid: () => 'is invalid',
  },
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
    unknownKeys: (p) => `champ(s) inconnu(s) : ${p.keys}`,
    phone: () =>
      'doit être un numéro de téléphone de 6 à 14 chiffres (p. ex. 123-123-1234, (123)123-1234, +33 6 12 34 56 78)',
    integer: () => 'doit être un nombre entier',
    number: () => 'doit être un nombre',
    emailOrUid: () => 'indiquez soit une adresse e-mail, soit un identifiant de membre',
    noAccount: () => 'aucun compte regulars n’utilise encore cette adresse : demandez-lui de s’inscrire d’abord',
    notMember: () => 'n’est pas membre de cette chaîne',
    lastOwner: () => 'une chaîne garde au moins un propriétaire : nommez d’abord un autre propriétaire',
    birthDate: () => 'doit être une date entre le 1900-01-01 et aujourd’hui',
    twoDecimals: () => 'doit avoir au plus deux décimales',
    dateOrder: () => 'ne doit pas précéder la date de début',
    unknownCustomField: () => 'n’est pas un champ personnalisé de cette enseigne',
    unknownType: () => 'n’est pas un type de client de cette enseigne',
    typeNameTaken: () => 'un autre type de client porte déjà ce nom',
    typeInUse: (p) => `${p.count} client(s) ont ce type : choisissez le type à leur donner à la place, ou aucun`,
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
    mergeUndone: () => 'cette fusion a déjà été annulée',
    mergeTooOld: () => 'une fusion ne peut être annulée que dans les 30 jours',
    changedSinceMerge: () => 'modifié depuis la fusion',
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
    unknownKeys: (p) => `unbekannte(s) Feld(er): ${p.keys}`,
    phone: () =>
      'muss eine Telefonnummer mit 6 bis 14 Ziffern sein (z. B. 123-123-1234, (123)123-1234, +49 30 1234567)',
    integer: () => 'muss eine ganze Zahl sein',
    number: () => 'muss eine Zahl sein',
    emailOrUid: () => 'geben Sie entweder eine E-Mail-Adresse oder eine Mitglieds-ID an',
    noAccount: () => 'noch kein regulars-Konto nutzt diese E-Mail-Adresse: bitten Sie die Person, sich zuerst zu registrieren',
    notMember: () => 'ist kein Mitglied dieser Kette',
    lastOwner: () => 'eine Kette behält mindestens einen Inhaber: ernennen Sie zuerst einen anderen Inhaber',
    birthDate: () => 'muss ein Datum zwischen 1900-01-01 und heute sein',
    twoDecimals: () => 'darf höchstens zwei Nachkommastellen haben',
    dateOrder: () => 'darf nicht vor dem Anfangsdatum liegen',
    unknownCustomField: () => 'ist kein benutzerdefiniertes Feld dieser Kette',
    unknownType: () => 'ist kein Kundentyp dieser Kette',
    typeNameTaken: () => 'ein anderer Kundentyp hat bereits diesen Namen',
    typeInUse: (p) => `${p.count} Kunde(n) haben diesen Typ: wählen Sie einen Typ für sie, oder keinen`,
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
    mergeUndone: () => 'diese Zusammenführung wurde bereits rückgängig gemacht',
    mergeTooOld: () => 'eine Zusammenführung kann nur innerhalb von 30 Tagen rückgängig gemacht werden',
    changedSinceMerge: () => 'seit der Zusammenführung geändert',
    invalid: () => 'ist ungültig',
  },
};

/** Translates one message key of the catalog (also used for custom refinements via `params.i18n`). */
export function problemMessage(lang: Lang, key: string, params: Params = {}): string {
  const entry = catalogs[lang][key] ?? catalogs.en[key] ?? catalogs[lang].invalid!;
  return entry(params);
}

function keyOf(issue: z.core.$ZodIssue): { key: string; params: Params } {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? { key: 'required', params: {} } : { key: 'tooShort', params: { min: Number(issue.minimum) } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'tooSmall', params: { min: Number(issue.minimum) } };
      return { key: 'tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') {
        // The seeds phrase limits as "under N characters": max(127) is "under 128".
        return { key: 'tooLong', params: { limit: Number(issue.maximum) + (issue.inclusive === false ? 0 : 1) } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'tooMany', params: { max: Number(issue.maximum) } };
      return { key: 'tooBig', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'email', params: {} };
      if (issue.format === 'date') return { key: 'date', params: {} };
      if (issue.format === 'url') return { key: 'url', params: {} };
      return { key: 'format', params: {} };
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { key: 'required', params: {} };
      if (issue.expected === 'int') return { key: 'integer', params: {} };
      if (issue.expected === 'number') return { key: 'number', params: {} };
      return { key: 'type', params: { expected: String(issue.expected) } };
    case 'invalid_value':
      return { key: 'oneOf', params: { values: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { key: 'unknownKeys', params: { keys: issue.keys.join(', ') } };
    case 'custom': {
      const { i18n, ...params } = (issue.params ?? {}) as { i18n?: string } & Params;
      return { key: i18n ?? 'invalid', params };
    }
    default:
      return { key: 'invalid', params: {} };
  }
}

function perKey(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'unrecognized_keys') return [issue];
  return issue.keys.map((key) => ({ ...issue, keys: [key], path: [...issue.path, key] }));
}

export function pathString(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Readable problems for every issue of a zod error, with their field paths. An unknown key is
 * reported at its own path (`extra`, `customer.extra`), one problem per key, not at its object's.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], lang: Lang = 'en'): FieldProblem[] {
  return issues.flatMap(perKey).map((issue) => {
    const { key, params } = keyOf(issue);
    const problem: FieldProblem = { path: pathString(issue.path), code: key, message: problemMessage(lang, key, params) };
    if (Object.keys(params).length) problem.params = params;
    return problem;
  });
}

/** One line, e.g. `email: is not a valid email address; lastName: is required`. */
export function summarizeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Parses `data` with `schema`; on failure, every problem with its path and a message in `lang`. */
export function validate<S extends z.ZodType>(schema: S, data: unknown, lang: Lang = 'en'): Validation<z.output<S>> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: describeIssues(result.error.issues, lang) };
}
