// Environment for `firebase emulators:*`: which binaries run, and what that means for the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildStorageRulesRuntime } from '../../tools/storage-rules-runtime/build.mjs';
import { GCLOUD_FIRESTORE_JAR, buildFirestoreLauncher, downloadable, officialEmulator, requireJava } from './emulator-binaries.mjs';

/**
 * @param {string} root project root
 * @returns {Promise<{ env: Record<string,string>, firestore: string, storage: string }>}
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
    firestore = `official Cloud Firestore emulator ${officialFirestore.version} (firebase-tools)`;
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
  const officialStorage = officialEmulator('storage');
  if (process.env.STORAGE_EMULATOR_BINARY_PATH) {
    storage = `STORAGE_EMULATOR_BINARY_PATH=${process.env.STORAGE_EMULATOR_BINARY_PATH}`;
  } else if (existsSync(officialStorage.cached) || (await downloadable(officialStorage.url))) {
    storage = `official Cloud Storage rules runtime ${officialStorage.version} (firebase-tools): storage.rules enforced`;
  } else {
    // Offline: our runtime, built on the rules engine inside a Cloud Firestore emulator JAR.
    const firestoreJar = existsSync(GCLOUD_FIRESTORE_JAR) ? GCLOUD_FIRESTORE_JAR : officialFirestore.cached;
    env.STORAGE_EMULATOR_BINARY_PATH = await buildStorageRulesRuntime({ firestoreJar, outDir: out });
    storage = `regulars' offline Storage rules runtime (tools/storage-rules-runtime, on the rules engine of ${firestoreJar}): storage.rules enforced`;
  }
  if (env.STORAGE_EMULATOR_BINARY_PATH) checkStorageRules(root, env.STORAGE_EMULATOR_BINARY_PATH);
  return { env, firestore, storage };
}

/**
 * firebase-tools keeps the Storage emulator running on a ruleset that does not load (it then denies
 * everything). With our runtime we can do better: refuse to start, naming file, line and problem.
 * Syntax errors, unknown names, wrong argument counts and the type errors the engine's type checker
 * finds are fatal; any other compiler warning is printed and the start goes on.
 * @returns {string[]} the warnings printed ("storage.rules:line:column: warning: message")
 */
export function checkStorageRules(root, runtimeJar) {
  const res = spawnSync('java', ['-jar', runtimeJar, 'check', join(root, 'storage.rules')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const detail = String(res.stderr ?? res.error?.message ?? '')
    .trim()
    .replaceAll(`${root}/`, '');
  if (res.status !== 0) {
    throw new Error(`storage.rules does not compile, so the emulators were not started:\n${detail || `exit status ${res.status}`}`);
  }
  const warnings = detail ? detail.split('\n') : [];
  for (const warning of warnings) console.warn(warning);
  return warnings;
}
