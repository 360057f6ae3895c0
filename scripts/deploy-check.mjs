#!/usr/bin/env node
// `npm run deploy:check`: what `firebase deploy` would refuse or get wrong, found offline.
//   1. the runtime: firebase.json and functions/package.json agree, and it is not decommissioned
//      (scripts/lib/deploy/runtime-schedule.json, with its source);
//   2. the functions are built as deploy builds them (firebase.json predeploy), loaded through
//      firebase-tools' own discovery, and each trigger's runtime, region, memory, timeout, instances,
//      secrets and every parameter match the README ("What is deployed");
//   3. firestore.rules and storage.rules compile;
//   4. firestore.indexes.json serves every query shape the code declares.
// Exit status 1 on any error. What only a real project can prove: see the README.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverFunctions, firebaseToolsRuntimes, functionsConfig } from './lib/deploy/discover.mjs';
import { compareWithDocumented, readDocumented } from './lib/deploy/documented.mjs';
import { checkIndexes } from './lib/deploy/indexes.mjs';
import { compileRules, rulesCompiler } from './lib/deploy/rules.mjs';
import { checkRuntime } from './lib/deploy/runtime.mjs';
import { declaredQueries } from './lib/deploy/shapes.mjs';
import { functionsNode } from './lib/functions-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'));
let failed = 0;

function report(title, errors, notes = []) {
  console.log(`${errors.length ? '✗' : '✔'} ${title}`);
  for (const n of notes) console.log(`    ${n}`);
  for (const e of errors) console.log(`    ERROR ${e}`);
  if (errors.length) failed++;
}

const firebaseJson = json('firebase.json');
const codebase = functionsConfig(firebaseJson);
const sourceDir = resolve(root, codebase.source);

const runtime = checkRuntime({
  runtime: codebase.runtime,
  enginesNode: json(join(codebase.source, 'package.json')).engines?.node,
  toolsRuntimes: firebaseToolsRuntimes,
});
report(`runtime ${codebase.runtime}`, runtime.errors, runtime.notes);

// As firebase-tools runs predeploy hooks: in a shell, from the project, with RESOURCE_DIR set.
for (const hook of [codebase.predeploy ?? []].flat()) {
  console.log(`  predeploy: ${hook}`);
  execSync(hook, { cwd: root, stdio: 'inherit', env: { ...process.env, RESOURCE_DIR: sourceDir, PROJECT_DIR: root } });
}

const node = functionsNode(root);
try {
  const { build } = await discoverFunctions(root, { pathPrefix: node.binDir });
  const errors = compareWithDocumented(build, readDocumented(readFileSync(join(root, 'README.md'), 'utf8')));
  report(
    `functions: ${Object.keys(build.endpoints).length} triggers and ${build.params.length} parameters match the README (discovered on Node ${node.version})`,
    errors,
  );
} catch (err) {
  report('functions: discovery', [String(err?.message ?? err)]);
}

const jar = await rulesCompiler(root);
for (const file of [firebaseJson.firestore?.rules, firebaseJson.storage?.rules].filter(Boolean)) {
  const { errors, warnings } = compileRules(jar, join(root, file), root);
  report(`${file} compiles`, errors, warnings);
}

const shapes = Object.values(await declaredQueries(root)).flat();
const indexes = checkIndexes(shapes, json(firebaseJson.firestore.indexes));
report(
  `${firebaseJson.firestore.indexes} serves the ${shapes.length} declared query shapes`,
  indexes.errors,
  indexes.unused.map((i) => `note: composite index ${i.collectionGroup} (${i.fields.map((f) => f.fieldPath).join(', ')}) is needed by no declared query`),
);

console.log(failed ? `deploy check: ${failed} check(s) FAILED` : 'deploy check: passed');
process.exit(failed ? 1 : 0);
