#!/usr/bin/env node
// The web client's weight from the build output (web/dist, as Hosting deploys it): the gzipped
// script a first visit loads for each entry page (the entry script, its static imports, and the
// page's own chunk with its static imports; lazily loaded code is not counted), and whether any
// source map is left in the deployed folder. Run after `npm run build -w web`. No emulators.
// Exits 1 when the point of sale's first load is over its budget (150 KB gzipped; WEB_WEIGHT_BUDGET_KB
// sets another, e.g. for the test that proves the failure) or when a source map is in the folder:
// test/unit/web-weight.test.ts runs it on every `npm test`, so the weight cannot regress unnoticed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const budget = Number(process.env.WEB_WEIGHT_BUDGET_KB ?? 150);
const dist = process.env.WEB_DIST ?? join(import.meta.dirname, '..', 'web', 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('web/dist/index.html is missing: run `npm run build -w web` first');
  process.exit(1);
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entry = /<script type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
const assets = readdirSync(join(dist, 'assets'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
/** A chunk and the chunks it imports statically (`import … from "./x.js"`), transitively. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([\w.-]+\.js)["']/g)) closure(`assets/${m[1]}`, seen);
  return seen;
}
const pageChunk = (name) => assets.find((a) => a.startsWith(`${name}-`) && a.endsWith('.js'));
const first = closure(entry);
const kb = (bytes) => Math.round(bytes / 102.4) / 10;
const sum = (files) => [...files].reduce((n, f) => n + gz(f), 0);
const pages = { signIn: null, pointOfSale: 'PointOfSale', customers: 'CustomerList' };
const figures = {};
for (const [key, chunk] of Object.entries(pages)) {
  const files = new Set(first);
  if (chunk) for (const f of closure(`assets/${pageChunk(chunk)}`)) files.add(f);
  figures[key] = kb(sum(files));
}
const maps = readdirSync(dist, { recursive: true }).filter((f) => String(f).endsWith('.map'));
console.log(`entry script: ${entry} (${kb(gz(entry))} KB gzipped)`);
for (const [key, value] of Object.entries(figures)) console.log(`first load of ${key}: ${value} KB of gzipped script`);
const within = figures.pointOfSale <= budget;
console.log(`point of sale budget: ${budget} KB gzipped — ${within ? 'within' : 'OVER'}`);
console.log(`source maps in the deployed folder: ${maps.length}`);
console.log(`BENCH ${JSON.stringify({ bench: 'web-weight', unit: 'KB gzip', ...figures, budgetPointOfSale: budget, mapsInDist: maps.length })}`);
if (!within) console.error(`the point of sale's first load (${figures.pointOfSale} KB gzipped) is over its budget of ${budget} KB`);
if (maps.length) console.error(`source maps in ${dist}: ${maps.join(', ')} (Hosting would publish them)`);
if (!within || maps.length) process.exit(1);
