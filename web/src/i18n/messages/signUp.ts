// Back office texts of self sign-up: the settings section and the sign-up posters.
export const en = {
  'signUp.section': 'Self sign-up',
  'signUp.enabled': 'Customers may sign up by themselves (public page, poster QR code)',
  'signUp.enabledHint': 'Off: the sign-up page and the links already sent are refused.',
  'signUp.wording': 'Wording of the consent boxes',
  'signUp.wordingHint': 'Left empty, regulars’ default text is shown.',
  'signUp.channel.email': 'News by email',
  'signUp.channel.postalMail': 'News by post',
  'signUp.channel.phone': 'Phone and text messages',
  'signUp.logoUrl': 'Logo address (https://…)',
  'signUp.accentColor': 'Accent colour',
  'signUp.posters': 'Print the sign-up posters',
  'signUp.posterTitle': 'Sign-up posters',
  'signUp.posterCall': 'Join {chain}: scan to get your customer card',
  'signUp.posterOff': 'Self sign-up is switched off: the poster’s page refuses sign-ups until an owner switches it on in the settings.',
  'signUp.print': 'Print',
};

type Key = keyof typeof en;

export const fr: Record<Key, string> = {
  'signUp.section': 'Inscription en ligne',
  'signUp.enabled': 'Les clients peuvent s’inscrire eux-mêmes (page publique, QR code de l’affiche)',
  'signUp.enabledHint': 'Désactivée : la page d’inscription et les liens déjà envoyés sont refusés.',
  'signUp.wording': 'Libellé des cases de consentement',
  'signUp.wordingHint': 'Laissé vide, le texte par défaut de regulars s’affiche.',
  'signUp.channel.email': 'Nouvelles par e-mail',
  'signUp.channel.postalMail': 'Nouvelles par courrier',
  'signUp.channel.phone': 'Téléphone et SMS',
  'signUp.logoUrl': 'Adresse du logo (https://…)',
  'signUp.accentColor': 'Couleur d’accent',
  'signUp.posters': 'Imprimer les affiches d’inscription',
  'signUp.posterTitle': 'Affiches d’inscription',
  'signUp.posterCall': 'Rejoignez {chain} : scannez pour recevoir votre carte client',
  'signUp.posterOff':
    'L’inscription en ligne est désactivée : la page de l’affiche refuse les inscriptions tant qu’un propriétaire ne l’active pas dans les paramètres.',
  'signUp.print': 'Imprimer',
};

export const de: Record<Key, string> = {
  'signUp.section': 'Online-Anmeldung',
  'signUp.enabled': 'Kunden können sich selbst anmelden (öffentliche Seite, QR-Code des Plakats)',
  'signUp.enabledHint': 'Aus: Die Anmeldeseite und bereits gesendete Links werden abgelehnt.',
  'signUp.wording': 'Text der Einwilligungsfelder',
  'signUp.wordingHint': 'Leer gelassen erscheint der Standardtext von regulars.',
  'signUp.channel.email': 'Neuigkeiten per E-Mail',
  'signUp.channel.postalMail': 'Neuigkeiten per Post',
  'signUp.channel.phone': 'Telefon und SMS',
  'signUp.logoUrl': 'Adresse des Logos (https://…)',
  'signUp.accentColor': 'Akzentfarbe',
  'signUp.posters': 'Anmeldeplakate drucken',
  'signUp.posterTitle': 'Anmeldeplakate',
  'signUp.posterCall': 'Willkommen bei {chain}: scannen Sie für Ihre Kundenkarte',
  'signUp.posterOff':
    'Die Online-Anmeldung ist ausgeschaltet: Die Seite des Plakats lehnt Anmeldungen ab, bis ein Inhaber sie in den Einstellungen einschaltet.',
  'signUp.print': 'Drucken',
};
