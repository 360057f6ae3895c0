// The Firestore client, in its own module: only web/src/data/ imports it, so the pages that read
// nothing from Firestore at first paint (sign-in, the point of sale's code form) do not load the
// Firestore SDK (bench/web-weight.mjs). Served from localhost, it talks to the emulator.
import { connectFirestoreEmulator, getFirestore } from 'firebase/firestore';
import { app, usingEmulators } from './firebase';
import { emulatorHost } from './firebaseConfig';

export const db = getFirestore(app);
if (usingEmulators) connectFirestoreEmulator(db, emulatorHost, 8080);
