// The Admin SDK handles a function needs, created on first use (never at module load).
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { getStorage, type Storage } from 'firebase-admin/storage';

export interface Deps {
  db: Firestore;
  auth: Auth;
  storage: Storage;
}

let cached: Deps | undefined;

export function deps(): Deps {
  if (!cached) {
    const app = getApps()[0] ?? initializeApp();
    const db = getFirestore(app);
    db.settings({ ignoreUndefinedProperties: true });
    cached = { db, auth: getAuth(app), storage: getStorage(app) };
  }
  return cached;
}
