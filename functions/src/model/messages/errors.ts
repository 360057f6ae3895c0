// Why a callable failed (`error.<key>`), one sentence each: what every AppError says, in the
// caller's language, and what the web client says again in its UI language from key and params.
import { plural } from './plural';
import type { AreaCatalog, Params } from './types';

/** `matched` is `email`, `phone` or `email,phone`: what a new customer shares with an existing one. */
const matched = (p: Params, words: Record<string, string>, and: string) =>
  String(p.matched ?? '')
    .split(',')
    .filter(Boolean)
    .map((m) => words[m] ?? m)
    .join(and);

const en = {
  signIn: () => 'Sign in first.',
  notMember: () => 'You are not a member of this chain.',
  roleNeeded: (p) => `This action needs one of the roles: ${p.roles}.`,
  invalidInput: (p) => plural('en', p.count, { one: '# value to fix.', other: '# values to fix.' }),
  noSuchCustomer: () => 'No such customer (it may have been erased).',
  duplicateCustomer: (p) =>
    `A customer with the same ${matched(p, { email: 'email', phone: 'phone' }, ' and ')} exists: ${p.firstName} ${p.lastName} (${p.customerId}). Confirm to create anyway.`,
  customerChanged: () => 'This customer was changed by someone else since you opened it. Reload it and apply your changes again.',
  profilesChanged: () => 'A profile changed since you compared them. Reload them and merge again.',
  cannotUndoMerge: (p) => `Cannot undo: changed since the merge (${p.changes}).`,
  // What changed since a merge (the list in cannotUndoMerge).
  undoKeptErased: () => 'the kept customer was erased',
  undoKeptField: (p) => `kept customer: ${p.field}`,
  undoKeptCards: () => 'kept customer: cards',
  undoKeptConsent: () => 'kept customer: contact permissions',
  undoMergedGone: () => 'the merged customer was erased or restored',
  undoMergedField: (p) => `merged customer: ${p.field}`,
  undoMergedCards: () => 'merged customer: cards',
  undoMergedConsent: () => 'merged customer: contact permissions',
  undoCard: (p) => `card ${p.card}…`,
  noSuchCustomerType: () => 'No such customer type.',
  typeInUse: (p) => plural('en', p.count, { one: '# customer has', other: '# customers have' }) + ' this type: choose a type to give them instead, or none.',
  noSuchCardBatch: () => 'No such card batch.',
  digitalBatchNotPrinted: () => 'The digital card batch (cards of customers who signed up by themselves) is never printed.',
  cardEmailLimit: (p) => `This card's email was already sent ${p.max} times in the last 24 hours. Try again later.`,
  internal: () => 'Something went wrong on our side. Please try again.',
} satisfies AreaCatalog<string>['en'];

export type ErrorKey = keyof typeof en;

export const errors: AreaCatalog<ErrorKey> = {
  en,
  fr: {
    signIn: () => 'Connectez-vous d’abord.',
    notMember: () => 'Vous n’êtes pas membre de cette enseigne.',
    roleNeeded: (p) => `Cette action demande l’un de ces rôles : ${p.roles}.`,
    invalidInput: (p) => plural('fr', p.count, { one: '# valeur à corriger.', other: '# valeurs à corriger.' }),
    noSuchCustomer: () => 'Client introuvable (il a peut-être été effacé).',
    duplicateCustomer: (p) =>
      `Un client a déjà ${matched(p, { email: 'cette adresse e-mail', phone: 'ce numéro de téléphone' }, ' et ')} : ${p.firstName} ${p.lastName} (${p.customerId}). Confirmez pour le créer quand même.`,
    customerChanged: () => 'Quelqu’un d’autre a modifié ce client depuis que vous l’avez ouvert. Rechargez-le et refaites vos modifications.',
    profilesChanged: () => 'Une fiche a changé depuis que vous les avez comparées. Rechargez-les et refaites la fusion.',
    cannotUndoMerge: (p) => `Annulation impossible : modifié depuis la fusion (${p.changes}).`,
    undoKeptErased: () => 'le client conservé a été effacé',
    undoKeptField: (p) => `client conservé : ${p.field}`,
    undoKeptCards: () => 'client conservé : cartes',
    undoKeptConsent: () => 'client conservé : modes de communication',
    undoMergedGone: () => 'le client fusionné a été effacé ou restauré',
    undoMergedField: (p) => `client fusionné : ${p.field}`,
    undoMergedCards: () => 'client fusionné : cartes',
    undoMergedConsent: () => 'client fusionné : modes de communication',
    undoCard: (p) => `carte ${p.card}…`,
    noSuchCustomerType: () => 'Type de client introuvable.',
    typeInUse: (p) =>
      plural('fr', p.count, { one: '# client a', other: '# clients ont' }) + ' ce type : choisissez le type à leur donner à la place, ou aucun.',
    noSuchCardBatch: () => 'Lot de cartes introuvable.',
    digitalBatchNotPrinted: () => 'Le lot de cartes numériques (les cartes des clients inscrits par eux-mêmes) n’est jamais imprimé.',
    cardEmailLimit: (p) => `L’e-mail de cette carte a déjà été envoyé ${p.max} fois en 24 heures. Réessayez plus tard.`,
    internal: () => 'Une erreur s’est produite de notre côté. Veuillez réessayer.',
  },
  de: {
    signIn: () => 'Melden Sie sich zuerst an.',
    notMember: () => 'Sie sind kein Mitglied dieser Kette.',
    roleNeeded: (p) => `Diese Aktion erfordert eine dieser Rollen: ${p.roles}.`,
    invalidInput: (p) => plural('de', p.count, { one: '# Wert zu korrigieren.', other: '# Werte zu korrigieren.' }),
    noSuchCustomer: () => 'Kein solcher Kunde (vielleicht gelöscht).',
    duplicateCustomer: (p) =>
      `Ein Kunde mit ${matched(p, { email: 'derselben E-Mail-Adresse', phone: 'derselben Telefonnummer' }, ' und ')} existiert bereits: ${p.firstName} ${p.lastName} (${p.customerId}). Bestätigen Sie, um ihn trotzdem anzulegen.`,
    customerChanged: () =>
      'Jemand anderes hat diesen Kunden geändert, seit Sie ihn geöffnet haben. Laden Sie ihn neu und nehmen Sie Ihre Änderungen erneut vor.',
    profilesChanged: () => 'Ein Profil hat sich seit dem Vergleich geändert. Laden Sie die Profile neu und führen Sie sie erneut zusammen.',
    cannotUndoMerge: (p) => `Rückgängig machen nicht möglich: seit der Zusammenführung geändert (${p.changes}).`,
    undoKeptErased: () => 'der behaltene Kunde wurde gelöscht',
    undoKeptField: (p) => `behaltener Kunde: ${p.field}`,
    undoKeptCards: () => 'behaltener Kunde: Karten',
    undoKeptConsent: () => 'behaltener Kunde: Kontakterlaubnisse',
    undoMergedGone: () => 'der zusammengeführte Kunde wurde gelöscht oder wiederhergestellt',
    undoMergedField: (p) => `zusammengeführter Kunde: ${p.field}`,
    undoMergedCards: () => 'zusammengeführter Kunde: Karten',
    undoMergedConsent: () => 'zusammengeführter Kunde: Kontakterlaubnisse',
    undoCard: (p) => `Karte ${p.card}…`,
    noSuchCustomerType: () => 'Kein solcher Kundentyp.',
    typeInUse: (p) => plural('de', p.count, { one: '# Kunde hat', other: '# Kunden haben' }) + ' diesen Typ: wählen Sie einen Typ für sie, oder keinen.',
    noSuchCardBatch: () => 'Kein solcher Kartenstapel.',
    digitalBatchNotPrinted: () => 'Der digitale Kartenstapel (Karten von Kunden, die sich selbst angemeldet haben) wird nie gedruckt.',
    cardEmailLimit: (p) => `Die E-Mail dieser Karte wurde in den letzten 24 Stunden schon ${p.max}-mal gesendet. Versuchen Sie es später erneut.`,
    internal: () => 'Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es erneut.',
  },
};
