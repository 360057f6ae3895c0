// The import's limits (issue 19: a million rows): the constants the function, storage.rules and the
// web client share, and the refusals said in each language with the limit written as it reads.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../functions/src/model/import';
import { message } from '../../functions/src/model/messages';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('import limits', () => {
  it('a file of a million rows is allowed, and up to 256 MiB', () => {
    expect(MAX_IMPORT_ROWS).toBe(1_000_000);
    expect(MAX_IMPORT_BYTES).toBe(256 * 1024 * 1024);
  });

  it('storage.rules refuse an import upload above the same size', () => {
    const rules = readFileSync(join(root, 'storage.rules'), 'utf8');
    const limit = /match \/imports\/\{chainId\}\/\{file=\*\*\}[\s\S]*?request\.resource\.size <= ([\d\s*]+)\n/.exec(rules)?.[1];
    expect(limit).toBeDefined();
    const bytes = limit!
      .split('*')
      .map((n) => Number(n.trim()))
      .reduce((a, b) => a * b, 1);
    expect(bytes).toBe(MAX_IMPORT_BYTES);
  });

  it('the refusals name the limits in the uploader’s language', () => {
    expect(message('en', 'import.tooManyRows', { max: MAX_IMPORT_ROWS })).toContain('more than 1,000,000 customer rows');
    expect(message('fr', 'import.tooManyRows', { max: MAX_IMPORT_ROWS })).toMatch(/plus de 1\s000\s000 lignes/u);
    expect(message('de', 'import.tooManyRows', { max: MAX_IMPORT_ROWS })).toContain('mehr als 1.000.000 Kundenzeilen');
    expect(message('en', 'import.tooLarge', { max: MAX_IMPORT_BYTES })).toContain('larger than 256 MiB');
    expect(message('fr', 'import.tooLarge', { max: MAX_IMPORT_BYTES })).toContain('256 MiB');
  });
});
