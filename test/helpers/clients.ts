// Real Firebase JS SDK clients, one app per signed-in user, talking to the emulators.
import { randomUUID } from 'node:crypto';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectAuthEmulator, createUserWithEmailAndPassword, getAuth, sendEmailVerification, signInWithEmailAndPassword, type User } from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore, type Firestore } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions, httpsCallable, type FunctionsError } from 'firebase/functions';
import { connectStorageEmulator, getStorage, type FirebaseStorage } from 'firebase/storage';
import { BUCKET, PROJECT_ID, REGION, emulators } from './env';

export interface TestUser {
  uid: string;
  email: string;
  app: FirebaseApp;
  db: Firestore;
  storage: FirebaseStorage;
  /** Calls a callable as this user; resolves with its data, rejects with the FunctionsError. */
  call<T = any>(name: string, data?: unknown): Promise<T>;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery staple';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

function clientApp(): FirebaseApp {
  return initializeApp(
    { apiKey: 'demo-api-key', projectId: PROJECT_ID, storageBucket: BUCKET, authDomain: `${PROJECT_ID}.firebaseapp.com` },
    `test-${randomUUID()}`,
  );
}

/** A client app that is not signed in. */
export function anonymousClient(): Omit<TestUser, 'uid' | 'email'> {
  const app = clientApp();
  return wire(app);
}

function wire(app: FirebaseApp) {
  const db = getFirestore(app);
  connectFirestoreEmulator(db, emulators.firestore.host, emulators.firestore.port);
  const storage = getStorage(app);
  connectStorageEmulator(storage, emulators.storage.host, emulators.storage.port);
  const functions = getFunctions(app, REGION);
  connectFunctionsEmulator(functions, emulators.functions.host, emulators.functions.port);
  return {
    app,
    db,
    storage,
    async call<T>(name: string, data?: unknown): Promise<T> {
      const fn = httpsCallable<unknown, T>(functions, name, { timeout: 300_000 });
      return (await fn(data ?? {})).data;
    },
    close: () => deleteApp(app),
  };
}

/** Follows the latest verification link the Auth emulator holds for this email (its out-of-band codes endpoint). */
export async function followVerificationLink(email: string): Promise<void> {
  const base = `http://${emulators.auth.host}:${emulators.auth.port}`;
  const res = await fetch(`${base}/emulator/v1/projects/${PROJECT_ID}/oobCodes`);
  const { oobCodes } = (await res.json()) as { oobCodes: { email: string; requestType: string; oobLink: string }[] };
  const code = oobCodes.filter((c) => c.requestType === 'VERIFY_EMAIL' && c.email.toLowerCase() === email.toLowerCase()).at(-1);
  if (!code) throw new Error('the Auth emulator has no verification link for this account');
  const followed = await fetch(code.oobLink);
  if (!followed.ok) throw new Error(`following the verification link answered ${followed.status}`);
}

/**
 * Verifies the signed-in user's email the way a person does: the SDK asks for the verification
 * email, the Auth emulator serves it on its out-of-band codes endpoint, and following its link
 * verifies the address. The token is refreshed so it says `email_verified`.
 */
export async function verifyEmail(user: User): Promise<void> {
  await sendEmailVerification(user);
  await followVerificationLink(user.email!);
  await user.reload();
  if (!user.emailVerified) throw new Error('the email is still not verified after following the link');
  await user.getIdToken(true);
}

/**
 * Creates an account in the Auth emulator and signs it in. Its email is verified (owners add
 * members by verified email only) unless `verified: false`.
 */
export async function signUp(email = uniqueEmail(), displayName?: string, { verified = true }: { verified?: boolean } = {}): Promise<TestUser> {
  const app = clientApp();
  const auth = getAuth(app);
  connectAuthEmulator(auth, `http://${emulators.auth.host}:${emulators.auth.port}`, { disableWarnings: true });
  const cred = await createUserWithEmailAndPassword(auth, email, PASSWORD);
  if (displayName) {
    const { updateProfile } = await import('firebase/auth');
    await updateProfile(cred.user, { displayName });
    await cred.user.getIdToken(true);
  }
  if (verified) await verifyEmail(cred.user);
  return { uid: cred.user.uid, email, ...wire(app) };
}

/** Signs an existing account in, in a fresh app. */
export async function signIn(email: string): Promise<TestUser> {
  const app = clientApp();
  const auth = getAuth(app);
  connectAuthEmulator(auth, `http://${emulators.auth.host}:${emulators.auth.port}`, { disableWarnings: true });
  const cred = await signInWithEmailAndPassword(auth, email, PASSWORD);
  return { uid: cred.user.uid, email, ...wire(app) };
}

/** The field problems of a callable's rejection, as `path:code` (e.g. `cursor:invalid`). */
export function problemsOf(err: { details: { problems?: { path: string; code: string }[] } }): string[] {
  return (err.details.problems ?? []).map((p) => `${p.path}:${p.code}`);
}

/** The rejection of a callable, with its code (without `functions/`) and details. */
export async function callError(promise: Promise<unknown>): Promise<{ code: string; message: string; details: any }> {
  try {
    await promise;
  } catch (err) {
    const e = err as FunctionsError;
    return { code: e.code.replace(/^functions\//, ''), message: e.message, details: e.details };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * Calls a callable over HTTP as `user` (or signed out) with an `Accept-Language` header, as a
 * browser in that language does (the SDK in Node cannot set it); rejects like `callError` returns.
 */
export async function callErrorIn(
  lang: string,
  user: Pick<TestUser, 'app'> | null,
  name: string,
  data: unknown,
): Promise<{ code: string; message: string; details: any }> {
  const token = user ? await getAuth(user.app).currentUser?.getIdToken() : undefined;
  const res = await fetch(`http://${emulators.functions.host}:${emulators.functions.port}/${PROJECT_ID}/${REGION}/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ data }),
  });
  const body = (await res.json()) as { error?: { status: string; message: string; details?: unknown } };
  if (!body.error) throw new Error(`expected ${name} to fail, but it answered ${res.status}`);
  return { code: body.error.status.toLowerCase().replace(/_/g, '-'), message: body.error.message, details: body.error.details };
}
