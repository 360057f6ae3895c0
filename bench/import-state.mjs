// npm run bench:import:state — the memory an import part needs to take over the state an earlier
// part carried (imports/carried.ts), at a million rows (BENCH_STATE_ROWS=n for another size). No emulator: the state is built, saved to a
// temporary file and loaded back, each in a fresh Node process, whose peak resident memory
// (`maxRSS`) is what a part would need for it. Now: what a writing import carries (the customers'
// ids and rows, gzipped JSON lines, streamed; its match keys are in Firestore by then). Baseline,
// measured in the same run: what it carried before (ids, rows and keys, one JSON document parsed
// at once, then copied into maps).
// Prints the figures and ends with a BENCH line; ratio = peak memory now / peak memory before.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, createReadStream, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const [mode, format, file] = process.argv.slice(2);
const rows = Number(process.env.BENCH_STATE_ROWS ?? 1_000_000);

function carried() {
  const written = new Map();
  const keys = new Map();
  for (let i = 0; i < rows; i++) {
    const id = createHash('sha1')
      .update(`bench-import:${i + 2}`)
      .digest('hex')
      .slice(0, 20);
    written.set(id, i + 2);
    keys.set(`e:customer.${i}.${(i * 7919) % 100_000}@example-mail.test`, id);
  }
  return { matcher: { written, keys }, states: new Map() };
}

if (mode === 'save') {
  const c = carried();
  if (format === 'lines') {
    // What a writing import carries now: the customers' ids and rows (its keys are in Firestore).
    const { carriedLines } = await import('../functions/lib/imports/carried.js');
    await pipeline(Readable.from(carriedLines({ ...c, matcher: { ...c.matcher, keys: new Map() } })), createGzip(), createWriteStream(file));
  } else {
    writeFileSync(file, JSON.stringify({ matcher: { written: [...c.matcher.written], keys: [...c.matcher.keys] }, states: [] }));
  }
  process.exit(0);
}

if (mode === 'load') {
  const t0 = performance.now();
  let held;
  if (format === 'lines') {
    const { readCarried } = await import('../functions/lib/imports/carried.js');
    await pipeline(createReadStream(file), createGunzip(), async (chunks) => {
      held = await readCarried(chunks);
    });
  } else {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    held = { written: new Map(parsed.matcher.written), keys: new Map(parsed.matcher.keys) };
  }
  const seconds = (performance.now() - t0) / 1000;
  const size = (held.matcher ?? held).written.size;
  console.log(JSON.stringify({ seconds, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024), entries: size }));
  process.exit(0);
}

// The parent: both formats, each saved then loaded in fresh processes.
const self = fileURLToPath(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'bench-import-state-'));
const measure = (fmt) => {
  const path = join(dir, fmt === 'lines' ? 'state.jsonl.gz' : 'state.json');
  execFileSync(process.execPath, ['--max-old-space-size=4096', self, 'save', fmt, path], { stdio: 'inherit' });
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', self, 'load', fmt, path], { encoding: 'utf8' });
  const result = JSON.parse(out.trim().split('\n').pop());
  if (result.entries !== rows) throw new Error(`${fmt}: ${result.entries} entries loaded, ${rows} expected`);
  return { ...result, fileMB: Math.round(statSync(path).size / 1e5) / 10 };
};
try {
  const before = measure('json');
  const now = measure('lines');
  const ratio = Math.round((now.peakMiB / before.peakMiB) * 100) / 100;
  console.log(`state of ${rows.toLocaleString('en')} rows`);
  console.log(`  before (one JSON document): ${before.fileMB} MB, loaded in ${before.seconds.toFixed(1)} s, peak ${before.peakMiB} MiB`);
  console.log(`  now (ids and rows, gzipped JSON lines): ${now.fileMB} MB, loaded in ${now.seconds.toFixed(1)} s, peak ${now.peakMiB} MiB`);
  console.log(`  ratio (peak now / before): ${ratio}`);
  const round = (v) => Math.round(v * 10) / 10;
  console.log(
    `BENCH ${JSON.stringify({ bench: 'import-state', rows, fileMB: now.fileMB, loadSeconds: round(now.seconds), peakMiB: now.peakMiB, baseline: { fileMB: before.fileMB, loadSeconds: round(before.seconds), peakMiB: before.peakMiB }, ratio })}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
