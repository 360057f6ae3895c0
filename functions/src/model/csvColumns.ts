// Which CSV column holds which customer field. Headers are recognized without case, accents,
// spaces or punctuation, in French, German and English, as written by Lightspeed Restaurant's
// template, Lightspeed Retail, Square and Shopify exports, and by regulars' own export (whose
// headers are the field labels, so an export imports back unchanged).
import { FIELD_LABELS } from './fieldLabels';
import { LANGS } from './lang';
import { fold } from './text';

/** Known columns that are never imported (system fields, statistics of other systems). */
export const IGNORED_TARGET = '-';

export function headerKey(header: string): string {
  return fold(header).replace(/[^\p{L}\p{N}]+/gu, '');
}

const ALIASES: Record<string, string[]> = {
  firstName: ['Prénom', 'Vorname', 'First Name', 'Firstname', 'Given Name', 'Customer First Name'],
  lastName: ['Nom', 'Nom de famille', 'Nachname', 'Familienname', 'Last Name', 'Lastname', 'Surname', 'Family Name', 'Customer Last Name'],
  title: ['Titre', 'Civilité', 'Anrede', 'Titel', 'Title', 'Salutation'],
  company: ['Entreprise', 'Société', 'Unternehmen', 'Firma', 'Firmenname', 'Company', 'Company Name', 'Default Address Company'],
  companyRegistrationNumber: [
    'Numéro d’enregistrement de l’entreprise',
    'SIRET',
    'SIREN',
    'Handelsregisternummer',
    'Company Registration Number',
    'Registration Number',
  ],
  vatNumber: ['Numéro de TVA', 'TVA', 'USt-IdNr', 'Umsatzsteuer-ID', 'VAT Number', 'VAT', 'VAT ID'],
  taxId: ['Identifiant fiscal', 'Steuer-ID', 'Steuernummer', 'Tax ID', 'Tax Identifier', 'Tax Number', 'Tax Identification Number'],
  birthDate: ['Date de naissance', 'Anniversaire', 'Geburtsdatum', 'Geburtstag', 'Birth Date', 'Date of Birth', 'DOB', 'Birthday'],
  language: ['Langue', 'Sprache', 'Language', 'Preferred Language'],
  email: ['Courriel', 'Adresse e-mail', 'E-mail', 'Email', 'E-Mail-Adresse', 'Email Address', 'Courriel 1', 'Email 1', 'E-Mail 1', 'Primary Email'],
  email2: ['Courriel 2', 'Email 2', 'E-Mail 2', 'Second Email', 'Secondary Email', 'Zweite E-Mail'],
  'phones.mobile': [
    'Numéro de téléphone principal',
    'Téléphone principal',
    'Téléphone cellulaire',
    'Portable',
    'Mobile',
    'Erste Telefonnummer',
    'Haupttelefonnummer',
    'Mobiltelefon',
    'Handy',
    'Primary Phone Number',
    'Primary Phone',
    'Mobile Phone',
    'Cell Phone',
    'Cell',
    'Phone',
    'Phone Number',
    'Telephone',
    'Téléphone',
    'Telefon',
    'Telefonnummer',
  ],
  'phones.work': [
    'Numéro de téléphone secondaire',
    'Téléphone secondaire',
    'Travail',
    'Téléphone travail',
    'Zweite Telefonnummer',
    'Telefon geschäftlich',
    'Secondary Phone Number',
    'Secondary Phone',
    'Work',
    'Work Phone',
    'Business Phone',
  ],
  'phones.home': ['Domicile', 'Téléphone domicile', 'Telefon privat', 'Home', 'Home Phone', 'Default Address Phone'],
  'phones.pager': ['Téléavertisseur', 'Pager'],
  'phones.fax': ['Télécopieur', 'Fax'],
  website: ['Site Web', 'Site internet', 'Webseite', 'Website', 'Web Site', 'URL'],
  'address.line1': [
    'Adresse principale',
    'Adresse de résidence principale',
    'Adresse',
    'Adresse 1',
    'Erste Privatanschrift',
    'Privatanschrift',
    'Anschrift',
    'Straße',
    'Strasse',
    'Primary Address',
    'Primary (home) Address',
    'Primary Home Address',
    'Home Address',
    'Address',
    'Address 1',
    'Address1',
    'Street Address 1',
    'Street',
    'Default Address Address1',
  ],
  'address.line2': ['Adresse 2', 'Complément d’adresse', 'Adresszusatz', 'Address 2', 'Address2', 'Street Address 2', 'Default Address Address2'],
  'address2.line1': [
    'Adresse secondaire',
    'Adresse de résidence secondaire',
    'Zweite Privatanschrift',
    'Secondary Address',
    'Secondary (home) Address',
    'Secondary Home Address',
  ],
  'address.postalCode': [
    'Code postal',
    'ZIP/Code postal',
    'NPA',
    'PLZ',
    'Postleitzahl',
    'Postal Code',
    'Zip',
    'Zip Code',
    'ZIP/Postal Code',
    'Postcode',
    'Default Address Zip',
  ],
  'address.city': ['Ville', 'Localité', 'Ort', 'Stadt', 'City', 'Town', 'Default Address City'],
  'address.state': [
    'Province/État/Région',
    'Dept/Canton',
    'Département',
    'Province',
    'État',
    'Bundesland',
    'Kanton',
    'State',
    'State/Province',
    'Region',
    'Province Code',
    'Default Address Province Code',
  ],
  'address.country': ['Pays', 'Land', 'Country', 'Country Code', 'Default Address Country Code'],
  customerTypeId: ['Type', 'Type de client', 'Kundentyp', 'Customer Type', 'Customer Group'],
  discount: ['Réduction', 'Remise', 'Rabatt', 'Discount'],
  salesTax: ['Taxe de vente', 'Umsatzsteuer', 'Sales Tax', 'Tax Category', 'Tax Class'],
  tags: ['Balises', 'Étiquettes', 'Tags', 'Schlagwörter', 'Groups', 'Customer Groups'],
  custom: ['Personnalisé', 'Numéro de fidélité', 'Benutzerdefiniert', 'Kundennummer', 'Custom', 'Loyalty Number', 'Reference ID', 'Customer Number'],
  notes: ['Remarques', 'Commentaires', 'Commentaire', 'Notes', 'Notizen', 'Bemerkungen', 'Note', 'Memo', 'Comments'],
  // Lightspeed Restaurant's one contact permission is for emails.
  'consent.email': [
    'Courriel (mode de communication)',
    'Autorisations de contact',
    'Autorisation de contact',
    'Kontakterlaubnis',
    'Contact Permissions',
    'Contact Permission',
    'Accepts Email Marketing',
    'Email Subscription Status',
    'Accepts Marketing',
    'Newsletter',
  ],
  'consent.postalMail': ['Courrier postal (mode de communication)', 'Postal Mail Consent'],
  'consent.phone': ['Appel téléphonique (mode de communication)', 'Accepts SMS Marketing', 'Phone Consent'],
  // Visits: regulars' own columns (labels), Square's first and last visit and transaction count,
  // Shopify's order count. An import raises a count and widens first/last, never lowers them.
  'visits.count': ['Transaction Count', 'Total Orders', 'Orders Count', 'Number of Orders', 'Visit Count', 'Nombre de passages', 'Anzahl Besuche'],
  'visits.first': ['First Visit', 'First Visit Date', 'Premier passage', 'Erster Besuch'],
  'visits.last': ['Last Visit', 'Last Visit Date', 'Dernier passage', 'Letzter Besuch'],
  [IGNORED_TARGET]: [
    'Créé',
    'Erstellt',
    'Created',
    'Created At',
    'Cartes',
    'Karten',
    'Cards',
    'Customer ID',
    'Square Customer ID',
    'Creation Source',
    'Total Spend',
    'Total Spent',
    'Tax Exempt',
    'Nickname',
    'Default Address Province',
    'Default Address Country',
  ],
};

function buildIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const add = (alias: string, target: string) => {
    const key = headerKey(alias);
    if (key && !index.has(key)) index.set(key, target);
  };
  // Our own export headers first (exact labels of every field in every language).
  for (const [path, labels] of Object.entries(FIELD_LABELS)) {
    const target = path === 'createdAt' || path === 'cardCodes' ? IGNORED_TARGET : path;
    for (const lang of LANGS) add(labels[lang], target);
  }
  for (const [target, aliases] of Object.entries(ALIASES)) for (const alias of aliases) add(alias, target);
  return index;
}

const INDEX = buildIndex();

/** The target of a header (a field path, `consent.*`, `customFields.<key>`, or `-`), or null if unknown. */
export function targetOf(header: string, customFields: { key: string; label: string }[] = []): string | null {
  const key = headerKey(header);
  if (!key) return null;
  for (const def of customFields) {
    if (headerKey(def.label) === key || headerKey(def.key) === key) return `customFields.${def.key}`;
  }
  return INDEX.get(key) ?? null;
}

export interface ColumnMapping {
  /** Per column (by index): the target, or '' when ignored. */
  targets: string[];
  /** Headers not recognized (reported as ignored). */
  unknown: string[];
  /** Targets claimed by more than one column (the first column wins). */
  repeated: string[];
}

/** Maps a header row to targets; the first column for a target wins. */
export function detectMapping(headers: string[], customFields: { key: string; label: string }[] = []): ColumnMapping {
  const used = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const targets = headers.map((h) => {
    const target = targetOf(h, customFields);
    if (target === null) {
      if (h.trim()) unknown.push(h);
      return '';
    }
    if (target === IGNORED_TARGET) return '';
    if (used.has(target)) {
      repeated.push(h);
      return '';
    }
    used.add(target);
    return target;
  });
  return { targets, unknown, repeated };
}

/** Every target a column can be mapped to (for the web client's mapping step). */
export const MAPPABLE_TARGETS: string[] = [...Object.keys(ALIASES).filter((t) => t !== IGNORED_TARGET), 'customerId'];
