// Text encodings of uploaded CSV files: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and
// Windows-1252 (what Excel writes on Windows and Mac) when the bytes are not valid UTF-8.
// Shared by the import function and the web client's preview.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

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
};

/** What the first bytes say: a BOM decides; otherwise UTF-8 until proven otherwise. */
export function fromBom(head: Uint8Array): Detected {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
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

/**
 * The encoding of a sample (the start of a file): the BOM, else UTF-8 if the sample decodes as
 * UTF-8 (a sequence cut at the end of the sample is forgiven), else Windows-1252.
 */
export function detectSampleEncoding(sample: Uint8Array, complete: boolean): Detected {
  const detected = fromBom(sample);
  if (detected.bom) return detected;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return detected;
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

export function decodeSample(sample: Uint8Array, detected: Detected): string {
  // Streamed, then flushed: Node 20's one-shot windows-1252 decode reads 0x80-0x9F as Latin-1 (œ, €, ’ lost);
  // Node 22, which the functions run on, decodes them either way; the unit tests may run on Node 20.
  const decoder = new TextDecoder(detected.encoding, { fatal: false });
  return decoder.decode(sample.subarray(detected.bom), { stream: true }) + decoder.decode();
}
