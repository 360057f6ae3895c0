// Runs inside `firebase emulators:exec`: the suites that need the emulators, one after the other
// (the rules suites clear Firestore between tests, so nothing else may run at the same time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failedTests, reporterArgs } from './lib/failures.mjs';
import { run } from './lib/processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const results = mkdtempSync(join(tmpdir(), 'regulars-results-'));
let failed = 0;
const names = [];
// The harness runs this on the functions' Node (PATH) and prints the version in its summary.
console.log(`── suites on Node ${process.version}`);
for (const project of ['rules', 'integration', 'browser']) {
  console.log(`\n── vitest project: ${project} ──`);
  const file = join(results, `${project}.json`);
  const args = ['run', '--project', project, '--passWithNoTests', ...reporterArgs(file), ...filters];
  const code = await run(join(root, 'node_modules', '.bin', 'vitest'), args, { cwd: root });
  if (code !== 0) failed++;
  const lines = failedTests(file, root);
  if (code !== 0 && !lines.length) lines.push(`the ${project} suite exited with code ${code}`);
  names.push(...lines.map((l) => `${project}: ${l}`));
}
rmSync(results, { recursive: true, force: true });
// The harness repeats these lines in its summary (the marker is how it finds them).
for (const line of names) console.log(`── failed test: ${line}`);
process.exit(failed ? 1 : 0);
