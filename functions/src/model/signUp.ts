// Self sign-up and the customer's preferences page: the public inputs (no sign-in; App Check and
// signed links instead), the chain settings they read, and the pending sign-up document.
// Pure: shared with the web client.
import { z } from 'zod';
import { SignUpBirthDate } from './birthday';
import { CONSENT_CHANNELS, ConsentInput, LIMITS, OptionalPhone, PersonName, type ConsentChannel } from './customer';
import { DocId, Email } from './ids';
import { Lang, LANGS } from './lang';

/** A pending sign-up (and its confirmation link) lives this long; then it is purged. */
export const SIGN_UP_TTL_MS = 48 * 60 * 60 * 1000;
/** A preferences link in an email works this long. */
export const PREFERENCES_TTL_MS = 400 * 24 * 60 * 60 * 1000;
/** Sign-ups allowed per IP address and per chain in a window of RATE_WINDOW_MS. */
export const RATE_WINDOW_MS = 60 * 60 * 1000;
export const MAX_PER_IP = 10;
export const MAX_PER_CHAIN = 200;
/** A signed link, whatever its kind, is shorter than this (jose compact JWS of a few ids). */
export const MAX_TOKEN = 1000;

/** The id of every chain's digital card batch (cards made one at a time, never printed). */
export const DIGITAL_BATCH_ID = 'digital';

/** Wording of one consent box, per language; a language left out (or empty) uses regulars' default text. */
export const ConsentWording = z.strictObject(
  Object.fromEntries(LANGS.map((l) => [l, z.string().trim().max(499).optional()])) as Record<(typeof LANGS)[number], z.ZodOptional<z.ZodString>>,
);
export type ConsentWording = z.infer<typeof ConsentWording>;

/** `settings.signUp` of a chain, as saved (every field optional: a save changes the fields given). */
export const SignUpSettingsInput = z.strictObject({
  /** Customers may sign up from the chain's public page. Off until an owner switches it on. */
  enabled: z.boolean().optional(),
  consentWording: z.partialRecord(z.enum(CONSENT_CHANNELS), ConsentWording).optional(),
});
export type SignUpSettingsInput = z.infer<typeof SignUpSettingsInput>;

/** `settings.brand` of a chain: what its public pages and emails show besides its name. */
export const BrandSettingsInput = z.strictObject({
  logoUrl: z
    .string()
    .trim()
    .max(499)
    .refine((v) => v === '' || /^https:\/\/[^\s"'<>]+$/.test(v), { params: { i18n: 'httpsUrl' } })
    .optional(),
  accentColor: z
    .string()
    .trim()
    .refine((v) => v === '' || /^#[0-9a-fA-F]{6}$/.test(v), { params: { i18n: 'color' } })
    .optional(),
});
export type BrandSettingsInput = z.infer<typeof BrandSettingsInput>;

export interface SignUpSettings {
  enabled: boolean;
  consentWording: Partial<Record<ConsentChannel, ConsentWording>>;
}
export interface BrandSettings {
  logoUrl: string;
  accentColor: string;
}

export function resolveSignUp(stored: SignUpSettingsInput | undefined | null): SignUpSettings {
  return { enabled: stored?.enabled === true, consentWording: stored?.consentWording ?? {} };
}
export function resolveBrand(stored: BrandSettingsInput | undefined | null): BrandSettings {
  return { logoUrl: stored?.logoUrl ?? '', accentColor: stored?.accentColor ?? '' };
}

export const SignUpInfoInput = z.strictObject({ chainId: DocId, locationId: DocId.optional() });

/** What a customer types on the sign-up page. `website` is a honeypot: people never see it. */
export const SignUpInput = z.strictObject({
  chainId: DocId,
  locationId: DocId.optional(),
  firstName: PersonName,
  lastName: PersonName,
  email: Email,
  phone: OptionalPhone.default(''),
  /** `--MM-DD` (day and month, what the page asks for) or `YYYY-MM-DD` (a year given too). */
  birthDate: SignUpBirthDate.default(''),
  language: Lang,
  consent: ConsentInput.default({}),
  website: z.string().max(LIMITS.website).default(''),
});
export type SignUpInput = z.output<typeof SignUpInput>;

export const Token = z.string().min(1).max(MAX_TOKEN);
export const ConfirmSignUpInput = z.strictObject({ chainId: DocId, token: Token });
export const PreferencesInput = z.strictObject({ chainId: DocId, token: Token });
export const SavePreferencesInput = z.strictObject({ chainId: DocId, token: Token, consent: ConsentInput });

/** `chains/{chainId}/signUps/{id}`: a copy of what was typed, until confirmed or expired (48 h). */
export interface PendingSignUpDoc {
  firstName: string;
  lastName: string;
  email: string;
  /** The email as compared (lower case): erasure finds pending sign-ups by it. */
  emailKey: string;
  phone: string;
  birthDate: string;
  language: Lang;
  consent: Partial<Record<ConsentChannel, boolean>>;
  locationId: string | null;
  createdAt: unknown;
  expiresAt: unknown;
  /** The confirmation email: pending -> sending -> sent | failed (never sent twice). */
  mail: { status: 'pending' | 'sending' | 'sent' | 'failed'; error?: string | null };
}

/** What the public sign-up page shows about a chain. */
export interface SignUpInfo {
  chainId: string;
  name: string;
  language: Lang;
  logoUrl: string;
  accentColor: string;
  locationName: string | null;
  /** The box wording per channel in every language, the chain's own or regulars' default. */
  consentWording: Record<ConsentChannel, Record<Lang, string>>;
}

/** A card of the customer on the preferences page: its first characters and its wallet links (signed, expiring). */
export interface PreferencesCard {
  /** The code's first four characters (as audit entries name a card): the whole code is not shown. */
  start: string;
  apple?: string;
  google?: string;
}

/** What the preferences page shows a customer about themself. */
export interface Preferences {
  chainName: string;
  logoUrl: string;
  accentColor: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  birthDate: string;
  language: Lang | '';
  consent: Record<ConsentChannel, boolean | null>;
  consentWording: Record<ConsentChannel, Record<Lang, string>>;
  /** The customer's bound cards with their wallet links; empty when no wallet is configured. */
  cards: PreferencesCard[];
}

/** Default wording of each consent box (a chain's own wording replaces it per language). */
export const DEFAULT_CONSENT_WORDING: Record<ConsentChannel, Record<Lang, (chain: string) => string>> = {
  email: {
    en: (c) => `I would like to receive news and offers from ${c} by email.`,
    fr: (c) => `Je souhaite recevoir les nouvelles et offres de ${c} par e-mail.`,
    de: (c) => `Ich möchte Neuigkeiten und Angebote von ${c} per E-Mail erhalten.`,
  },
  postalMail: {
    en: (c) => `I would like to receive news and offers from ${c} by post.`,
    fr: (c) => `Je souhaite recevoir les nouvelles et offres de ${c} par courrier.`,
    de: (c) => `Ich möchte Neuigkeiten und Angebote von ${c} per Post erhalten.`,
  },
  phone: {
    en: (c) => `I agree that ${c} may contact me by phone or text message.`,
    fr: (c) => `J’accepte que ${c} me contacte par téléphone ou SMS.`,
    de: (c) => `Ich bin einverstanden, dass ${c} mich per Telefon oder SMS kontaktiert.`,
  },
};

/** Every box's wording in every language: the chain's own where set, else the default. */
export function consentWordingOf(chainName: string, own: SignUpSettings['consentWording']): Record<ConsentChannel, Record<Lang, string>> {
  return Object.fromEntries(
    CONSENT_CHANNELS.map((ch) => [ch, Object.fromEntries(LANGS.map((l) => [l, own[ch]?.[l] || DEFAULT_CONSENT_WORDING[ch][l](chainName)]))]),
  ) as Record<ConsentChannel, Record<Lang, string>>;
}

/** Public links (relative to the web client's origin): the token rides in the fragment, never in a server log. */
export const publicLinks = {
  signUp: (chainId: string, locationId?: string | null) => `/join/${encodeURIComponent(chainId)}${locationId ? `/${encodeURIComponent(locationId)}` : ''}`,
  confirm: (chainId: string, token: string) => `/join/${encodeURIComponent(chainId)}/confirm#t=${token}`,
  preferences: (chainId: string, token: string) => `/me/${encodeURIComponent(chainId)}#t=${token}`,
  unsubscribe: (chainId: string, token: string) => `/unsubscribe?c=${encodeURIComponent(chainId)}&t=${token}`,
};
