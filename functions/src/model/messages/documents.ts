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
  addApple: () => 'Add to Apple Wallet',
  addGoogle: () => 'Add to Google Wallet',
  walletHint: () => 'Or keep your card on your phone:',
  walletDescription: (p) => `${p.chain} customer card`,
  walletMember: () => 'Member',
  walletVoided: () => 'This card is no longer valid.',
  walletLinkInvalid: () => 'This link is not valid or has expired. Ask for your card email again.',
  walletCardGone: () => 'This card is no longer valid.',
  walletNotConfigured: () => 'This wallet is not available.',
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
    addApple: () => 'Ajouter à Apple Wallet',
    addGoogle: () => 'Ajouter à Google Wallet',
    walletHint: () => 'Ou gardez votre carte sur votre téléphone :',
    walletDescription: (p) => `Carte client ${p.chain}`,
    walletMember: () => 'Client',
    walletVoided: () => 'Cette carte n’est plus valable.',
    walletLinkInvalid: () => 'Ce lien n’est pas valable ou a expiré. Demandez à recevoir à nouveau l’e-mail de votre carte.',
    walletCardGone: () => 'Cette carte n’est plus valable.',
    walletNotConfigured: () => 'Ce portefeuille n’est pas disponible.',
  },
  de: {
    subject: (p) => `Ihre Kundenkarte von ${p.chain}`,
    hello: (p) => `Hallo ${p.name},`,
    body: (p) => `hier ist Ihre Kundenkarte von ${p.chain}. Zeigen Sie diesen QR-Code an der Kasse, damit wir Sie erkennen.`,
    code: () => 'Kartencode',
    attachment: () => 'karte',
    addApple: () => 'Zu Apple Wallet hinzufügen',
    addGoogle: () => 'Zu Google Wallet hinzufügen',
    walletHint: () => 'Oder tragen Sie Ihre Karte auf dem Telefon:',
    walletDescription: (p) => `Kundenkarte von ${p.chain}`,
    walletMember: () => 'Kunde',
    walletVoided: () => 'Diese Karte ist nicht mehr gültig.',
    walletLinkInvalid: () => 'Dieser Link ist ungültig oder abgelaufen. Bitten Sie um eine neue E-Mail mit Ihrer Karte.',
    walletCardGone: () => 'Diese Karte ist nicht mehr gültig.',
    walletNotConfigured: () => 'Diese Wallet ist nicht verfügbar.',
  },
};
