// The offline Storage rules runtime (tools/storage-rules-runtime) at the protocol level, and the
// harness refusing to start the emulators on a storage.rules that does not compile.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { buildStorageRulesRuntime } from '../../tools/storage-rules-runtime/build.mjs';
// @ts-expect-error: plain JavaScript module without types
import { checkStorageRules, prepareEmulatorEnv } from '../../scripts/lib/emulator-env.mjs';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
/** A storage ruleset whose `match /b/{bucket}/o` holds `body` (from line 4 on). */
const rules = (body: string) => `rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n${body}\n  }\n}\n`;

describe('storage rules runtime', () => {
  it('speaks firebase-tools’ protocol: load, verify, firestore.get round trips, errors with line and column', async () => {
    // On failure, the self-test's own report (which case, what it got) is the assertion's message.
    const { stdout, stderr } = await run('node', [join(root, 'tools/storage-rules-runtime/selftest.mjs')], { timeout: 120_000 }).catch(
      (err: { stdout?: string; stderr?: string; message: string }) => ({ stdout: err.stdout ?? '', stderr: `${err.message}\n${err.stderr ?? ''}` }),
    );
    expect(stdout, `${stdout}\n${stderr}`).toMatch(/\n(\d+) passed, 0 failed\n?$/);
  }, 130_000);

  it('the harness refuses to start on a storage.rules that does not compile, naming file, line and problem', async () => {
    const jar: string = await buildStorageRulesRuntime({ outDir: join(root, '.emulators', 'bin') });
    const dir = mkdtempSync(join(tmpdir(), 'regulars-rules-'));
    writeFileSync(
      join(dir, 'storage.rules'),
      "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    allow read: if && true;\n  }\n}\n",
    );
    expect(() => checkStorageRules(dir, jar)).toThrow(/storage\.rules does not compile[\s\S]*storage\.rules:4:\d+: error: /);
    writeFileSync(
      join(dir, 'storage.rules'),
      "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    allow read: if isOwnr();\n  }\n}\n",
    );
    expect(() => checkStorageRules(dir, jar)).toThrow(/storage\.rules:4:\d+: error: Invalid function name/);
    expect(() => checkStorageRules(root, jar)).not.toThrow();
  }, 130_000);

  it.each([
    ['an operator on the wrong types', "    allow get: if 1 + 'a' == 2;", /storage\.rules:4:21: error: Invalid type\. '\+' is not defined/],
    [
      'a string where a number is expected',
      "    allow get: if 'a' - 1 == 2;",
      /storage\.rules:4:19: error: Invalid type\. Received one of \[string\]\. Expected one of \[int, float, duration, timestamp\]/,
    ],
    [
      'a wrong argument type',
      "    allow get: if 'abc'.matches(3);",
      /storage\.rules:4:33: error: Invalid type\. Received one of \[int\]\. Expected one of \[string\]/,
    ],
    ['a condition that is not a boolean', '    allow get: if 1;', /storage\.rules:4:19: error: Invalid type\. Permission statements expect a boolean value/],
    [
      'a user function called with the wrong type',
      "    function next(n) { return n + 1; }\n    allow get: if next('s') == 2;",
      /storage\.rules:5:19: error: Invalid type\. 'next' is not defined/,
    ],
    ['values that can never be equal', "    allow get: if 1 == 'a';", /storage\.rules:4:21: error: The sub-expressions are not comparable/],
  ])(
    'the harness refuses a type error: %s',
    async (_what, body, message) => {
      const jar: string = await buildStorageRulesRuntime({ outDir: join(root, '.emulators', 'bin') });
      const dir = mkdtempSync(join(tmpdir(), 'regulars-rules-'));
      writeFileSync(join(dir, 'storage.rules'), rules(body));
      expect(() => checkStorageRules(dir, jar)).toThrow(message);
    },
    130_000,
  );

  it('prints the remaining warnings and starts all the same', async () => {
    const jar: string = await buildStorageRulesRuntime({ outDir: join(root, '.emulators', 'bin') });
    const dir = mkdtempSync(join(tmpdir(), 'regulars-rules-'));
    writeFileSync(join(dir, 'storage.rules'), rules('    function unused() { return true; }\n    match /a/{x} {\n      allow get: if true;\n    }'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(checkStorageRules(dir, jar)).toEqual(['storage.rules:4:14: warning: Unused function: unused.']);
    expect(warn).toHaveBeenCalledWith('storage.rules:4:14: warning: Unused function: unused.');
    expect(checkStorageRules(root, jar)).toEqual([]);
  }, 130_000);
});

describe('prepareEmulatorEnv (what the harness runs before starting the emulators)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of ['FIREBASE_EMULATORS_PATH', 'REGULARS_OFFLINE', 'STORAGE_EMULATOR_BINARY_PATH', 'FIRESTORE_EMULATOR_BINARY_PATH']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it('refuses to start in offline mode on a storage.rules with a type error, naming file, line and column', async () => {
    // A copy of the project's rules files, an empty firebase-tools cache and no network: offline mode.
    const dir = mkdtempSync(join(tmpdir(), 'regulars-project-'));
    writeFileSync(join(dir, 'storage.rules'), rules("    allow get: if request.auth != null && 1 + 'a' == 2;"));
    process.env.FIREBASE_EMULATORS_PATH = mkdtempSync(join(tmpdir(), 'regulars-cache-'));
    process.env.REGULARS_OFFLINE = '1';
    delete process.env.STORAGE_EMULATOR_BINARY_PATH;
    delete process.env.FIRESTORE_EMULATOR_BINARY_PATH;
    await expect(prepareEmulatorEnv(dir)).rejects.toThrow(/emulators were not started:\nstorage\.rules:4:45: error: Invalid type\./);

    copyFileSync(join(root, 'storage.rules'), join(dir, 'storage.rules'));
    const mode = await prepareEmulatorEnv(dir);
    expect(mode.storage).toMatch(/offline Storage rules runtime.*storage\.rules enforced/);
    expect(mode.env.STORAGE_EMULATOR_BINARY_PATH).toMatch(/storage-rules-runtime-[0-9a-f]{12}\.jar$/);
  }, 180_000);
});
