// Chains (tenants), their members and locations.
import { z } from 'zod';
import { DocId, Email } from './ids';
import { Role } from './roles';
import { BrandSettingsInput, resolveBrand, resolveSignUp, SignUpSettingsInput, type BrandSettings, type SignUpSettings } from './signUp';
import { Lang } from './lang';
import { resolveVisitSettings, VisitSettingsInput, type VisitSettings } from './visits';
import { canonicalTimeZone, defaultTimeZone, isTimeZone } from './segments';

export const ChainName = z.string().trim().min(1).max(99);
export const LocationName = z.string().trim().min(1).max(99);

/** ISO 3166-1 alpha-2 country code, upper case (`FR`, `DE`, `CH`, `GB`, `US`). */
export const CountryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/)
  .transform((c) => c.toUpperCase());

export const CreateChainInput = z.strictObject({
  name: ChainName,
  /** Names of the chain's first locations (restaurants or shops). */
  locations: z.array(LocationName).max(50).default([]),
  /** The chain's country and language (settings), asked at creation; the web client proposes the browser's. */
  country: CountryCode.optional(),
  language: Lang.optional(),
});
export type CreateChainInput = z.infer<typeof CreateChainInput>;

/** Adds a member (by email), changes a role (by email or uid) or removes a member (`role: null`). */
export const SetMemberInput = z
  .strictObject({
    chainId: DocId,
    email: Email.optional(),
    uid: DocId.optional(),
    role: Role.nullable(),
  })
  .refine((v) => (v.email === undefined) !== (v.uid === undefined), {
    path: ['email'],
    params: { i18n: 'emailOrUid' },
    // Also report this when other fields are wrong, so the caller sees every problem at once.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });
export type SetMemberInput = z.infer<typeof SetMemberInput>;

export const SaveLocationInput = z.strictObject({
  chainId: DocId,
  locationId: DocId.optional(),
  name: LocationName,
  address: z.string().trim().max(254).default(''),
});
export type SaveLocationInput = z.infer<typeof SaveLocationInput>;

/** removeLocation: owners remove a location nothing uses (else failed-precondition naming the uses). */
export const RemoveLocationInput = z.strictObject({ chainId: DocId, locationId: DocId });
export type RemoveLocationInput = z.infer<typeof RemoveLocationInput>;

export const ListMyChainsInput = z.strictObject({}).optional();

/** `chains/{chainId}/members/{uid}` */
export interface MemberDoc {
  uid: string;
  role: Role;
  email: string;
  displayName: string;
  addedAt: unknown;
  addedBy: string;
}

export interface ChainSummary {
  chainId: string;
  name: string;
  role: Role;
}

/**
 * `chains/{chainId}.settings`: the chain's defaults and policies, set by owners. Every field is
 * optional in storage; `resolveSettings` gives the defaults. Features add their own group (a nested map).
 */
export const ChainSettings = z.strictObject({
  /** The chain's country: phone numbers without a country prefix, ambiguous dates, formats. */
  country: CountryCode.optional(),
  /** The chain's language: emails to customers without a language, exports' defaults. */
  language: Lang.optional(),
  /** Staff see customers' contact details (emails, phones, addresses, birth dates). Off by default. */
  staffSeeContact: z.boolean().optional(),
  /** Self sign-up: on or off, and the wording of each consent box (model/signUp.ts). */
  signUp: SignUpSettingsInput.optional(),
  /** Logo and accent colour of the public pages and emails. */
  brand: BrandSettingsInput.optional(),
  /** Visits at the till: automatic check-in, same-visit window, segment thresholds (model/visits.ts). */
  visits: VisitSettingsInput.optional(),
  /** IANA time zone of the chain's days (visits per day, segments, birthdays); default from the country. */
  timeZone: z.string().trim().max(64).refine(isTimeZone).transform(canonicalTimeZone).optional(),
});
export type ChainSettings = z.infer<typeof ChainSettings>;

export const SaveChainSettingsInput = z.strictObject({
  chainId: DocId,
  /** Only the fields given are changed. */
  settings: ChainSettings,
});
export type SaveChainSettingsInput = z.infer<typeof SaveChainSettingsInput>;

export interface ResolvedSettings {
  country: string | null;
  language: Lang;
  staffSeeContact: boolean;
  signUp: SignUpSettings;
  brand: BrandSettings;
  visits: VisitSettings;
  /** The stored time zone, else the country's when it has one, else UTC. */
  timeZone: string;
}

/** The settings with their defaults: no country (numbers must carry a prefix), English, staff without contact details. */
export function resolveSettings(stored: ChainSettings | undefined | null): ResolvedSettings {
  return {
    country: stored?.country ?? null,
    language: stored?.language ?? 'en',
    staffSeeContact: stored?.staffSeeContact === true,
    signUp: resolveSignUp(stored?.signUp),
    brand: resolveBrand(stored?.brand),
    visits: resolveVisitSettings(stored?.visits),
    timeZone: stored?.timeZone ?? defaultTimeZone(stored?.country ?? null),
  };
}
