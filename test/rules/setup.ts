// Shared set-up of the rules suites: the rules file resolved from this file (not the working
// directory), a team of every role in one chain, a member of another chain, and the outsiders.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { doc, setLogLevel, writeBatch, type Firestore, type WriteBatch } from 'firebase/firestore';
import { PROJECT_ID, emulators } from '../helpers/env';
import { paths } from '../../functions/src/model/paths';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');

// Denied requests are what these suites expect; the SDK would log each one as a warning.
setLogLevel('error');

export const CHAIN = 'chain-a';
export const OTHER_CHAIN = 'chain-b';

/**
 * Who may ask: each maps to a uid with that relation to CHAIN. `removedMember` was a manager of
 * CHAIN: the seed adds and then removes their member document, and their token still carries
 * stale claims naming CHAIN and the role they had (rules must not trust claims).
 */
export const WHO = ['unauthenticated', 'otherChainMember', 'removedMember', 'staff', 'manager', 'owner'] as const;
export type Who = (typeof WHO)[number];

const uids: Record<Exclude<Who, 'unauthenticated'>, string> = {
  otherChainMember: 'u-other',
  removedMember: 'u-removed',
  staff: 'u-staff',
  manager: 'u-manager',
  owner: 'u-owner',
};

/** Every `Who` with whether it is in `allowed`: the rows of an allow/deny matrix for `it.each`. */
export function matrix(allowed: readonly Who[]): (readonly [Who, boolean])[] {
  return WHO.map((who) => [who, allowed.includes(who)] as const);
}

/** The chain's current members; and its managers and owners. */
export const MEMBERS: readonly Who[] = ['staff', 'manager', 'owner'];
export const MANAGERS: readonly Who[] = ['manager', 'owner'];

export function uidOf(who: Exclude<Who, 'unauthenticated'>): string {
  return uids[who];
}

export async function firestoreRulesEnv(): Promise<RulesTestEnvironment> {
  return initializeTestEnvironment({
    projectId: PROJECT_ID,
    firestore: {
      rules: readFileSync(join(root, 'firestore.rules'), 'utf8'),
      host: emulators.firestore.host,
      port: emulators.firestore.port,
    },
  });
}

/** Storage rules need Firestore too: storage.rules read the member documents (firestore.get). */
export async function storageRulesEnv(): Promise<RulesTestEnvironment> {
  return initializeTestEnvironment({
    projectId: PROJECT_ID,
    firestore: { rules: readFileSync(join(root, 'firestore.rules'), 'utf8'), ...emulators.firestore },
    storage: { rules: readFileSync(join(root, 'storage.rules'), 'utf8'), ...emulators.storage },
  });
}

/** What a suite adds to the seed: its documents, set in the seed's batch. */
export type SeedMore = (db: Firestore, batch: WriteBatch) => void;

/**
 * Seeds the team and whatever `more` adds (rules disabled) in one batch: one round trip before each
 * test. The removed member's document is written and deleted in it: it does not exist, as after a
 * removal.
 */
export async function seed(env: RulesTestEnvironment, more?: SeedMore): Promise<void> {
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore() as unknown as Firestore;
    const batch = writeBatch(db);
    batch.set(doc(db, paths.chain(CHAIN)), { name: 'Chain A' });
    batch.set(doc(db, paths.chain(OTHER_CHAIN)), { name: 'Chain B' });
    for (const role of ['staff', 'manager', 'owner'] as const) {
      batch.set(doc(db, paths.member(CHAIN, uids[role])), { uid: uids[role], role, email: `${role}@a.test`, displayName: role });
    }
    const removed = doc(db, paths.member(CHAIN, uids.removedMember));
    batch.set(removed, { uid: uids.removedMember, role: 'manager', email: 'removed@a.test', displayName: 'removed' });
    batch.delete(removed);
    batch.set(doc(db, paths.member(OTHER_CHAIN, uids.otherChainMember)), {
      uid: uids.otherChainMember,
      role: 'owner',
      email: 'owner@b.test',
      displayName: 'B owner',
    });
    more?.(db, batch);
    await batch.commit();
  });
}

/** A client Firestore acting as `who`. */
export function as(env: RulesTestEnvironment, who: Who): Firestore {
  return context(env, who).firestore() as unknown as Firestore;
}

/** The rules-unit-testing context of `who` (the removed member's token keeps its stale claims). */
export function context(env: RulesTestEnvironment, who: Who) {
  if (who === 'unauthenticated') return env.unauthenticatedContext();
  const stale = who === 'removedMember' ? { chainId: CHAIN, role: 'manager' } : {};
  return env.authenticatedContext(uids[who], { email: `${who}@x.test`, ...stale });
}

/** Saves the emulator's rules coverage report next to the other test artifacts. */
export async function saveFirestoreCoverage(name: string): Promise<void> {
  const url = `http://${emulators.firestore.host}:${emulators.firestore.port}/emulator/v1/projects/${PROJECT_ID}:ruleCoverage.html`;
  const res = await fetch(url);
  if (!res.ok) return;
  const dir = join(root, 'test-results', 'rules-coverage');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.html`), await res.text());
}

/**
 * The hooks of a Firestore rules suite: the environment created once for the file, Firestore
 * cleared and the team (plus `more`) seeded before each test, coverage saved and cleanup at the end.
 */
export function firestoreRulesSuite(name: string, more?: SeedMore): () => RulesTestEnvironment {
  let env: RulesTestEnvironment;
  beforeAll(async () => {
    env = await firestoreRulesEnv();
  });
  beforeEach(async () => {
    await env.clearFirestore();
    await seed(env, more);
  });
  afterAll(async () => {
    await saveFirestoreCoverage(name);
    await env.cleanup();
  });
  return () => env;
}
