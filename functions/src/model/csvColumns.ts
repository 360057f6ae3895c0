// Which CSV column holds which customer field. Headers are recognized without case, accents,
// spaces or punctuation, in French, German and English, as written by Lightspeed Restaurant's
// template, Lightspeed Retail, Square, Shopify, Odoo (labels in the three languages, and its
// import-compatible technical names) and Google Contacts exports, and by regulars' own export
// (whose headers are the field labels, so an export imports back unchanged).
// A generic phone column (`Phone`, `Téléphone`, Google's `Phone 1 - Value`) takes the first of
// mobile, home and work phone that no column names explicitly: Odoo's `Phone` and `Mobile` fill
// two fields. A full-name column (Odoo's `Name`, `fullName`) is split into first and last name
// when the file has no columns of their own; French Odoo's `Nom` is a full name when no column
// holds the first name.
// (Over 300 lines: most of it is the alias table, one header per line as Prettier writes it.)
import { FIELD_LABELS } from './fieldLabels';
import { LANGS } from './lang';
import { fold } from './text';

/** Known columns that are never imported (system fields, statistics of other systems). */
export const IGNORED_TARGET = '-';
/** Generic phone columns, resolved by detectMapping to a phone kind no column names. */
const ANY_PHONE = 'phones.*';
const PHONE_ORDER = ['phones.mobile', 'phones.home', 'phones.work'];
/** Google Contacts numbers its repeated fields: `Phone 1 - Value`, `Phone 2 - Value`… */
const numbered = (make: (n: number) => string) => [1, 2, 3, 4, 5].map(make);

export function headerKey(header: string): string {
  return fold(header).replace(/[^\p{L}\p{N}]+/gu, '');
}

const ALIASES: Record<string, string[]> = {
  fullName: ['Name', 'Full Name', 'Display Name', 'Contact Name', 'Nom complet', 'Nom et prénom', 'Vollständiger Name', 'Anzeigename'],
  firstName: ['Prénom', 'Vorname', 'First Name', 'Firstname', 'Given Name', 'Customer First Name'],
  lastName: ['Nom', 'Nom de famille', 'Nachname', 'Familienname', 'Last Name', 'Lastname', 'Surname', 'Family Name', 'Customer Last Name'],
  title: ['Titre', 'Civilité', 'Anrede', 'Titel', 'Title', 'Salutation', 'Name Prefix', 'Préfixe', 'Namenspräfix'],
  company: [
    'Entreprise',
    'Société',
    'Unternehmen',
    'Firma',
    'Firmenname',
    'Company',
    'Company Name',
    'Default Address Company',
    'Organization Name',
    'Organization 1 - Name',
    'Related Company',
    'Entreprise liée',
    'Société liée',
    'Zugehöriges Unternehmen',
    'parent_id',
  ],
  companyRegistrationNumber: [
    'Numéro d’enregistrement de l’entreprise',
    'SIRET',
    'SIREN',
    'Handelsregisternummer',
    'Company Registration Number',
    'Registration Number',
  ],
  vatNumber: ['Numéro de TVA', 'N° TVA', 'TVA', 'USt-IdNr', 'Umsatzsteuer-ID', 'VAT Number', 'VAT', 'VAT ID', 'vat'],
  taxId: ['Identifiant fiscal', 'Steuer-ID', 'Steuernummer', 'Tax ID', 'Tax Identifier', 'Tax Number', 'Tax Identification Number'],
  birthDate: ['Date de naissance', 'Anniversaire', 'Geburtsdatum', 'Geburtstag', 'Birth Date', 'Date of Birth', 'DOB', 'Birthday'],
  language: ['Langue', 'Sprache', 'Language', 'Preferred Language', 'lang'],
  email: [
    'Courriel',
    'Adresse e-mail',
    'E-mail',
    'Email',
    'E-Mail-Adresse',
    'Email Address',
    'Courriel 1',
    'Email 1',
    'E-Mail 1',
    'Primary Email',
    'E-mail 1 - Value',
  ],
  email2: ['Courriel 2', 'Email 2', 'E-Mail 2', 'Second Email', 'Secondary Email', 'Zweite E-Mail', 'E-mail 2 - Value'],
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
    'Mobile Number',
    'Cell Phone',
    'Cellphone',
    'Cell',
    'Téléphone portable',
    'Tél. portable',
    'Téléphone mobile',
    'Numéro de portable',
    'Numéro de mobile',
    'Cellulaire',
    'GSM',
    'Mobil',
    'Mobilnummer',
    'Mobiltelefonnummer',
    'Handynummer',
    'Natel',
  ],
  [ANY_PHONE]: [
    'Phone',
    'Phone Number',
    'Telephone',
    'Téléphone',
    'Numéro de téléphone',
    'Telefon',
    'Telefonnummer',
    'Tel',
    'Tél',
    ...numbered((n) => `Phone ${n} - Value`),
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
    'Téléphone professionnel',
    'Téléphone bureau',
    'Geschäftstelefon',
    'Telefon Arbeit',
  ],
  'phones.home': [
    'Domicile',
    'Téléphone domicile',
    'Téléphone fixe',
    'Telefon privat',
    'Festnetz',
    'Festnetznummer',
    'Home',
    'Home Phone',
    'Landline',
    'Default Address Phone',
  ],
  'phones.pager': ['Téléavertisseur', 'Pager'],
  'phones.fax': ['Télécopieur', 'Fax'],
  website: ['Site Web', 'Site internet', 'Webseite', 'Website', 'Web Site', 'URL', 'Website 1 - Value'],
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
    'Rue',
    'Address 1 - Street',
  ],
  'address.line2': [
    'Adresse 2',
    'Complément d’adresse',
    'Adresszusatz',
    'Address 2',
    'Address2',
    'Street Address 2',
    'Default Address Address2',
    'Street2',
    'Street 2',
    'Rue 2',
    'Straße 2',
    'Strasse 2',
    'Address 1 - Extended Address',
  ],
  'address2.line1': [
    'Adresse secondaire',
    'Adresse de résidence secondaire',
    'Zweite Privatanschrift',
    'Secondary Address',
    'Secondary (home) Address',
    'Secondary Home Address',
    'Address 2 - Street',
  ],
  'address2.line2': ['Address 2 - Extended Address'],
  'address2.postalCode': ['Address 2 - Postal Code'],
  'address2.city': ['Address 2 - City'],
  'address2.state': ['Address 2 - Region'],
  'address2.country': ['Address 2 - Country'],
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
    'Address 1 - Postal Code',
  ],
  'address.city': ['Ville', 'Localité', 'Ort', 'Stadt', 'City', 'Town', 'Default Address City', 'Address 1 - City'],
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
    'Address 1 - Region',
    'state_id',
  ],
  'address.country': ['Pays', 'Land', 'Country', 'Country Code', 'Default Address Country Code', 'Address 1 - Country', 'country_id'],
  customerTypeId: ['Type', 'Type de client', 'Kundentyp', 'Customer Type', 'Customer Group'],
  discount: ['Réduction', 'Remise', 'Rabatt', 'Discount'],
  salesTax: ['Taxe de vente', 'Umsatzsteuer', 'Sales Tax', 'Tax Category', 'Tax Class'],
  tags: ['Balises', 'Étiquettes', 'Tags', 'Schlagwörter', 'Stichwörter', 'Groups', 'Customer Groups', 'Labels', 'Group Membership', 'category_id'],
  custom: ['Personnalisé', 'Numéro de fidélité', 'Benutzerdefiniert', 'Kundennummer', 'Custom', 'Loyalty Number', 'Reference ID', 'Customer Number'],
  notes: ['Remarques', 'Commentaires', 'Commentaire', 'Notes', 'Notizen', 'Bemerkungen', 'Note', 'Memo', 'Comments', 'comment'],
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
    // Google Contacts: the labels of numbered values, the formatted address (its parts are imported), the photo.
    ...numbered((n) => `E-mail ${n} - Label`),
    ...numbered((n) => `E-mail ${n} - Type`),
    ...numbered((n) => `Phone ${n} - Label`),
    ...numbered((n) => `Phone ${n} - Type`),
    ...numbered((n) => `Address ${n} - Label`),
    ...numbered((n) => `Address ${n} - Type`),
    ...numbered((n) => `Address ${n} - Formatted`),
    ...numbered((n) => `Website ${n} - Label`),
    ...numbered((n) => `Website ${n} - Type`),
    'Photo',
    'File As',
    // Odoo
    'Is a Company',
    'Salesperson',
    'Created on',
    'Last Updated on',
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

/**
 * Maps a header row to targets; the first column for a target wins. Generic phone columns then
 * take the phone kinds no column names (mobile, home, work, in that order); a full-name column
 * is kept only when first or last name has no column of its own (French Odoo's `Nom` alone is one).
 */
export function detectMapping(headers: string[], customFields: { key: string; label: string }[] = []): ColumnMapping {
  const used = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const found = headers.map((h) => {
    const target = targetOf(h, customFields);
    if (target === null && h.trim()) unknown.push(h);
    return target === null || target === IGNORED_TARGET ? '' : target;
  });
  if (!found.includes('firstName') && !found.includes('fullName')) {
    const nom = found.findIndex((t, i) => t === 'lastName' && headerKey(headers[i]!) === 'nom');
    if (nom >= 0) found[nom] = 'fullName';
  }
  // German `Vorname` + `Name`: next to a first-name column, `Name` is the last name.
  const full = found.indexOf('fullName');
  if (full >= 0 && found.includes('firstName') && !found.includes('lastName')) found[full] = 'lastName';
  const hasNames = found.includes('firstName') && found.includes('lastName');
  const explicit = new Set(found);
  const targets = found.map((target, i) => {
    if (target === ANY_PHONE) target = PHONE_ORDER.find((t) => !explicit.has(t) && !used.has(t)) ?? '';
    if (target === 'fullName' && hasNames) target = '';
    if (!target) {
      if (found[i]) repeated.push(headers[i]!);
      return '';
    }
    if (used.has(target)) {
      repeated.push(headers[i]!);
      return '';
    }
    used.add(target);
    return target;
  });
  return { targets, unknown, repeated };
}

/** Every target a column can be mapped to (for the web client's mapping step). */
export const MAPPABLE_TARGETS: string[] = [...Object.keys(ALIASES).filter((t) => t !== IGNORED_TARGET && t !== ANY_PHONE), 'customerId'];
