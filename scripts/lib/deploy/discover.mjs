// Loads the built functions as `firebase deploy` and the Functions emulator do: through
// firebase-tools' own runtime delegate (lib/deploy/functions/runtimes), which starts the functions
// SDK's admin server (`firebase-functions <dir>`) on a local port and reads its `__/functions.yaml`
// manifest (discovery/index.js detectFromPort), then turns it into firebase-tools' Build. Offline:
// the only connection is to 127.0.0.1.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const toolsLib = join(dirname(require.resolve('firebase-tools/package.json')), 'lib');
const runtimes = require(join(toolsLib, 'deploy/functions/runtimes/index.js'));
const { RUNTIMES } = require(join(toolsLib, 'deploy/functions/runtimes/supported/index.js'));

/** The default codebase of firebase.json's "functions". */
export function functionsConfig(firebaseJson) {
  const list = Array.isArray(firebaseJson.functions) ? firebaseJson.functions : [firebaseJson.functions];
  return list.find((c) => (c.codebase ?? 'default') === 'default') ?? list[0];
}

/** The runtimes firebase-tools 14.27.0 accepts, with the dates it carries (for the README's comparison). */
export const firebaseToolsRuntimes = RUNTIMES;

/**
 * @param {string} root project root
 * @param {{ projectId?: string, env?: Record<string,string>, pathPrefix?: string }} [opts]
 *   pathPrefix: a directory put first on PATH, so the admin server (a `#!/usr/bin/env node`
 *   script) runs on the Node the functions are deployed on.
 * @returns {Promise<{ runtime: string, build: any }>}
 */
export async function discoverFunctions(root, { projectId = 'demo-regulars', env = {}, pathPrefix } = {}) {
  const config = functionsConfig(JSON.parse(readFileSync(join(root, 'firebase.json'), 'utf8')));
  const sourceDir = resolve(root, config.source);
  const delegate = await runtimes.getRuntimeDelegate({ projectId, projectDir: root, sourceDir, runtime: config.runtime });
  await delegate.validate();
  const savedPath = process.env.PATH;
  if (pathPrefix) process.env.PATH = `${pathPrefix}:${savedPath ?? ''}`;
  try {
    const build = await delegate.discoverBuild({}, { GCLOUD_PROJECT: projectId, ...env });
    return { runtime: delegate.runtime, build };
  } finally {
    process.env.PATH = savedPath;
  }
}
