// The Firebase JS SDK (modular API). Served from localhost, the client talks to the emulators
// (ports from firebase.json); deployed, it uses the project's config given at build time
// (firebaseConfig.ts, shared with the public pages). Firestore is in firestore.ts (web/src/data/ only).
import { initializeApp } from 'firebase/app';
import { connectAuthEmulator, getAuth } from 'firebase/auth';
import { connectFunctionsEmulator, getFunctions } from 'firebase/functions';
import type { FirebaseStorage } from 'firebase/storage';
import { config, emulatorHost, REGION, usingEmulators } from './firebaseConfig';

export { REGION, usingEmulators };

export const app = initializeApp(config);
export const auth = getAuth(app);
export const functions = getFunctions(app, REGION);

if (usingEmulators) {
  connectAuthEmulator(auth, `http://${emulatorHost}:9099`, { disableWarnings: true });
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
    if (usingEmulators) connectStorageEmulator(storage, emulatorHost, 9199);
    return storage;
  }));
}
