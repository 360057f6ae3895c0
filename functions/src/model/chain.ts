// Chains (tenants), their members and locations.
import { z } from 'zod';
import { DocId, Email } from './ids';
import { Role } from './roles';

export const ChainName = z.string().trim().min(1).max(99);
export const LocationName = z.string().trim().min(1).max(99);

export const CreateChainInput = z.strictObject({
  name: ChainName,
  /** Names of the chain's first locations (restaurants or shops). */
  locations: z.array(LocationName).max(50).default([]),
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
