import type { Firestore } from 'firebase-admin/firestore';
import type { MemberDoc } from '../model/chain';
import type { Role } from '../model/roles';
import { memberRef } from '../store/refs';
import { AppError } from './errors';

/**
 * The caller's membership, read from the member document on every call (never from token claims),
 * so a role change or a removal takes effect on the very next request.
 */
export async function requireRole(db: Firestore, chainId: string, uid: string, roles: readonly Role[]): Promise<MemberDoc> {
  const snap = await memberRef(db, chainId, uid).get();
  const member = snap.data();
  if (!member) throw new AppError('permission-denied', 'You are not a member of this chain.');
  if (!roles.includes(member.role)) {
    throw new AppError('permission-denied', `This action needs one of the roles: ${roles.join(', ')}.`, {
      role: member.role,
      needed: roles,
    });
  }
  return member;
}
