import { z } from 'zod';

/**
 * Roles of a chain's members. What each may do is spelled out in the README (roles table)
 * and enforced by firestore.rules, storage.rules and the callables.
 */
export const ROLES = ['owner', 'manager', 'staff'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Managers and owners: back-office actions (imports, exports, types, card batches, deletion). */
export const MANAGERS: readonly Role[] = ['owner', 'manager'];
/** Everybody with a role: point-of-sale actions (look up, create and edit customers, bind cards). */
export const EVERYONE: readonly Role[] = ROLES;
export const OWNERS: readonly Role[] = ['owner'];
