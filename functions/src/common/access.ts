import type { Firestore } from 'firebase-admin/firestore';
import type { MemberDoc } from '../model/chain';
import type { Lang } from '../model/lang';
import type { Role } from '../model/roles';
import { memberRef } from '../store/refs';
import { AppError } from './errors';

/**
 * The caller's membership, read from the member document on every call (never from token claims),
 * so a role change or a removal takes effect on the very next request.
 */
export async function requireRole(db: Firestore, chainId: string, uid: string, roles: readonly Role[], lang: Lang = 'en'): Promise<MemberDoc> {
  const snap = await memberRef(db, chainId, uid).get();
  const member = snap.data();
  if (!member) throw new AppError('permission-denied', 'error.notMember', lang);
  if (!roles.includes(member.role)) {
    throw new AppError(
      'permission-denied',
      'error.roleNeeded',
      lang,
      { roles: roles.join(', ') },
      {
        role: member.role,
        needed: roles,
      },
    );
  }
  return member;
}
