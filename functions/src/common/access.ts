import type { Firestore } from 'firebase-admin/firestore';
import type { MemberDoc } from '../model/chain';
import type { Lang } from '../model/lang';
import type { Role } from '../model/roles';
import { AppError } from './errors';

export function chainRef(db: Firestore, chainId: string) {
  return db.collection('chains').doc(chainId);
}

export function memberRef(db: Firestore, chainId: string, uid: string) {
  return chainRef(db, chainId).collection('members').doc(uid);
}

/**
 * The caller's membership, read from the member document on every call (never from token claims),
 * so a role change or a removal takes effect on the very next request.
 */
export async function requireRole(db: Firestore, chainId: string, uid: string, roles: readonly Role[], lang: Lang = 'en'): Promise<MemberDoc> {
  const snap = await memberRef(db, chainId, uid).get();
  const member = snap.data() as MemberDoc | undefined;
  if (!member) throw new AppError('permission-denied', 'error.notMember', lang);
  if (!roles.includes(member.role)) {
    throw new AppError('permission-denied', 'error.roleNeeded', lang, { roles: roles.join(', ') }, {
      role: member.role,
      needed: roles,
    });
  }
  return member;
}
