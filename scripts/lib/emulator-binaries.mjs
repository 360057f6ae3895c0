// Decides which emulator binaries firebase-tools runs, and prepares the offline ones.
//
// firebase-tools normally downloads its Firestore emulator and Storage rules runtime JARs into
// ~/.cache/firebase/emulators. Where that cache is empty and the download host is unreachable
// (CI here has no internet), we point firebase-tools at binaries built from what the machine has:
//   - Firestore: the Cloud Firestore emulator preinstalled with the Google Cloud CLI, started through
//     a launcher JAR (that JAR has no Main-Class), via FIRESTORE_EMULATOR_BINARY_PATH.
//   - Storage: regulars' own rules runtime (tools/storage-rules-runtime), built on the rules engine of
//     that same JAR, via STORAGE_EMULATOR_BINARY_PATH.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const GCLOUD_FIRESTORE_JAR =
  process.env.REGULARS_GCLOUD_FIRESTORE_JAR ?? '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';
const FIRESTORE_MAIN_CLASS = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';

/** What firebase-tools would download, and where it caches it. */
export function officialEmulator(name) {
  const infoPath = join(dirname(require.resolve('firebase-tools/package.json')), 'lib/emulator/downloadableEmulatorInfo.json');
  const info = JSON.parse(readFileSync(infoPath, 'utf8'))[name];
  const cacheDir = process.env.FIREBASE_EMULATORS_PATH ?? join(homedir(), '.cache', 'firebase', 'emulators');
  return { version: info.version, url: info.remoteUrl, cached: join(cacheDir, info.downloadPathRelativeToCacheDir) };
}

/** True when firebase-tools could download `url` (a quick HEAD; offline machines refuse at once). */
export async function downloadable(url) {
  if (process.env.REGULARS_OFFLINE === '1') return false;
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(4000) });
    return res.ok;
  } catch {
    return false;
  }
}

export function requireJava() {
  for (const tool of ['java', 'javac', 'jar']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'pipe' });
    } catch {
      throw new Error(`'${tool}' was not found. regulars' emulators need a JDK 17 or newer ` + `(Debian/Ubuntu: apt-get install -y openjdk-17-jdk-headless).`);
    }
  }
}

/** A JAR with only a manifest, whose Main-Class lives in the Google Cloud CLI's Firestore emulator JAR. */
export function buildFirestoreLauncher(outDir, firestoreJar = GCLOUD_FIRESTORE_JAR) {
  mkdirSync(outDir, { recursive: true });
  const launcher = join(outDir, 'firestore-launcher.jar');
  const manifest = join(outDir, 'firestore-launcher.mf');
  const classPath = new URL(`file://${firestoreJar}`).href; // file URL: spaces are escaped
  const text = `Main-Class: ${FIRESTORE_MAIN_CLASS}\nClass-Path: ${classPath}\n`;
  if (existsSync(launcher) && existsSync(manifest) && readFileSync(manifest, 'utf8') === text) return launcher;
  writeFileSync(manifest, text);
  execFileSync('jar', ['--create', '--file', launcher, '--manifest', manifest], { stdio: 'pipe' });
  return launcher;
}
