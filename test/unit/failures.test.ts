// The harness's summary names the tests that failed (scripts/lib/failures.mjs): checked on a real
// vitest run of two probe files, one with a failing test and one that cannot even be loaded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { failedTests, reporterArgs } from '../../scripts/lib/failures.mjs';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'regulars-failures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('lists each failed test and each file that could not run, with the first line of its error', () => {
  writeFileSync(join(dir, 'vitest.config.mjs'), 'export default { test: { globals: true } };\n');
  writeFileSync(join(dir, 'probe.test.mjs'), "describe('probe', () => { it('fails on purpose', () => { expect(1).toBe(2); }); it('passes', () => {}); });\n");
  writeFileSync(join(dir, 'broken.test.mjs'), "import './missing-module.mjs';\n");
  writeFileSync(join(dir, 'slow.test.mjs'), "it('runs out of time', async () => { await new Promise((r) => setTimeout(r, 2000)); }, 100);\n");
  const results = join(dir, 'results.json');
  let code = 0;
  try {
    execFileSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--root', dir, ...reporterArgs(results)], { stdio: 'pipe' });
  } catch (err) {
    code = (err as { status: number }).status;
  }
  expect(code).toBe(1);
  const lines: string[] = failedTests(results, dir);
  expect(lines).toHaveLength(3);
  expect(lines).toContain('slow.test.mjs › runs out of time — timed out (no other message)');
  expect(lines).toContain('probe.test.mjs › probe fails on purpose — AssertionError: expected 1 to be 2 // Object.is equality');
  expect(lines.find((l) => l.startsWith('broken.test.mjs — '))).toMatch(/missing-module\.mjs/);
  expect(failedTests(join(dir, 'absent.json'), dir)).toEqual([]);
}, 60_000);
