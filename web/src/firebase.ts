// The Firebase JS SDK (modular API). Served from localhost, the client talks to the emulators
// (ports from firebase.json); deployed, it uses the project's config given at build time.
import { initializeApp } from 'firebase/app';
import { connectAuthEmulator, getAuth } from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions } from 'firebase/functions';
import type { FirebaseStorage } from 'firebase/storage';

const DEMO_CONFIG = {
  apiKey: 'demo-api-key',
  authDomain: 'demo-regulars.firebaseapp.com',
  projectId: 'demo-regulars',
  storageBucket: 'demo-regulars.appspot.com',
  appId: 'demo-app',
};

/** `VITE_FIREBASE_CONFIG`: the web app config of a real project, as JSON (see README, Deploy). */
const config = import.meta.env.VITE_FIREBASE_CONFIG ? JSON.parse(import.meta.env.VITE_FIREBASE_CONFIG) : DEMO_CONFIG;
export const REGION = import.meta.env.VITE_FUNCTIONS_REGION ?? 'europe-west1';

export const app = initializeApp(config);
export const auth = getAuth(app);
export const db = getFirestore(app);
export const functions = getFunctions(app, REGION);

const host = location.hostname;
export const usingEmulators =
  import.meta.env.VITE_USE_EMULATORS === '1' || host === 'localhost' || host === '127.0.0.1' || config.projectId.startsWith('demo-');

if (usingEmulators) {
  const emulatorHost = host === 'localhost' ? 'localhost' : '127.0.0.1';
  connectAuthEmulator(auth, `http://${emulatorHost}:9099`, { disableWarnings: true });
  connectFirestoreEmulator(db, emulatorHost, 8080);
  connectFunctionsEmulator(functions, emulatorHost, 5001);
}

let storagePromise: Promise<FirebaseStorage> | null = null;
/**
 * The Storage client, loaded on first use (imports, downloads): the sign-in and point-of-sale pages
 * do not carry its code.
 */
export function storageService(): Promise<FirebaseStorage> {
  return (storagePromise ??= import('firebase/storage').then(({ connectStorageEmulator, getStorage }) => {
    const storage = getStorage(app);
    if (usingEmulators) connectStorageEmulator(storage, host === 'localhost' ? 'localhost' : '127.0.0.1', 9199);
    return storage;
  }));
}
