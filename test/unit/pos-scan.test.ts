// The point of sale's choice of QR decoder (web/src/pages/cards/scan.ts): the browser's
// BarcodeDetector only when it reads QR codes, jsQR otherwise or once the native detector fails.
// The detector classes below stand in for the browser API (there is no browser in unit tests).
import { describe, expect, it } from 'vitest';
import { frameReader, nativeQrDetector, type DetectorClass } from '../../web/src/pages/cards/scan';

type Frame = { qr: string | null };

function detectorClass(formats: string[] | Error, detect: (f: Frame) => Promise<{ rawValue: string }[]>): DetectorClass<Frame> & { made: string[][] } {
  const made: string[][] = [];
  const supported = (): Promise<string[]> => (formats instanceof Error ? Promise.reject(formats) : Promise.resolve(formats));
  class Detector {
    static made = made;
    static getSupportedFormats = supported;
    detect = detect;
    constructor(options: { formats: string[] }) {
      made.push(options.formats);
    }
  }
  return Detector;
}

const native = (f: Frame) => Promise.resolve(f.qr ? [{ rawValue: `native:${f.qr}` }] : []);
const jsqr = (f: Frame) => (f.qr ? `jsqr:${f.qr}` : null);

describe('nativeQrDetector', () => {
  it('uses BarcodeDetector when it lists qr_code', async () => {
    const D = detectorClass(['ean_13', 'qr_code'], native);
    const detector = await nativeQrDetector(D);
    expect(detector).not.toBeNull();
    expect(D.made).toEqual([['qr_code']]);
  });

  it('does not use a BarcodeDetector that cannot read QR codes (e.g. only linear barcodes)', async () => {
    const D = detectorClass(['ean_13', 'code_128'], native);
    expect(await nativeQrDetector(D)).toBeNull();
    expect(D.made).toEqual([]);
  });

  it('falls back when asking for the formats fails, or the browser has no BarcodeDetector', async () => {
    expect(await nativeQrDetector(detectorClass(new Error('NotSupported'), native))).toBeNull();
    expect(await nativeQrDetector(undefined)).toBeNull();
  });
});

describe('frameReader', () => {
  it('reads with the native detector while it works', async () => {
    const read = frameReader(await nativeQrDetector(detectorClass(['qr_code'], native)), jsqr);
    expect(await read({ qr: 'ABC' })).toBe('native:ABC');
    expect(await read({ qr: null })).toBeNull();
  });

  it('when detect() rejects, reads that frame and the next ones with jsQR', async () => {
    let calls = 0;
    const failing = (_f: Frame) => {
      calls++;
      return Promise.reject(new DOMException('frame not supported', 'NotSupportedError'));
    };
    const read = frameReader(await nativeQrDetector(detectorClass(['qr_code'], failing)), jsqr);
    expect(await read({ qr: 'ABC' })).toBe('jsqr:ABC');
    expect(await read({ qr: 'DEF' })).toBe('jsqr:DEF');
    expect(calls).toBe(1);
  });

  it('without a native detector, reads with jsQR', async () => {
    const read = frameReader<Frame>(null, jsqr);
    expect(await read({ qr: 'ABC' })).toBe('jsqr:ABC');
  });
});
