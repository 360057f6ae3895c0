// Firebase JS SDK clients for scripts (seeding, benchmarks), talking to the emulators.
import { deleteApp, initializeApp } from 'firebase/app';
import { connectAuthEmulator, createUserWithEmailAndPassword, getAuth, sendEmailVerification, signInWithEmailAndPassword, updateProfile } from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions, httpsCallable } from 'firebase/functions';

export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? 'demo-regulars';
export const REGION = 'europe-west1';

/**
 * Verifies the signed-in user's email through the Auth emulator: the verification email's link is
 * served on its out-of-band codes endpoint, and following it verifies the address (owners add
 * members by verified email only).
 */
async function verifyEmail(user, authHost) {
  await sendEmailVerification(user);
  const { oobCodes } = await (await fetch(`http://${authHost}/emulator/v1/projects/${PROJECT_ID}/oobCodes`)).json();
  const code = oobCodes.filter((c) => c.requestType === 'VERIFY_EMAIL' && c.email.toLowerCase() === user.email.toLowerCase()).at(-1);
  if (!code) throw new Error(`the Auth emulator has no verification link for ${user.uid}`);
  await fetch(code.oobLink);
  await user.reload();
  await user.getIdToken(true);
}

/** Signs in (or first creates) an account, its email verified; returns a `call(name, data)` bound to it, and its Firestore `db`. */
export async function account(email, password, displayName) {
  const app = initializeApp({ apiKey: 'demo-api-key', projectId: PROJECT_ID, storageBucket: `${PROJECT_ID}.appspot.com` }, email);
  const auth = getAuth(app);
  const authHost = process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099';
  connectAuthEmulator(auth, `http://${authHost}`, { disableWarnings: true });
  let cred;
  try {
    cred = await signInWithEmailAndPassword(auth, email, password);
  } catch {
    cred = await createUserWithEmailAndPassword(auth, email, password);
    await updateProfile(cred.user, { displayName });
    await cred.user.getIdToken(true);
  }
  if (!cred.user.emailVerified) await verifyEmail(cred.user, authHost);
  const functions = getFunctions(app, REGION);
  connectFunctionsEmulator(functions, '127.0.0.1', 5001);
  // Reads as this account, through firestore.rules (as the web client reads).
  const db = getFirestore(app);
  const [host, port] = (process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080').split(':');
  connectFirestoreEmulator(db, host, Number(port));
  return {
    uid: cred.user.uid,
    email,
    app,
    db,
    call: async (name, data = {}) => (await httpsCallable(functions, name, { timeout: 540_000 })(data)).data,
    close: () => deleteApp(app),
  };
}
