#!/usr/bin/env node
// The one harness that starts what a run needs and stops it cleanly.
//
//   node scripts/harness.mjs test [vitest filters]   unit tests, then the emulator suites (npm test)
//   node scripts/harness.mjs start                   emulators + web client + demo data (npm start)
//   node scripts/harness.mjs exec -- <command...>    any command inside the emulators (benchmarks)
//
// Ports are fixed in firebase.json ("emulators"). Offline, the emulator binaries come from the
// machine (see scripts/lib/emulator-env.mjs); the mode is printed at start and in the summary.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareEmulatorEnv } from './lib/emulator-env.mjs';
import { GCLOUD_FIRESTORE_JAR, officialEmulator } from './lib/emulator-binaries.mjs';
import { failedTests, reporterArgs } from './lib/failures.mjs';
import { reapStrays, run, RUN_MARKER } from './lib/processes.mjs';
import { startMailCapture } from './lib/mail-capture.mjs';
import { startWalletCapture } from './lib/wallet-capture.mjs';
import { dotenvValue, generateWalletCredentials } from './lib/wallet-credentials.mjs';
import { functionsNode, runtimeWatcher } from './lib/functions-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
export const PROJECT = 'demo-regulars';
// `tasks`: the Cloud Tasks emulator (in firebase-tools, offline), for the import's continuation queue.
const EMULATORS = 'auth,firestore,functions,storage,hosting,tasks';
const startedAt = Date.now();
// Every process this run starts inherits this marker, so the sweep below stops only those.
const runId = `${process.pid}-${startedAt}`;
process.env[RUN_MARKER] = runId;

function banner(mode) {
  console.log('\n── regulars emulators ─────────────────────────────────────────');
  console.log(`  firebase-tools and the functions: Node ${mode.node.version} (${mode.node.binDir})`);
  console.log(`  Firestore: ${mode.firestore}`);
  console.log(`  Storage rules: ${mode.storage}`);
  console.log('────────────────────────────────────────────────────────────────\n');
}

/**
 * The emulators read secrets from functions/.secret.local (git-ignored, rewritten each run): a fake
 * SendGrid key, which only the local capture server accepts (functions/.env.local points the client
 * there), and wallet credentials generated for this run under a temp dir (a test CA standing for
 * Apple's WWDR, a Pass Type ID certificate, a Google service account key, a link secret), and a link
 * signing key for the emulators only (tests read it to forge expired or foreign links).
 */
const walletDir = mkdtempSync(join(tmpdir(), 'regulars-wallet-'));
process.on('exit', () => rmSync(walletDir, { recursive: true, force: true }));
let walletCredentials;

function ensureLocalSecrets() {
  walletCredentials ??= generateWalletCredentials(walletDir);
  const c = walletCredentials;
  const lines = [
    'SENDGRID_API_KEY=SG.local-capture-only',
    'LINK_SIGNING_KEY=local-emulators-only-link-signing-key',
    `WALLET_LINK_SECRET=${c.linkSecret}`,
    `APPLE_PASS_CERT=${dotenvValue(c.cert)}`,
    `APPLE_PASS_KEY=${dotenvValue(c.key)}`,
    `APPLE_WWDR_CERT=${dotenvValue(c.wwdr)}`,
    `GOOGLE_WALLET_SA_KEY=${dotenvValue(c.serviceAccount)}`,
  ];
  writeFileSync(join(root, 'functions', '.secret.local'), lines.join('\n') + '\n');
}

/**
 * Parameters of this run (functions/.env.demo-regulars, git-ignored, rewritten each run and removed
 * at exit): the import's ramp lifted (IMPORT_WRITES_PER_SECOND=10000), so tests and benchmarks
 * measure the code, not the throttle; REGULARS_FUNCTIONS_PARAMS (`NAME=value,NAME=value`) sets
 * others or overrides it (the ramp benchmark: the ramp on and 60 s invocations).
 */
const runParams = join(root, 'functions', `.env.${PROJECT}`);
process.on('exit', () => rmSync(runParams, { force: true }));

function writeRunParams() {
  const params = new Map([['IMPORT_WRITES_PER_SECOND', '10000']]);
  for (const pair of (process.env.REGULARS_FUNCTIONS_PARAMS ?? '').split(',').filter(Boolean)) {
    const [name, ...value] = pair.split('=');
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`REGULARS_FUNCTIONS_PARAMS: not a parameter name: ${name}`);
    params.set(name, value.join('='));
  }
  const lines = ['# Written by scripts/harness.mjs for this run only (see writeRunParams).', ...[...params].map(([k, v]) => `${k}=${v}`)];
  writeFileSync(runParams, lines.join('\n') + '\n');
}

async function build() {
  ensureLocalSecrets();
  writeRunParams();
  // Side by side: tsc and Vite use one core each.
  await Promise.all(
    ['functions', 'web'].map(async (ws) => {
      const code = await run('npm', ['run', 'build', '--silent', '-w', ws], { cwd: root });
      if (code !== 0) throw new Error(`build of ${ws} failed (exit ${code})`);
    }),
  );
}

async function cleanup() {
  const markers = [join(root, '.emulators'), GCLOUD_FIRESTORE_JAR, officialEmulator('firestore').cached, officialEmulator('storage').cached];
  const strays = await reapStrays(markers, Math.ceil((Date.now() - startedAt) / 1000) + 5, runId);
  for (const s of strays) console.error(`harness: stopped a stray emulator process ${s.pid}: ${s.args.slice(0, 160)}`);
  return strays.length;
}

/**
 * Knobs for benchmarks: REGULARS_FUNCTIONS_HEAP_MB caps the V8 heap of firebase-tools and so of the
 * function workers it starts (to check a function fits its memory: the emulator does not enforce
 * it); REGULARS_EMULATOR_HEAP gives the Java emulators a larger heap (e.g. 16g for a million docs).
 */
function benchKnobs() {
  const env = {};
  if (process.env.REGULARS_FUNCTIONS_HEAP_MB) env.NODE_OPTIONS = `--max-old-space-size=${process.env.REGULARS_FUNCTIONS_HEAP_MB}`;
  if (process.env.REGULARS_EMULATOR_HEAP) env.JAVA_TOOL_OPTIONS = `-Xmx${process.env.REGULARS_EMULATOR_HEAP}`;
  return env;
}

/**
 * firebase-tools gives the functions' code 10 s to load before it gives up on every function
 * ("Cannot determine backend specification"); on a shared, loaded machine loading alone can take
 * longer. FUNCTIONS_DISCOVERY_TIMEOUT (seconds, firebase-tools' own override) raises it.
 */
function discovery() {
  return { FUNCTIONS_DISCOVERY_TIMEOUT: process.env.FUNCTIONS_DISCOVERY_TIMEOUT ?? '60' };
}

/** The emulators' environment: offline binaries, and the functions' Node first on PATH. */
async function prepare() {
  const mode = await prepareEmulatorEnv(root);
  mode.node = functionsNode(root);
  mode.env = { ...mode.env, ...mode.node.env() };
  return mode;
}

async function exec(command, mode, onLine) {
  const env = { ...mode.env, ...benchKnobs(), ...discovery(), REGULARS_PROJECT: PROJECT, REGULARS_WALLET_TEST_DIR: walletDir };
  const args = ['--non-interactive', 'emulators:exec', '--project', PROJECT, '--only', EMULATORS, command];
  if (!onLine) return run(bin('firebase'), args, { env, cwd: root });
  return runWatchingLines(bin('firebase'), args, { env, cwd: root }, onLine);
}

/** Like run(), but the child's stdout goes through here line by line (still streamed as it comes). */
function runWatchingLines(cmd, args, { env, cwd }, onLine) {
  return new Promise((resolve, reject) => {
    // Its own process group, so that an interruption reaches the script it runs too (below).
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, ...env }, cwd, detached: true });
    let partial = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) onLine(line.replace(/\r$/, ''));
    });
    child.stdout.on('end', () => partial && onLine(partial));
    // Interrupted (Ctrl-C, a kill): the emulators and the script are asked to stop, and the harness
    // goes on to its sweep and summary (failed), instead of leaving them running on the fixed ports.
    let interrupted = false;
    const forward = (sig) => {
      interrupted = true;
      try {
        process.kill(-child.pid, sig);
      } catch {
        child.kill(sig);
      }
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(interrupted ? 130 : (code ?? (signal ? 128 : 1)));
    });
  });
}

async function test(filters) {
  const mode = await prepare();
  banner(mode);
  await build();
  const resultsDir = mkdtempSync(join(tmpdir(), 'regulars-results-'));
  process.on('exit', () => rmSync(resultsDir, { recursive: true, force: true }));
  const unitResults = join(resultsDir, 'unit.json');
  const unit = await run(bin('vitest'), ['run', '--project', 'unit', '--passWithNoTests', ...reporterArgs(unitResults), ...filters], {
    cwd: root,
    env: { REGULARS_FUNCTIONS_BUILT: '1' }, // built just above: the deploy check's tests need not build again
  });
  const failures = failedTests(unitResults, root).map((l) => `unit: ${l}`);
  const deploy = filters.length ? null : await run('node', [join(root, 'scripts', 'deploy-check.mjs')], { cwd: root });
  const quoted = filters.map((f) => `'${f.replace(/'/g, "'\\''")}'`).join(' ');
  const mail = await startMailCapture();
  const walletCapture = await startWalletCapture(walletCredentials);
  const functions = runtimeWatcher();
  let suitesNode = null;
  const watch = (line) => {
    functions.onLine(line);
    const m = /^── suites on Node (v[\d.]+)/.exec(line);
    if (m) suitesNode = m[1];
    const f = /^── failed test: (.*)$/.exec(line);
    if (f) failures.push(f[1]);
  };
  const suites = await exec(`node scripts/suites.mjs ${quoted}`.trim(), mode, watch).finally(() => Promise.all([mail.close(), walletCapture.close()]));
  const strays = await cleanup();
  // Measured, not assumed: the versions function instances logged when they started.
  const ran = functions.versions();
  const wrongNode = ran.filter((v) => v.split('.')[0] !== mode.node.version.split('.')[0]);
  console.log('\n── regulars test summary ───────────────────────────────────────');
  console.log(`  unit tests (Node ${process.version}): ${unit === 0 ? 'passed' : 'FAILED'}`);
  console.log(`  deploy check: ${deploy === null ? 'not run (filtered run)' : deploy === 0 ? 'passed' : 'FAILED'}`);
  console.log(`  emulator suites (rules, integration, browser): ${suites === 0 ? 'passed' : 'FAILED'}, on Node ${suitesNode ?? 'unknown'}`);
  console.log(
    `  functions ran on: Node ${functions.summary() ?? '(no function instance started)'}${wrongNode.length ? ` — NOT the deployed runtime's major (${mode.node.version})` : ''}`,
  );
  console.log(`  Firestore: ${mode.firestore}`);
  console.log(`  Storage rules: ${mode.storage}`);
  console.log(`  stray emulator processes after the run: ${strays}`);
  for (const line of failures) console.log(`  FAILED ${line}`);
  console.log('────────────────────────────────────────────────────────────────');
  return unit === 0 && (deploy ?? 0) === 0 && suites === 0 && strays === 0 && !wrongNode.length ? 0 : 1;
}

async function start() {
  const mode = await prepare();
  banner(mode);
  await build();
  const mail = await startMailCapture();
  const walletCapture = await startWalletCapture(walletCredentials);
  const env = { ...process.env, ...mode.env, ...discovery(), REGULARS_PROJECT: PROJECT, REGULARS_MAIL_CAPTURE: mail.url, REGULARS_WALLET_TEST_DIR: walletDir };
  // Keep the local data between runs: import what the last run exported, if anything.
  const data = join(root, '.emulators', 'data');
  const importArgs = existsSync(join(data, 'firebase-export-metadata.json')) ? ['--import', data] : [];
  const child = spawn(
    bin('firebase'),
    ['--non-interactive', 'emulators:exec', '--project', PROJECT, '--only', EMULATORS, ...importArgs, '--export-on-exit', data, 'node scripts/dev-session.mjs'],
    { stdio: 'inherit', env, cwd: root },
  );
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((r) => child.on('exit', (c) => r(c ?? 0)));
  await mail.close();
  await walletCapture.close();
  await cleanup();
  return code;
}

const [command, ...rest] = process.argv.slice(2);
let code;
try {
  if (command === 'test') code = await test(rest);
  else if (command === 'start') code = await start();
  else if (command === 'exec') {
    const mode = await prepare();
    banner(mode);
    await build();
    const mail = await startMailCapture();
    const walletCapture = await startWalletCapture(walletCredentials);
    // A benchmark's result line (`BENCH {json}`) must be the last line of the output, but the
    // emulators print their shutdown after the command's output: the last one is printed again
    // once everything has stopped.
    let bench = null;
    const watch = (line) => {
      if (line.startsWith('BENCH ')) bench = line;
    };
    code = await exec(rest.filter((a) => a !== '--').join(' '), mode, watch).finally(() => Promise.all([mail.close(), walletCapture.close()]));
    await cleanup();
    if (bench) console.log(bench);
  } else {
    console.error('usage: harness.mjs test [filters] | start | exec -- <command>');
    code = 2;
  }
} catch (err) {
  console.error(`harness: ${err instanceof Error ? err.message : err}`);
  await cleanup();
  code = 1;
}
process.exit(code);
