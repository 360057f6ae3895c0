// Which QR decoder the point of sale uses: the browser's BarcodeDetector only where it exists and
// says it reads QR codes, else jsQR; and if the native detector fails on a frame (some
// implementations reject detect() on a video frame), jsQR from then on. No DOM types here, so the
// choice is unit-tested without a browser.

export interface DetectorLike<Source> {
  detect(source: Source): Promise<{ rawValue: string }[]>;
}

export interface DetectorClass<Source> {
  new (options: { formats: string[] }): DetectorLike<Source>;
  getSupportedFormats?: () => Promise<string[]>;
}

/** The native QR detector, or null when there is none, it cannot read QR codes, or asking fails. */
export async function nativeQrDetector<Source>(Detector: DetectorClass<Source> | undefined): Promise<DetectorLike<Source> | null> {
  if (!Detector || typeof Detector.getSupportedFormats !== 'function') return null;
  try {
    const formats = await Detector.getSupportedFormats();
    return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

/** Reads a frame with the native detector while it works, with `fallback` (jsQR) otherwise. */
export function frameReader<Source>(
  native: DetectorLike<Source> | null,
  fallback: (source: Source) => string | null,
): (source: Source) => Promise<string | null> {
  let detector = native;
  return async (source) => {
    if (detector) {
      try {
        return (await detector.detect(source))[0]?.rawValue ?? null;
      } catch {
        detector = null; // this browser's detector does not work here: jsQR for the rest of the scan
      }
    }
    return fallback(source);
  };
}
