// Self sign-up and the preferences page (`signUp.<key>`): the errors of the public endpoints and the
// words of the confirmation email and of the preferences footer every customer email carries.
import { plural } from './plural';
import type { AreaCatalog } from './types';

const en = {
  off: () => 'This chain does not take sign-ups online at the moment. Ask at the counter.',
  appCheck: () => 'This page could not prove it is the chain’s own sign-up page. Reload it and try again.',
  tooMany: (p) => `Too many sign-ups in a short time. Try again in ${plural('en', p.minutes, { one: '# minute', other: '# minutes' })}.`,
  linkExpired: () => 'This link has expired or was already used. Sign up again to get a new one.',
  linkOld: () => 'This link has expired. Use the link of a more recent email.',
  noSuchCustomer: () => 'We no longer hold any data about you.',
  subject: (p) => `Confirm your sign-up at ${p.chain}`,
  hello: (p) => `Hello ${p.name},`,
  body: (p) => `please confirm your email address to get your ${p.chain} customer card. The link works once, for 48 hours.`,
  button: () => 'Confirm my email',
  ignore: () => 'If you did not sign up, ignore this email: nothing is kept without your confirmation.',
  preferences: () => 'Your data and contact permissions',
  footer: (p) => `You receive this email from ${p.chain}.`,
} satisfies AreaCatalog<string>['en'];

export type SignUpKey = keyof typeof en;

export const signUp: AreaCatalog<SignUpKey> = {
  en,
  fr: {
    off: () => 'Cette enseigne ne prend pas d’inscriptions en ligne pour le moment. Demandez au comptoir.',
    appCheck: () => 'Cette page n’a pas pu prouver qu’elle est la page d’inscription de l’enseigne. Rechargez-la et réessayez.',
    tooMany: (p) => `Trop d’inscriptions en peu de temps. Réessayez dans ${plural('fr', p.minutes, { one: '# minute', other: '# minutes' })}.`,
    linkExpired: () => 'Ce lien a expiré ou a déjà servi. Inscrivez-vous à nouveau pour en recevoir un autre.',
    linkOld: () => 'Ce lien a expiré. Utilisez le lien d’un e-mail plus récent.',
    noSuchCustomer: () => 'Nous ne conservons plus aucune donnée vous concernant.',
    subject: (p) => `Confirmez votre inscription chez ${p.chain}`,
    hello: (p) => `Bonjour ${p.name},`,
    body: (p) => `confirmez votre adresse e-mail pour recevoir votre carte client ${p.chain}. Le lien fonctionne une fois, pendant 48 heures.`,
    button: () => 'Confirmer mon e-mail',
    ignore: () => 'Si vous ne vous êtes pas inscrit, ignorez cet e-mail : rien n’est conservé sans votre confirmation.',
    preferences: () => 'Vos données et vos autorisations de contact',
    footer: (p) => `Vous recevez cet e-mail de ${p.chain}.`,
  },
  de: {
    off: () => 'Diese Kette nimmt derzeit keine Online-Anmeldungen an. Fragen Sie an der Theke.',
    appCheck: () => 'Diese Seite konnte nicht nachweisen, dass sie die Anmeldeseite der Kette ist. Laden Sie sie neu und versuchen Sie es erneut.',
    tooMany: (p) => `Zu viele Anmeldungen in kurzer Zeit. Versuchen Sie es in ${plural('de', p.minutes, { one: 'einer Minute', other: '# Minuten' })} erneut.`,
    linkExpired: () => 'Dieser Link ist abgelaufen oder wurde schon verwendet. Melden Sie sich erneut an, um einen neuen zu erhalten.',
    linkOld: () => 'Dieser Link ist abgelaufen. Verwenden Sie den Link einer neueren E-Mail.',
    noSuchCustomer: () => 'Wir speichern keine Daten mehr über Sie.',
    subject: (p) => `Bestätigen Sie Ihre Anmeldung bei ${p.chain}`,
    hello: (p) => `Hallo ${p.name},`,
    body: (p) => `bitte bestätigen Sie Ihre E-Mail-Adresse, um Ihre Kundenkarte von ${p.chain} zu erhalten. Der Link funktioniert einmal, 48 Stunden lang.`,
    button: () => 'Meine E-Mail bestätigen',
    ignore: () => 'Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail: Ohne Ihre Bestätigung wird nichts gespeichert.',
    preferences: () => 'Ihre Daten und Kontakterlaubnisse',
    footer: (p) => `Sie erhalten diese E-Mail von ${p.chain}.`,
  },
};
