// Chains (tenants), their members and locations.
import { COLLECTION } from '../model/paths';
import { FieldValue } from 'firebase-admin/firestore';
import type { CreateChainInput, ChainSummary, MemberDoc, SaveLocationInput, SetMemberInput } from '../model/chain';
import { emailKey } from '../model/ids';
import { chainCreated, memberChanged } from '../logs';
import { chainsCollection, locationsOf, memberRef, membersOf, migrationRef } from '../store/refs';
import { audit } from '../common/audit';
import type { Caller, ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Lang } from '../model/lang';
import type { Deps } from '../common/firebase';
import type { QueryShape } from '../model/queryShape';
import { stampOf } from '../model/segments';
import { resolveSettings } from '../model/chain';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [
  { name: 'members: by email', collection: 'members', where: [{ field: 'email', op: '==' }] },
  { name: 'members: owners', collection: 'members', where: [{ field: 'role', op: '==' }] },
  { name: "members: a user's memberships", collection: 'members', group: true, where: [{ field: 'uid', op: '==' }] },
];

export async function createChain({ db }: Deps, caller: Caller, input: CreateChainInput): Promise<{ chainId: string }> {
  const chain = chainsCollection(db).doc();
  const batch = db.batch();
  const settings = { ...(input.country ? { country: input.country } : {}), ...(input.language ? { language: input.language } : {}) };
  // No customer yet: every row is keyed for today with the chain's settings (model/segments.ts).
  const resolved = resolveSettings(settings);
  const segmentKeys = stampOf({ settings: resolved.visits, timeZone: resolved.timeZone, nowMs: Date.now() });
  batch.create(chain, {
    name: input.name,
    ...(Object.keys(settings).length ? { settings } : {}),
    createdAt: FieldValue.serverTimestamp(),
    createdBy: caller.uid,
    segmentKeys,
  });
  const member: MemberDoc = {
    uid: caller.uid,
    role: 'owner',
    email: caller.email ? emailKey(caller.email) : '',
    displayName: caller.name ?? caller.email ?? '',
    addedAt: FieldValue.serverTimestamp(),
    addedBy: caller.uid,
  };
  batch.create(memberRef(db, chain.id, caller.uid), member);
  for (const name of input.locations) {
    batch.create(locationsOf(db, chain.id).doc(), { name, address: '', createdAt: FieldValue.serverTimestamp() });
  }
  // A new chain has no search row written before rows were spread (store/customers/rowIds.ts): its
  // searches read no legacy key range.
  batch.create(migrationRef(db, chain.id, 'searchRows'), {
    cursor: null,
    done: true,
    processed: 0,
    updated: 0,
    country: null,
    updatedAt: FieldValue.serverTimestamp(),
    updatedBy: caller.uid,
  });
  audit(batch, db, chain.id, {
    action: 'chain.create',
    actorUid: caller.uid,
    target: { kind: 'chain', id: chain.id },
    details: { locations: input.locations.length, settings: Object.keys(settings) },
  });
  await batch.commit();
  chainCreated(chain.id, caller.uid, input.locations.length);
  return { chainId: chain.id };
}

async function resolveMemberUid({ db, auth }: Deps, chainId: string, input: SetMemberInput, lang: Lang) {
  if (input.uid) return { uid: input.uid, email: undefined, name: undefined, emailVerified: false };
  try {
    const user = await auth.getUserByEmail(input.email!);
    return { uid: user.uid, email: user.email, name: user.displayName, emailVerified: user.emailVerified };
  } catch (err) {
    if ((err as { code?: string }).code === 'auth/user-not-found') {
      // Removing or changing someone by email who has no account: maybe a member doc matches the email.
      const existing = await membersOf(db, chainId).where('email', '==', emailKey(input.email!)).limit(1).get();
      const doc = existing.docs[0];
      if (doc) return { uid: doc.id, email: input.email, name: undefined, emailVerified: false };
      throw fieldError('not-found', 'email', 'noAccount', lang);
    }
    throw err;
  }
}

/**
 * Adds a member, changes a role, or removes a member (`role: null`). Owners only.
 * A chain always keeps at least one owner. Takes effect at once: rules read the member document.
 * A new member is added by email only once their account's email is verified (`failed-precondition`).
 */
export async function setMember(d: Deps, caller: ChainCaller, input: SetMemberInput): Promise<{ uid: string; role: string | null }> {
  const { db } = d;
  const target = await resolveMemberUid(d, caller.chainId, input, caller.lang);
  const ref = memberRef(db, caller.chainId, target.uid);
  const owners = membersOf(db, caller.chainId).where('role', '==', 'owner');

  await db.runTransaction(async (tx) => {
    const [snap, ownerSnap] = await Promise.all([tx.get(ref), tx.get(owners)]);
    const current = snap.data() as MemberDoc | undefined;
    if (!current && (input.role === null || input.uid)) {
      throw fieldError('not-found', input.uid ? 'uid' : 'email', 'notMember', caller.lang);
    }
    const losesOwner = current?.role === 'owner' && input.role !== 'owner';
    if (losesOwner && ownerSnap.size <= 1) {
      throw fieldError('failed-precondition', 'role', 'lastOwner', caller.lang);
    }
    if (input.role === null) {
      tx.delete(ref);
    } else if (current) {
      if (current.role === input.role) return;
      tx.update(ref, { role: input.role });
    } else {
      // Whoever registered an address first must not become a member by it: only once it is verified.
      if (!target.emailVerified) throw fieldError('failed-precondition', 'email', 'emailNotVerified', caller.lang);
      const member: MemberDoc = {
        uid: target.uid,
        role: input.role,
        email: target.email ? emailKey(target.email) : '',
        displayName: target.name ?? target.email ?? '',
        addedAt: FieldValue.serverTimestamp(),
        addedBy: caller.uid,
      };
      tx.create(ref, member);
    }
    audit(tx, db, caller.chainId, {
      action: input.role === null ? 'member.remove' : current ? 'member.role' : 'member.add',
      actorUid: caller.uid,
      target: { kind: 'member', id: target.uid },
      details: { role: input.role, previousRole: current?.role ?? null },
    });
  });
  memberChanged(caller.chainId, caller.uid, target.uid, input.role);
  return { uid: target.uid, role: input.role };
}

export async function listMyChains({ db }: Deps, caller: Caller): Promise<{ chains: ChainSummary[] }> {
  const memberships = await db.collectionGroup(COLLECTION.members).where('uid', '==', caller.uid).get();
  const refs = memberships.docs.map((m) => m.ref.parent.parent!).filter((r) => r.parent.id === 'chains');
  if (refs.length === 0) return { chains: [] };
  const chains = await db.getAll(...refs);
  const roles = new Map(memberships.docs.map((m) => [m.ref.parent.parent!.id, (m.data() as MemberDoc).role]));
  return {
    chains: chains
      .filter((c) => c.exists)
      .map((c) => ({ chainId: c.id, name: String(c.get('name')), role: roles.get(c.id)! }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function saveLocation({ db }: Deps, caller: ChainCaller, input: SaveLocationInput): Promise<{ locationId: string }> {
  const locations = locationsOf(db, caller.chainId);
  const ref = input.locationId ? locations.doc(input.locationId) : locations.doc();
  await db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (input.locationId && !snap.exists) throw fieldError('not-found', 'locationId', 'noSuchLocation', caller.lang);
    const fields = { name: input.name, address: input.address, updatedAt: FieldValue.serverTimestamp() };
    tx.set(ref, snap.exists ? fields : { ...fields, createdAt: FieldValue.serverTimestamp() }, { merge: true });
    audit(tx, db, caller.chainId, {
      action: snap.exists ? 'location.update' : 'location.create',
      actorUid: caller.uid,
      target: { kind: 'location', id: ref.id },
    });
  });
  return { locationId: ref.id };
}
