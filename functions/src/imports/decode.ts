// Decoding an uploaded file as a stream, in the encoding detected (see model/encoding.ts).
import { Transform } from 'node:stream';

import { ByteScore, type Detected } from '../model/encoding';

/**
 * Checks, chunk by chunk, that a byte stream is valid UTF-8; from the first chunk that is not,
 * scores the bytes for the single-byte encodings (model/encoding.ts), so a UTF-8 file costs no scoring.
 */
export class Utf8Validator {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  valid = true;
  readonly score = new ByteScore();
  push(chunk: Uint8Array): void {
    if (!this.valid) {
      this.score.push(chunk);
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.valid = false;
      this.score.push(chunk);
    }
  }
  end(): boolean {
    if (this.valid) {
      try {
        this.decoder.decode();
      } catch {
        this.valid = false;
      }
    }
    return this.valid;
  }
}

/** A stream turning bytes into text in `encoding`, dropping the BOM. */
export function decoder(detected: Detected): Transform {
  const text = new TextDecoder(detected.encoding, { fatal: false });
  let skip = detected.bom;
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      let bytes: Uint8Array = chunk;
      if (skip > 0) {
        const n = Math.min(skip, bytes.length);
        bytes = bytes.subarray(n);
        skip -= n;
      }
      done(null, text.decode(bytes, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}
