// Firebase JS SDK clients for scripts (seeding, benchmarks), talking to the emulators.
import { deleteApp, initializeApp } from 'firebase/app';
import { connectAuthEmulator, createUserWithEmailAndPassword, getAuth, signInWithEmailAndPassword, updateProfile } from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions, httpsCallable } from 'firebase/functions';

export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? 'demo-regulars';
export const REGION = 'europe-west1';

/** Signs in (or first creates) an account; returns a `call(name, data)` bound to it, and its Firestore `db`. */
export async function account(email, password, displayName) {
  const app = initializeApp({ apiKey: 'demo-api-key', projectId: PROJECT_ID, storageBucket: `${PROJECT_ID}.appspot.com` }, email);
  const auth = getAuth(app);
  connectAuthEmulator(auth, `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099'}`, { disableWarnings: true });
  let cred;
  try {
    cred = await signInWithEmailAndPassword(auth, email, password);
  } catch {
    cred = await createUserWithEmailAndPassword(auth, email, password);
    await updateProfile(cred.user, { displayName });
    await cred.user.getIdToken(true);
  }
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
