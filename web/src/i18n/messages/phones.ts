// Texts about phone numbers and the chain's country at creation, in English, French and German.
export const en = {
  'phone.kept': 'kept as typed (not a number regulars recognizes)',
  'phone.savedWithWarnings': 'Saved. Some phone numbers were kept as typed: check them.',
  'chain.countryHint': 'Phone numbers without a country code are read for this country. You can change it later in Settings.',
};

export const fr: typeof en = {
  'phone.kept': 'gardé tel que saisi (numéro non reconnu)',
  'phone.savedWithWarnings': 'Enregistré. Des numéros de téléphone ont été gardés tels que saisis : vérifiez-les.',
  'chain.countryHint': 'Les numéros sans indicatif sont lus pour ce pays. Modifiable ensuite dans Réglages.',
};

export const de: typeof en = {
  'phone.kept': 'so gespeichert, wie eingegeben (keine erkannte Nummer)',
  'phone.savedWithWarnings': 'Gespeichert. Einige Telefonnummern wurden so gespeichert, wie eingegeben: bitte prüfen.',
  'chain.countryHint': 'Telefonnummern ohne Ländervorwahl werden für dieses Land gelesen. Später in den Einstellungen änderbar.',
};
