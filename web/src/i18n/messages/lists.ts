// Texts of list sorting, removing a location and assigning cards in bulk (issue 16).
export const en = {
  'field.locationId': 'Location',
  'field.sort': 'Sort by',
  'field.customerIds': 'Customers',
  'field.batchId': 'Card batch',
  'locations.remove': 'Remove',
  'locations.whichRemove': 'Location to remove',
  'locations.removeTitle': 'Remove a location',
  'locations.removeConfirm': 'Remove {name}? A location that visits, customer records, sign-ups or sign-up posters use cannot be removed.',
  'locations.removed': '{name} was removed.',
  'sort.label': 'Sort by',
  'sort.name': 'Name (A to Z)',
  'sort.-name': 'Name (Z to A)',
  'sort.created': 'Creation date (oldest first)',
  'sort.-created': 'Creation date (newest first)',
  'sort.wholeListOnly': 'This order applies to the whole list (or a creation date range): clear the search and the other filters to use it.',
};

export const fr: Record<keyof typeof en, string> = {
  'field.locationId': 'Établissement',
  'field.sort': 'Trier par',
  'field.customerIds': 'Clients',
  'field.batchId': 'Lot de cartes',
  'locations.remove': 'Supprimer',
  'locations.whichRemove': 'Établissement à supprimer',
  'locations.removeTitle': 'Supprimer un établissement',
  'locations.removeConfirm':
    'Supprimer {name} ? Un établissement utilisé par des passages, des fiches clients, des inscriptions ou des affiches d’inscription ne peut pas être supprimé.',
  'locations.removed': '{name} a été supprimé.',
  'sort.label': 'Trier par',
  'sort.name': 'Nom (A à Z)',
  'sort.-name': 'Nom (Z à A)',
  'sort.created': 'Date de création (plus anciens d’abord)',
  'sort.-created': 'Date de création (plus récents d’abord)',
  'sort.wholeListOnly': 'Cet ordre s’applique à toute la liste (ou à une période de création) : effacez la recherche et les autres filtres pour l’utiliser.',
};

export const de: Record<keyof typeof en, string> = {
  'field.locationId': 'Standort',
  'field.sort': 'Sortieren nach',
  'field.customerIds': 'Kunden',
  'field.batchId': 'Kartenserie',
  'locations.remove': 'Entfernen',
  'locations.whichRemove': 'Zu entfernender Standort',
  'locations.removeTitle': 'Standort entfernen',
  'locations.removeConfirm': '{name} entfernen? Ein Standort, den Besuche, Kundendaten, Anmeldungen oder Anmeldeplakate verwenden, kann nicht entfernt werden.',
  'locations.removed': '{name} wurde entfernt.',
  'sort.label': 'Sortieren nach',
  'sort.name': 'Name (A bis Z)',
  'sort.-name': 'Name (Z bis A)',
  'sort.created': 'Erstellungsdatum (älteste zuerst)',
  'sort.-created': 'Erstellungsdatum (neueste zuerst)',
  'sort.wholeListOnly':
    'Diese Reihenfolge gilt für die ganze Liste (oder einen Erstellungszeitraum): Leeren Sie die Suche und die anderen Filter, um sie zu nutzen.',
};
