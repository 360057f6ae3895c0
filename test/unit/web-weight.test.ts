// The web client's weight budget (bench/web-weight.mjs) on every `npm test`: the point of sale's
// first load stays within 150 KB of gzipped script and no source map is in the deployed folder.
// The harness builds the web client before the unit tests; run alone, this test builds it when
// web/dist is missing. The bench must also fail: over a budget it cannot meet, it exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bench = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(root, 'bench', 'web-weight.mjs')], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
const figures = (stdout: string) => JSON.parse(/^BENCH (.*)$/m.exec(stdout)?.[1] ?? 'null') as Record<string, number> | null;

describe('web client weight (bench/web-weight.mjs)', () => {
  beforeAll(() => {
    if (existsSync(join(root, 'web', 'dist', 'index.html'))) return;
    const build = spawnSync('npm', ['run', 'build', '--silent', '-w', 'web'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
  }, 180_000);

  it('the point of sale loads at most 150 KB of gzipped script first, and no source map is deployed', () => {
    const run = bench();
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const result = figures(run.stdout);
    expect(result).not.toBeNull();
    expect(result!.budgetPointOfSale).toBe(150);
    expect(result!.pointOfSale).toBeGreaterThan(0);
    expect(result!.pointOfSale).toBeLessThanOrEqual(150);
    // The page's own chunk is counted on top of the entry script.
    expect(result!.pointOfSale).toBeGreaterThan(result!.signIn ?? Infinity);
    expect(result!.mapsInDist).toBe(0);
  });

  it('fails (exit 1) when the point of sale is over its budget', () => {
    const run = bench({ WEB_WEIGHT_BUDGET_KB: '20' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('OVER');
    expect(run.stderr).toContain('over its budget of 20 KB');
  });
});
