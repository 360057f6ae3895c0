// The query shapes the deploy check reads must be the queries the code makes: each file's literal
// `where(field, op)`, `orderBy(field[, dir])` and `collectionGroup(id)` are exactly those it declares
// (functions/src/queryShapes.ts, web/src/queryShapes.ts), and every file that queries is listed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS_QUERIES } from '../../functions/src/queryShapes';
import { WEB_QUERIES } from '../../web/src/queryShapes';
import type { QueryShape } from '../../functions/src/model/queryShape';

const root = join(import.meta.dirname, '..', '..');
const declared: Record<string, QueryShape[]> = { ...FUNCTIONS_QUERIES, ...WEB_QUERIES };

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && e.name !== 'queryShapes.ts' ? [join(dir, e.name)] : [],
  );
}

/** What a file's query code names literally: `where:field:op`, `orderBy:field:dir`, `group:id`. */
function usedIn(text: string): Set<string> {
  const used = new Set<string>();
  for (const m of text.matchAll(/\bwhere\(\s*'([^']+)'\s*,\s*'([^']+)'/g)) used.add(`where:${m[1]}:${m[2]}`);
  for (const m of text.matchAll(/\borderBy\(\s*'([^']+)'(?:\s*,\s*'(asc|desc)')?/g)) used.add(`orderBy:${m[1]}:${m[2] ?? 'asc'}`);
  // A collection group by its literal id, or by its name in model/paths.ts' COLLECTION.
  for (const m of text.matchAll(/\bcollectionGroup\(\s*(?:db\s*,\s*)?(?:'([^']+)'|COLLECTION\.(\w+))/g)) used.add(`group:${m[1] ?? m[2]}`);
  return used;
}

const isQuerying = (text: string) => /\b(where|orderBy|collectionGroup)\(/.test(text);

describe('query shapes', () => {
  const files = [...sources('functions/src'), ...sources('web/src')].map((f) => relative(root, join(root, f)));

  it('every file that queries Firestore declares its shapes, and every declaration names such a file', () => {
    const querying = files.filter((f) => isQuerying(readFileSync(join(root, f), 'utf8')));
    expect(querying.sort()).toEqual(Object.keys(declared).sort());
  });

  for (const [file, shapes] of Object.entries(declared)) {
    it(`${file}: the literal fields, operators, orders and groups of its queries are the declared ones`, () => {
      const text = readFileSync(join(root, file), 'utf8');
      const literal = usedIn(text);
      const shaped = new Set<string>();
      for (const s of shapes) {
        if (s.group) shaped.add(`group:${s.collection}`);
        for (const w of s.where ?? []) shaped.add(`where:${w.field}:${w.op}`);
        for (const o of s.orderBy ?? []) shaped.add(`orderBy:${o.field}:${o.direction ?? 'asc'}`);
      }
      // Declared but built at run time (k.*, FieldPath.documentId(), a field from a list): the name
      // must still appear in the file, as the `k(...)` helper, `documentId()` or a string literal.
      const runTime = [...shaped].filter((key) => !literal.has(key));
      for (const key of runTime) {
        const field = key.split(':')[1]!;
        const found =
          field === 'k.*' ? /\bk\(|new FieldPath\('k'/.test(text) : field === '__name__' ? /documentId\(\)/.test(text) : text.includes(`'${field}'`);
        expect(found, `${key} is declared but not in ${file}`).toBe(true);
      }
      expect(
        [...literal].filter((key) => !shaped.has(key)),
        `queries in ${file} not declared`,
      ).toEqual([]);
      // every collection a shape names appears in the file
      for (const s of shapes) {
        const named = text.includes(`'${s.collection}'`) || text.includes(`COLLECTION.${s.collection}`) || /Of\(|Ref\(|paths\.\w+\(/.test(text);
        expect(named, `${s.collection} in ${file}`).toBe(true);
      }
    });
  }
});
