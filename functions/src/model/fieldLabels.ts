// The names of customer fields in French, German and English: form labels, list and export
// headers, and error messages all use these.
import type { Lang } from './lang';

type Labels = Record<Lang, string>;
const l = (en: string, fr: string, de: string): Labels => ({ en, fr, de });

const addressLabels = (second: boolean) => ({
  line1: second ? l('Secondary address', 'Adresse secondaire', 'Zweite Adresse') : l('Address', 'Adresse', 'Adresse'),
  line2: second ? l('Secondary address 2', 'Adresse secondaire 2', 'Zweite Adresse, Zusatz') : l('Address 2', 'Adresse 2', 'Adresszusatz'),
  postalCode: second ? l('Secondary postal code', 'Code postal secondaire', 'Zweite PLZ') : l('Postal code', 'Code postal', 'PLZ'),
  city: second ? l('Secondary city', 'Ville secondaire', 'Zweiter Ort') : l('City', 'Ville', 'Ort'),
  state: second ? l('Secondary state/province', 'Province/État secondaire', 'Zweites Bundesland') : l('State/Province', 'Province/État/Région', 'Bundesland'),
  country: second ? l('Secondary country', 'Pays secondaire', 'Zweites Land') : l('Country', 'Pays', 'Land'),
});

export const FIELD_LABELS: Record<string, Labels> = {
  firstName: l('First name', 'Prénom', 'Vorname'),
  lastName: l('Last name', 'Nom', 'Nachname'),
  title: l('Title', 'Titre', 'Titel'),
  company: l('Company', 'Entreprise', 'Unternehmen'),
  companyRegistrationNumber: l('Company registration number', 'Numéro d’enregistrement de l’entreprise', 'Handelsregisternummer'),
  vatNumber: l('VAT number', 'Numéro de TVA', 'USt-IdNr.'),
  taxId: l('Tax ID', 'Identifiant fiscal', 'Steuer-ID'),
  birthDate: l('Birth date', 'Date de naissance', 'Geburtsdatum'),
  language: l('Language', 'Langue', 'Sprache'),
  email: l('Email', 'Courriel', 'E-Mail'),
  email2: l('Email 2', 'Courriel 2', 'E-Mail 2'),
  'phones.home': l('Home phone', 'Domicile', 'Telefon privat'),
  'phones.work': l('Work phone', 'Travail', 'Telefon geschäftlich'),
  'phones.mobile': l('Mobile phone', 'Téléphone cellulaire', 'Mobiltelefon'),
  'phones.pager': l('Pager', 'Téléavertisseur', 'Pager'),
  'phones.fax': l('Fax', 'Télécopieur', 'Fax'),
  website: l('Website', 'Site Web', 'Website'),
  ...Object.fromEntries(Object.entries(addressLabels(false)).map(([k, v]) => [`address.${k}`, v])),
  ...Object.fromEntries(Object.entries(addressLabels(true)).map(([k, v]) => [`address2.${k}`, v])),
  customerTypeId: l('Type', 'Type', 'Kundentyp'),
  discount: l('Discount (%)', 'Réduction (%)', 'Rabatt (%)'),
  salesTax: l('Sales tax', 'Taxe de vente', 'Umsatzsteuer'),
  tags: l('Tags', 'Balises', 'Tags'),
  custom: l('Custom', 'Personnalisé', 'Benutzerdefiniert'),
  notes: l('Notes', 'Remarques', 'Notizen'),
  'consent.email': l('Email (contact permission)', 'Courriel (mode de communication)', 'E-Mail (Kontakterlaubnis)'),
  'consent.postalMail': l('Postal mail (contact permission)', 'Courrier postal (mode de communication)', 'Post (Kontakterlaubnis)'),
  'consent.phone': l('Phone call (contact permission)', 'Appel téléphonique (mode de communication)', 'Telefonanruf (Kontakterlaubnis)'),
  createdAt: l('Created', 'Créé', 'Erstellt'),
  cardCodes: l('Cards', 'Cartes', 'Karten'),
  'visits.count': l('Visits', 'Passages', 'Besuche'),
  'visits.first': l('First visit', 'Premier passage', 'Erster Besuch'),
  'visits.last': l('Last visit', 'Dernier passage', 'Letzter Besuch'),
  customerId: l('regulars ID', 'ID regulars', 'regulars-ID'),
  // An import target only: one column with the whole name, split into first and last name.
  fullName: l('Full name (first and last)', 'Nom complet (prénom et nom)', 'Vollständiger Name (Vor- und Nachname)'),
};

/** The label of a field path in a language; custom fields use the chain's label. */
export function fieldLabel(path: string, lang: Lang, customFieldLabels: Record<string, string> = {}): string {
  const custom = path.match(/^customFields\.(.+)$/);
  if (custom) return customFieldLabels[custom[1]!] ?? custom[1]!;
  return FIELD_LABELS[path]?.[lang] ?? path;
}
