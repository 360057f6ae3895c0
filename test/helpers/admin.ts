// The Admin SDK against the emulators, to seed and inspect data the way the functions see it.
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { getStorage } from 'firebase-admin/storage';
import { BUCKET, PROJECT_ID } from './env';

const app = getApps().find((a) => a.name === 'test-admin') ?? initializeApp({ projectId: PROJECT_ID, storageBucket: BUCKET }, 'test-admin');

export const adminDb = getFirestore(app);
export const adminAuth = getAuth(app);
export const adminBucket = getStorage(app).bucket(BUCKET);
