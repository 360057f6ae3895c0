// Builds the Cloud Storage rules runtime (src/**/*.java) into a JAR for the Storage emulator
// (STORAGE_EMULATOR_BINARY_PATH). It compiles against, and at run time loads, the Cloud Firestore
// emulator JAR of the Google Cloud CLI, which holds Firebase's rules compiler and evaluator; nothing
// is downloaded. The JAR's name carries a hash of the sources and of that JAR, so an unchanged
// runtime is not rebuilt.
//
//   import { buildStorageRulesRuntime } from './tools/storage-rules-runtime/build.mjs';
//   const jar = await buildStorageRulesRuntime({ outDir });          // firestoreJar optional
//
//   node tools/storage-rules-runtime/build.mjs <outDir> [firestoreJar]   # prints the JAR path
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const sourceRoot = join(here, 'src');
const MAIN_CLASS = 'io.regulars.rules.StorageRulesRuntime';
// -proc:none: the Firestore JAR carries an annotation processor that breaks javac otherwise.
const JAVAC_FLAGS = ['-proc:none', '-encoding', 'UTF-8', '-nowarn'];

export const DEFAULT_FIRESTORE_JAR =
  process.env.REGULARS_GCLOUD_FIRESTORE_JAR ?? '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';

/**
 * @param {{ firestoreJar?: string, outDir: string }} options
 * @returns {Promise<string>} absolute path of the runtime JAR
 */
export async function buildStorageRulesRuntime({ firestoreJar = DEFAULT_FIRESTORE_JAR, outDir }) {
  if (!outDir) throw new Error('buildStorageRulesRuntime: outDir is required');
  firestoreJar = resolve(firestoreJar);
  outDir = resolve(outDir);
  if (!existsSync(firestoreJar)) {
    throw new Error(
      `The Cloud Firestore emulator JAR was not found at ${firestoreJar}. The Storage rules runtime is ` +
        `compiled against it. Install it with the Google Cloud CLI (Debian/Ubuntu: ` +
        `apt-get install -y google-cloud-cli-firestore-emulator, or: gcloud components install ` +
        `cloud-firestore-emulator), or point REGULARS_GCLOUD_FIRESTORE_JAR at it.`,
    );
  }
  const sources = (await listFiles(sourceRoot)).filter((f) => f.endsWith('.java')).sort();
  const hash = createHash('sha256');
  for (const file of sources) {
    hash
      .update(relative(sourceRoot, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  const jarStat = await stat(firestoreJar);
  // Class-Path takes URLs: a file URL keeps spaces and other characters in the path intact.
  const manifestText = `Main-Class: ${MAIN_CLASS}\nClass-Path: ${pathToFileURL(firestoreJar).href}\n`;
  hash.update(`${JAVAC_FLAGS.join(' ')}\0${manifestText}\0${jarStat.size}\0${jarStat.mtimeMs}`);
  const jarPath = join(outDir, `storage-rules-runtime-${hash.digest('hex').slice(0, 12)}.jar`);
  if (existsSync(jarPath)) return jarPath;

  for (const tool of ['javac', 'jar']) {
    try {
      await run(tool, ['--version']);
    } catch {
      throw new Error(
        `'${tool}' was not found. Building the Storage rules runtime needs a JDK 17 or newer ` + `(Debian/Ubuntu: apt-get install -y openjdk-17-jdk-headless).`,
      );
    }
  }

  await mkdir(outDir, { recursive: true });
  const work = await mkdtemp(join(outDir, '.storage-rules-runtime-build-'));
  try {
    const classes = join(work, 'classes');
    await mkdir(classes);
    await javaTool('javac', [...JAVAC_FLAGS, '-cp', firestoreJar, '-d', classes, ...sources]);
    const manifest = join(work, 'MANIFEST.MF');
    await writeFile(manifest, manifestText);
    const tmpJar = join(work, 'runtime.jar');
    await javaTool('jar', ['--create', '--file', tmpJar, '--manifest', manifest, '-C', classes, '.']);
    await rename(tmpJar, jarPath); // atomic: a concurrent build never sees half a JAR
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return jarPath;
}

async function javaTool(tool, args) {
  try {
    await run(tool, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = /** @type {{ stderr?: string, stdout?: string, message: string }} */ (e);
    throw new Error(`${tool} failed while building the Storage rules runtime:\n${err.stderr || err.stdout || err.message}`);
  }
}

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const [outDir, firestoreJar] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: node tools/storage-rules-runtime/build.mjs <outDir> [firestoreJar]');
    process.exit(2);
  }
  try {
    console.log(await buildStorageRulesRuntime({ outDir, ...(firestoreJar ? { firestoreJar } : {}) }));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
