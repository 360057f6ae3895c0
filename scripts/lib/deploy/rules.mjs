// Compiles firestore.rules and storage.rules offline, as `firebase deploy` would have the rules
// service compile them: with the Firebase rules compiler inside the Cloud Firestore emulator JAR,
// through regulars' rules runtime (`java -jar <runtime> check <file>`, tools/storage-rules-runtime).
// The compiler is the same for both services; it reports syntax errors, unknown names, wrong
// argument counts and the type errors it can prove (see the README).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildStorageRulesRuntime } from '../../../tools/storage-rules-runtime/build.mjs';
import { GCLOUD_FIRESTORE_JAR, officialEmulator, requireJava } from '../emulator-binaries.mjs';

/** The rules runtime JAR, built (once) from the Cloud Firestore emulator JAR the machine has. */
export async function rulesCompiler(root) {
  requireJava();
  const official = officialEmulator('firestore').cached;
  const firestoreJar = existsSync(GCLOUD_FIRESTORE_JAR) ? GCLOUD_FIRESTORE_JAR : official;
  if (!existsSync(firestoreJar)) throw new Error(`no Cloud Firestore emulator JAR (${GCLOUD_FIRESTORE_JAR} or ${official}) to compile rules with`);
  return buildStorageRulesRuntime({ firestoreJar, outDir: join(root, '.emulators', 'bin') });
}

/** @returns {{ errors: string[], warnings: string[] }} lines "file:line:column: severity: message" */
export function compileRules(runtimeJar, file, root) {
  const res = spawnSync('java', ['-jar', runtimeJar, 'check', file], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const lines = String(res.stderr ?? res.error?.message ?? '')
    .replaceAll(`${root}/`, '')
    .split('\n')
    .filter(Boolean);
  const errors = lines.filter((l) => / error: /.test(l));
  if (res.status !== 0 && !errors.length) errors.push(`${file}: does not compile (exit ${res.status}): ${lines.join(' ')}`);
  return { errors, warnings: lines.filter((l) => !errors.includes(l)) };
}
