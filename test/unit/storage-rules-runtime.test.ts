// The offline Storage rules runtime (tools/storage-rules-runtime) at the protocol level, and the
// harness refusing to start the emulators on a storage.rules that does not compile.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { buildStorageRulesRuntime } from '../../tools/storage-rules-runtime/build.mjs';
// @ts-expect-error: plain JavaScript module without types
import { checkStorageRules } from '../../scripts/lib/emulator-env.mjs';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

describe('storage rules runtime', () => {
  it('speaks firebase-tools’ protocol: load, verify, firestore.get round trips, errors with line and column', async () => {
    const { stdout } = await run('node', [join(root, 'tools/storage-rules-runtime/selftest.mjs')], { timeout: 120_000 });
    expect(stdout).toMatch(/\n(\d+) passed, 0 failed\n?$/);
  }, 130_000);

  it('the harness refuses to start on a storage.rules that does not compile, naming file, line and problem', async () => {
    const jar: string = await buildStorageRulesRuntime({ outDir: join(root, '.emulators', 'bin') });
    const dir = mkdtempSync(join(tmpdir(), 'regulars-rules-'));
    writeFileSync(join(dir, 'storage.rules'), "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    allow read: if && true;\n  }\n}\n");
    expect(() => checkStorageRules(dir, jar)).toThrow(/storage\.rules does not compile[\s\S]*storage\.rules:4:\d+: error: /);
    writeFileSync(join(dir, 'storage.rules'), "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    allow read: if isOwnr();\n  }\n}\n");
    expect(() => checkStorageRules(dir, jar)).toThrow(/storage\.rules:4:\d+: error: Invalid function name/);
    expect(() => checkStorageRules(root, jar)).not.toThrow();
  }, 130_000);
});
