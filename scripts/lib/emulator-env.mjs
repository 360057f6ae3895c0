// Environment for `firebase emulators:*`: which binaries run, and what that means for the run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  GCLOUD_FIRESTORE_JAR,
  buildFirestoreLauncher,
  downloadable,
  officialEmulator,
  requireJava,
} from './emulator-binaries.mjs';
import { buildPermissiveStorageRuntime } from './storage-runtime.mjs';

export const STORAGE_NOT_ENFORCED =
  'OFFLINE MODE: storage.rules are NOT enforced (the Storage rules runtime could not be downloaded; ' +
  'a substitute that permits every request is running).';

/**
 * @param {string} root project root
 * @returns {Promise<{ env: Record<string,string>, firestore: string, storage: string, storageRulesEnforced: boolean }>}
 */
export async function prepareEmulatorEnv(root) {
  requireJava();
  const out = join(root, '.emulators', 'bin');
  const env = {};

  let firestore;
  const officialFirestore = officialEmulator('firestore');
  if (process.env.FIRESTORE_EMULATOR_BINARY_PATH) {
    firestore = `FIRESTORE_EMULATOR_BINARY_PATH=${process.env.FIRESTORE_EMULATOR_BINARY_PATH}`;
  } else if (existsSync(officialFirestore.cached) || (await downloadable(officialFirestore.url))) {
    firestore = `official Cloud Firestore emulator ${officialFirestore.version} (firebase-tools cache)`;
  } else if (existsSync(GCLOUD_FIRESTORE_JAR)) {
    env.FIRESTORE_EMULATOR_BINARY_PATH = buildFirestoreLauncher(out);
    firestore = `Google Cloud CLI Cloud Firestore emulator (${GCLOUD_FIRESTORE_JAR})`;
  } else {
    throw new Error(
      'No Cloud Firestore emulator: firebase-tools cannot download it (no internet) and the Google Cloud CLI one ' +
        `is not at ${GCLOUD_FIRESTORE_JAR}. Install it (apt-get install google-cloud-cli-firestore-emulator), ` +
        'or set REGULARS_GCLOUD_FIRESTORE_JAR to its path, or run once with internet access.',
    );
  }

  let storage;
  let storageRulesEnforced = true;
  const officialStorage = officialEmulator('storage');
  if (process.env.STORAGE_EMULATOR_BINARY_PATH) {
    storage = `STORAGE_EMULATOR_BINARY_PATH=${process.env.STORAGE_EMULATOR_BINARY_PATH}`;
    storageRulesEnforced = process.env.REGULARS_STORAGE_RULES !== 'not-enforced';
  } else if (existsSync(officialStorage.cached) || (await downloadable(officialStorage.url))) {
    storage = `official Cloud Storage rules runtime ${officialStorage.version}`;
  } else {
    env.STORAGE_EMULATOR_BINARY_PATH = buildPermissiveStorageRuntime(out);
    storage = STORAGE_NOT_ENFORCED;
    storageRulesEnforced = false;
  }
  env.REGULARS_STORAGE_RULES = storageRulesEnforced ? 'enforced' : 'not-enforced';
  return { env, firestore, storage, storageRulesEnforced };
}
