// Text encodings of uploaded CSV files: UTF-8 with or without BOM, UTF-16 LE/BE (with a BOM, or
// without one when every other byte of the start is NUL), and, for bytes that are not UTF-8, the
// single-byte encodings spreadsheets write: Windows-1252 (Excel on Windows), Mac Roman (Excel for
// Mac's "CSV (Macintosh)") and ISO-8859-15. Which one is decided by scoring the text each would
// give (ByteScore below), never by "not UTF-8 means Windows-1252".
// Decoding is the WHATWG TextDecoder (built into Node and every browser, maintained with the
// Encoding Standard, which defines all five), so the web preview and the function decode alike;
// iconv-lite and the detectors on npm (chardet, jschardet) do not tell Mac Roman from Windows-1252,
// which is the case that matters here.
// Shared by the import function and the web client's preview.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'macintosh' | 'iso-8859-15';

export interface Detected {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bom: number;
}

export const ENCODING_LABEL: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
  macintosh: 'Mac Roman',
  'iso-8859-15': 'ISO-8859-15',
};

/** The single-byte encodings tried when the bytes are not UTF-8, the first winning a tie. */
export const SINGLE_BYTE: Encoding[] = ['windows-1252', 'macintosh', 'iso-8859-15'];

/** What the first bytes say: a BOM decides; UTF-16 without BOM by its NUL bytes; otherwise UTF-8 until proven otherwise. */
export function fromBom(head: Uint8Array): Detected {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: utf16WithoutBom(head) ?? 'utf-8', bom: 0 };
}

/** Latin text in UTF-16 without BOM: NUL at every odd byte (LE) or every even byte (BE), and nowhere else. */
function utf16WithoutBom(head: Uint8Array): Encoding | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  if (odd >= n / 4 && even === 0) return 'utf-16le';
  if (even >= n / 4 && odd === 0) return 'utf-16be';
  return null;
}

/** Binary files (images, xlsx workbooks, executables) have NUL bytes; UTF-16 text is excepted. */
export function looksBinary(head: Uint8Array, detected: Detected): boolean {
  if (detected.encoding.startsWith('utf-16')) return false;
  const n = Math.min(head.length, 8192);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return nul > 0 || control > n * 0.05;
}

const PUNCTUATION = new Set([...'’‘“”«»‹›–—…€°·•\u00a0']);

/** How plausible a character is in names and addresses, after a lowercase ASCII letter or not. */
function plausibility(c: string, afterLower: boolean): number {
  if (c === '\ufffd' || /[\u0080-\u009f]/.test(c)) return -10; // undefined in the encoding, or a C1 control
  if (/\p{Ll}/u.test(c)) return 3;
  if (/\p{Lu}/u.test(c)) return afterLower ? -3 : 1; // `RenŽ`: an uppercase letter inside a word
  if (PUNCTUATION.has(c)) return 1;
  return -2; // ‡ ∂ √ ◊ ˆ ¤ ¦ …: rare in customer data
}

/** The characters each single-byte encoding gives for the bytes 0x80-0xFF. */
const TABLES: Map<Encoding, string[]> = new Map(
  SINGLE_BYTE.map((e) => {
    const decoder = new TextDecoder(e);
    const bytes = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    // Streamed then flushed: Node 20's one-shot windows-1252 decode reads 0x80-0x9F as Latin-1.
    return [e, [...(decoder.decode(bytes, { stream: true }) + decoder.decode())]];
  }),
);

/**
 * Counts the bytes 0x80-0xFF of a byte stream (after a lowercase ASCII letter or not) and names
 * the single-byte encoding whose text is the most plausible. Pushed chunk by chunk: memory is fixed.
 */
export class ByteScore {
  private readonly afterLower = new Uint32Array(128);
  private readonly other = new Uint32Array(128);
  private previousLower = false;

  push(chunk: Uint8Array): void {
    let lower = this.previousLower;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b >= 0x80) (lower ? this.afterLower : this.other)[b - 0x80]!++;
      lower = b >= 0x61 && b <= 0x7a;
    }
    this.previousLower = lower;
  }

  best(): Encoding {
    let best: Encoding = SINGLE_BYTE[0]!;
    let bestScore = -Infinity;
    for (const e of SINGLE_BYTE) {
      const chars = TABLES.get(e)!;
      let score = 0;
      for (let i = 0; i < 128; i++) {
        if (this.afterLower[i]) score += this.afterLower[i]! * plausibility(chars[i]!, true);
        if (this.other[i]) score += this.other[i]! * plausibility(chars[i]!, false);
      }
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    return best;
  }
}

/**
 * The encoding of a sample (the start of a file): the BOM (or UTF-16's NUL bytes), else UTF-8 if
 * the sample decodes as UTF-8 (a sequence cut at the end of the sample is forgiven), else the most
 * plausible single-byte encoding.
 */
export function detectSampleEncoding(sample: Uint8Array, complete: boolean): Detected {
  const detected = fromBom(sample);
  if (detected.bom || detected.encoding !== 'utf-8') return detected;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return detected;
  } catch {
    const score = new ByteScore();
    score.push(sample);
    return { encoding: score.best(), bom: 0 };
  }
}

export function decodeSample(sample: Uint8Array, detected: Detected): string {
  // Streamed, then flushed: Node 20's one-shot windows-1252 decode reads 0x80-0x9F as Latin-1 (œ, €, ’ lost);
  // Node 22, which the functions run on, decodes them either way; the unit tests may run on Node 20.
  const decoder = new TextDecoder(detected.encoding, { fatal: false });
  return decoder.decode(sample.subarray(detected.bom), { stream: true }) + decoder.decode();
}

/** A header that was probably decoded in the wrong encoding: replacement characters or UTF-8 read as a single-byte encoding. */
export function looksGarbled(text: string): boolean {
  return /\ufffd|Ã[\u0080-\u00bf]|[a-z][ŽŸŠ]/.test(text);
}
