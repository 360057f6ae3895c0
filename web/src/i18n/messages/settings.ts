// Texts of the chain settings page, in English, French and German.
export const en = {
  'nav.settings': 'Settings',
  'settings.title': 'Chain settings',
  'settings.ownersOnly': 'Only owners can change the chain settings.',
  'settings.save': 'Save',
  'settings.saved': 'Settings saved.',
  'settings.general': 'Country and language',
  'settings.country': 'Country',
  'settings.countryHint': 'Phone numbers without a country prefix and ambiguous dates are read for this country.',
  'settings.noCountry': 'Not set',
  'settings.language': 'Language of the chain',
  'settings.languageHint': 'Emails to customers without a language, and the exports’ defaults.',
  'settings.privacy': 'Privacy',
  'settings.staffSeeContact': 'Staff see customers’ contact details',
  'settings.staffSeeContactHint':
    'When off, staff see names, tags, cards and notes but not emails, phone numbers, addresses or birth dates. Owners and managers always see them.',
};

export const fr: typeof en = {
  'nav.settings': 'Réglages',
  'settings.title': 'Réglages de l’enseigne',
  'settings.ownersOnly': 'Seuls les propriétaires peuvent modifier les réglages de l’enseigne.',
  'settings.save': 'Enregistrer',
  'settings.saved': 'Réglages enregistrés.',
  'settings.general': 'Pays et langue',
  'settings.country': 'Pays',
  'settings.countryHint': 'Les numéros sans indicatif de pays et les dates ambiguës sont lus pour ce pays.',
  'settings.noCountry': 'Non défini',
  'settings.language': 'Langue de l’enseigne',
  'settings.languageHint': 'Les e-mails aux clients sans langue et les valeurs par défaut des exports.',
  'settings.privacy': 'Confidentialité',
  'settings.staffSeeContact': 'Les employés voient les coordonnées des clients',
  'settings.staffSeeContactHint':
    'Désactivé : les employés voient les noms, étiquettes, cartes et notes, mais pas les e-mails, téléphones, adresses ni dates de naissance. Propriétaires et gérants les voient toujours.',
};

export const de: typeof en = {
  'nav.settings': 'Einstellungen',
  'settings.title': 'Einstellungen der Kette',
  'settings.ownersOnly': 'Nur Inhaber können die Einstellungen der Kette ändern.',
  'settings.save': 'Speichern',
  'settings.saved': 'Einstellungen gespeichert.',
  'settings.general': 'Land und Sprache',
  'settings.country': 'Land',
  'settings.countryHint': 'Telefonnummern ohne Ländervorwahl und mehrdeutige Daten werden für dieses Land gelesen.',
  'settings.noCountry': 'Nicht festgelegt',
  'settings.language': 'Sprache der Kette',
  'settings.languageHint': 'E-Mails an Kunden ohne Sprache und die Voreinstellungen der Exporte.',
  'settings.privacy': 'Datenschutz',
  'settings.staffSeeContact': 'Mitarbeitende sehen die Kontaktdaten der Kunden',
  'settings.staffSeeContactHint':
    'Aus: Mitarbeitende sehen Namen, Tags, Karten und Notizen, aber keine E-Mails, Telefonnummern, Adressen oder Geburtsdaten. Inhaber und Manager sehen sie immer.',
};
