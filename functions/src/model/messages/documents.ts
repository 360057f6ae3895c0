// Words of the files and emails regulars writes for people: a customer export's consent cells
// (`export.<key>`) and the card email (`cardEmail.<key>`), in the reader's language.
import type { AreaCatalog } from './types';

const exportEn = {
  yes: () => 'yes',
  no: () => 'no',
} satisfies AreaCatalog<string>['en'];

export type ExportKey = keyof typeof exportEn;

export const exportWords: AreaCatalog<ExportKey> = {
  en: exportEn,
  fr: { yes: () => 'oui', no: () => 'non' },
  de: { yes: () => 'ja', no: () => 'nein' },
};

const cardEmailEn = {
  subject: (p) => `Your ${p.chain} customer card`,
  hello: (p) => `Hello ${p.name},`,
  body: (p) => `here is your ${p.chain} customer card. Show this QR code at the till and we will know it is you.`,
  code: () => 'Card code',
  attachment: () => 'card',
} satisfies AreaCatalog<string>['en'];

export type CardEmailKey = keyof typeof cardEmailEn;

export const cardEmail: AreaCatalog<CardEmailKey> = {
  en: cardEmailEn,
  fr: {
    subject: (p) => `Votre carte client ${p.chain}`,
    hello: (p) => `Bonjour ${p.name},`,
    body: (p) => `voici votre carte client ${p.chain}. Présentez ce code QR à la caisse pour être reconnu.`,
    code: () => 'Code de la carte',
    attachment: () => 'carte',
  },
  de: {
    subject: (p) => `Ihre Kundenkarte von ${p.chain}`,
    hello: (p) => `Hallo ${p.name},`,
    body: (p) => `hier ist Ihre Kundenkarte von ${p.chain}. Zeigen Sie diesen QR-Code an der Kasse, damit wir Sie erkennen.`,
    code: () => 'Kartencode',
    attachment: () => 'karte',
  },
};
