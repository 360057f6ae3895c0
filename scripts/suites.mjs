// Runs inside `firebase emulators:exec`: the suites that need the emulators, one after the other
// (the rules suites clear Firestore between tests, so nothing else may run at the same time).
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './lib/processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
let failed = 0;
// The harness runs this on the functions' Node (PATH) and prints the version in its summary.
console.log(`── suites on Node ${process.version}`);
for (const project of ['rules', 'integration', 'browser']) {
  console.log(`\n── vitest project: ${project} ──`);
  const code = await run(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--project', project, '--passWithNoTests', ...filters], { cwd: root });
  if (code !== 0) failed++;
}
process.exit(failed ? 1 : 0);
