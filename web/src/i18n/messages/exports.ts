// Texts of the export dialog.
export const en = {
  'export.open': 'Export',
  'export.title': 'Export customers',
  'export.filters': 'The current search and filters apply: {count} customers.',
  'export.fields': 'Fields',
  'export.all': 'All',
  'export.none': 'None',
  'export.customFields': 'Custom fields',
  'export.format': 'File for',
  'export.format.pc': 'Excel on Windows (PC)',
  'export.format.mac': 'Excel on Mac',
  'export.format.plain': 'Other tools (plain CSV, UTF-8, commas)',
  'export.start': 'Export',
  'export.working': 'Preparing the file…',
  'export.done': '{rows} customers exported. The file is kept 24 hours.',
  'export.download': 'Download again',
  'export.noField': 'Choose at least one field.',
};

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
  'export.open': 'Exporter',
  'export.title': 'Exporter des clients',
  'export.filters': 'La recherche et les filtres actuels s’appliquent : {count} clients.',
  'export.fields': 'Champs',
  'export.all': 'Tous',
  'export.none': 'Aucun',
  'export.customFields': 'Champs personnalisés',
  'export.format': 'Fichier pour',
  'export.format.pc': 'Excel sur Windows (PC)',
  'export.format.mac': 'Excel sur Mac',
  'export.format.plain': 'Autres outils (CSV simple, UTF-8, virgules)',
  'export.start': 'Exporter',
  'export.working': 'Préparation du fichier…',
  'export.done': '{rows} clients exportés. Le fichier est conservé 24 heures.',
  'export.download': 'Télécharger à nouveau',
  'export.noField': 'Choisissez au moins un champ.',
};

export const de: Catalog = {
  'export.open': 'Exportieren',
  'export.title': 'Kunden exportieren',
  'export.filters': 'Die aktuelle Suche und die Filter gelten: {count} Kunden.',
  'export.fields': 'Felder',
  'export.all': 'Alle',
  'export.none': 'Keine',
  'export.customFields': 'Benutzerdefinierte Felder',
  'export.format': 'Datei für',
  'export.format.pc': 'Excel unter Windows (PC)',
  'export.format.mac': 'Excel auf dem Mac',
  'export.format.plain': 'Andere Programme (einfaches CSV, UTF-8, Kommas)',
  'export.start': 'Exportieren',
  'export.working': 'Datei wird vorbereitet…',
  'export.done': '{rows} Kunden exportiert. Die Datei wird 24 Stunden aufbewahrt.',
  'export.download': 'Erneut herunterladen',
  'export.noField': 'Wählen Sie mindestens ein Feld.',
};
