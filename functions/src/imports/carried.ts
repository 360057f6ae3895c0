// What an import part carries to the next at a handover (handover.ts): which customers earlier
// rows of the file wrote and the match keys they hold (matching.ts), a dry run's planned states
// (state.ts) and the first pass's result (scan.ts). Held as maps and saved next to the upload as
// gzipped JSON lines, one entry per line, streamed both ways (`npm run bench:import:state`).
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Bucket } from '@google-cloud/storage';
import { artifactMetadata } from './errorFile';
import { DateEvidence } from './dates';
import type { ScanResult } from './scan';

/** The first pass's result as saved (its date evidence as plain arrays). */
export type SavedScan = Omit<ScanResult, 'dates'> & { dates: { dayFirst: (number | null)[]; monthFirst: (number | null)[]; numeric: (number | null)[] } };

/**
 * What a part carries to the next (matching.ts, a dry run's states, and the first pass's result),
 * held as maps and saved as gzipped JSON lines, one entry per line, streamed both ways: a million
 * rows' state is about 100 MB of JSON, which parsed as one document would need about a gigabyte.
 */
export interface Carried {
  matcher: { written: Map<string, number>; keys: Map<string, string> };
  states: Map<string, string>;
  /** The first pass over the file (the same for every part: an upload version never changes). */
  scan?: SavedScan;
}

const LINES_PER_CHUNK = 2_000;

/** The carried state as text lines: `["scan", …]`, then `["w", id, row]`, `["k", key, id]`, `["s", id, state]`. */
export function* carriedLines(carried: Carried): Generator<string> {
  yield `${JSON.stringify(['scan', carried.scan ?? null])}\n`;
  let lines: string[] = [];
  const entries = function* () {
    for (const [id, row] of carried.matcher.written) yield ['w', id, row];
    for (const [key, id] of carried.matcher.keys) yield ['k', key, id];
    for (const [id, state] of carried.states) yield ['s', id, state];
  };
  for (const entry of entries()) {
    lines.push(JSON.stringify(entry));
    if (lines.length >= LINES_PER_CHUNK) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join('\n')}\n`;
}

/** Reads carried lines back (any chunking of the text). */
export async function readCarried(chunks: AsyncIterable<Buffer | string>): Promise<Carried> {
  const carried: Carried = { matcher: { written: new Map(), keys: new Map() }, states: new Map() };
  const take = (line: string) => {
    if (!line) return;
    const [kind, a, b] = JSON.parse(line) as [string, unknown, unknown];
    if (kind === 'scan' && a) carried.scan = a as SavedScan;
    else if (kind === 'w') carried.matcher.written.set(a as string, b as number);
    else if (kind === 'k') carried.matcher.keys.set(a as string, b as string);
    else if (kind === 's') carried.states.set(a as string, b as string);
  };
  const text = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of chunks) {
    const lines = (rest + (typeof chunk === 'string' ? chunk : text.decode(chunk, { stream: true }))).split('\n');
    rest = lines.pop()!;
    lines.forEach(take);
  }
  take(rest + text.decode());
  return carried;
}

/** The first pass's result as an earlier part found it. */
export function scanOf(carried: Pick<Carried, 'scan'>): ScanResult | null {
  if (!carried.scan) return null;
  const dates = new DateEvidence();
  const fill = (to: number[], from: (number | null)[]) => from.forEach((v, i) => v !== null && (to[i] = v));
  fill(dates.dayFirst, carried.scan.dates.dayFirst);
  fill(dates.monthFirst, carried.scan.dates.monthFirst);
  fill(dates.numeric, carried.scan.dates.numeric);
  return { ...carried.scan, dates };
}

/** Saves a part's state for the next one, streamed and gzipped. */
export async function saveCarried(bucket: Bucket, path: string, importId: string, carried: Carried, expiresAt: Date): Promise<void> {
  const out = bucket.file(path).createWriteStream({
    resumable: false,
    metadata: { contentType: 'application/gzip', metadata: artifactMetadata('import-handover', importId, expiresAt) },
  });
  await pipeline(Readable.from(carriedLines(carried)), createGzip(), out);
}

export async function loadCarried(bucket: Bucket, path: string): Promise<Carried> {
  let carried: Carried | null = null;
  await pipeline(bucket.file(path).createReadStream(), createGunzip(), async (chunks: AsyncIterable<Buffer>) => {
    carried = await readCarried(chunks);
  });
  return carried!;
}
