import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { canSeeContact } from '../model/contact';
import { chainSettings } from './settings';
import type { MemberDoc } from '../model/chain';
import type { Lang } from '../model/lang';
import type { Role } from '../model/roles';
import { memberRef } from '../store/refs';
import { AppError } from './errors';

/** The member's document if they have one of the roles (read now), else null. */
export async function memberWithRole(db: Firestore, chainId: string, uid: string, roles: readonly Role[]): Promise<MemberDoc | null> {
  const member = (await memberRef(db, chainId, uid).get()).data();
  return member && roles.includes(member.role) ? member : null;
}

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

/** Whether the caller may see customers' contact details: owners and managers always, staff when the chain allows it. */
export async function callerSeesContact(db: Firestore, chainId: string, role: Role, tx?: Transaction): Promise<boolean> {
  if (role !== 'staff') return true;
  return canSeeContact(role, (await chainSettings(db, chainId, tx)).staffSeeContact);
}
