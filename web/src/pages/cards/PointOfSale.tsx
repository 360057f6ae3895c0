// The point of sale's card lookup, for tablets: scan a card's QR code with the camera (the
// BarcodeDetector API where the browser has it, jsQR otherwise) or type/paste the code. A bound card
// shows its customer (lookupCard: its search row, without contact details for staff who may not
// see them); a new card offers to find a customer and
// give it to them; a revoked or unknown code says so.
import { useEffect, useRef, useState } from 'preact/hooks';
import { codeProblem, normalizeCode } from '@model/card';
import type { ChainSummary } from '@model/chain';
import { problemMessage } from '@model/issues';
import type { CustomerRow } from '@model/search';
import type { CheckInResult } from '@model/visits';
import { call, errorText } from '../../api';
import { tillLocation } from '../../data/till';
import { lang, t } from '../../i18n';
import { route } from '../../router';
import { Banner, TextField } from '../../ui/forms';
import { frameReader, nativeQrDetector, type DetectorClass } from './scan';
import { lazyPage } from '../../ui/lazy';

// The panels after a lookup read Firestore (customer types, the chain's country, the till's location):
// their own chunk (PosCustomer.tsx), fetched
// as soon as the page has painted, so the code form shows without the Firestore SDK.
const loadPanel = () => import('./PosCustomer');
const PosCustomer = lazyPage(loadPanel, 'PosCustomer');
const GiveCard = lazyPage(loadPanel, 'GiveCard');

type Lookup =
  | { kind: 'invalid'; message: string }
  | { kind: 'unknown' | 'revoked'; code: string }
  | { kind: 'unbound'; code: string }
  | { kind: 'bound'; code: string; customer: CustomerRow; checkIn: CheckInResult | null };

/** `scannedAt`: the till's location when the code was scanned (the server checks in on scan when the chain says so). */
async function lookUp(chainId: string, input: string, scannedAt?: string): Promise<Lookup> {
  const code = normalizeCode(input);
  const problem = codeProblem(code);
  if (problem) return { kind: 'invalid', message: problemMessage(lang.value, problem) };
  // On the server: staff who may not see contact details get the customer without them.
  return call('lookupCard', { chainId, code, ...(scannedAt ? { scannedAt } : {}) });
}

function Scanner({ onCode, onStop }: { onCode: (text: string) => void; onStop: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    const canvas = document.createElement('canvas');
    // The jsQR decoder is loaded only when the camera is opened (its own script chunk).
    const withJsQr = (jsQR: (typeof import('jsqr'))['default'], v: HTMLVideoElement): string | null => {
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(v, 0, 0);
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      return jsQR(image.data, image.width, image.height)?.data ?? null;
    };
    const Detector = (window as unknown as { BarcodeDetector?: DetectorClass<HTMLVideoElement> }).BarcodeDetector;
    const reader = Promise.all([nativeQrDetector(Detector), import('jsqr')]).then(([native, decoder]) =>
      frameReader(native, (v: HTMLVideoElement) => withJsQr(decoder.default, v)),
    );
    const tick = async () => {
      if (stopped || !video.current) return;
      const v = video.current;
      if (v.readyState >= 2) {
        const text = await (await reader)(v);
        if (stopped) return;
        if (text) {
          onCode(text);
          return;
        }
      }
      setTimeout(() => void tick(), 150);
    };
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' } })
      .then((s) => {
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
          void tick();
        }
      })
      .catch(() => setError(t('pos.noCamera')));
    if (!navigator.mediaDevices) setError(t('pos.noCamera'));
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);
  return (
    <div class="scanner">
      {error ? <Banner kind="info">{error}</Banner> : <video ref={video} muted playsInline />}
      <button onClick={onStop}>{t('pos.stopScan')}</button>
    </div>
  );
}

export function PointOfSale({ chain }: { chain: ChainSummary }) {
  const fromLink = route.value.match(/[?&]card=([^&]+)/)?.[1];
  const [input, setInput] = useState(fromLink ? decodeURIComponent(fromLink) : '');
  const [result, setResult] = useState<Lookup | null>(null);
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scanned, setScanned] = useState(false);

  async function run(text: string, fromScan = false) {
    setError(null);
    setScanned(fromScan);
    setInput(text);
    try {
      setResult(await lookUp(chain.chainId, text, fromScan ? tillLocation(chain.chainId) || undefined : undefined));
    } catch (err) {
      setError(errorText(err));
    }
  }
  useEffect(() => {
    if (fromLink) void run(decodeURIComponent(fromLink));
  }, [fromLink]);
  useEffect(() => void loadPanel().catch(() => undefined), []);

  return (
    <section class="card pos">
      <h1>{t('pos.title')}</h1>
      <form onSubmit={(e) => (e.preventDefault(), void run(input))} aria-label={t('pos.title')}>
        <TextField label={t('pos.code')} value={input} onValue={setInput} hint={t('pos.codeHint')} autoFocus autoComplete="off" />
        <div class="actions">
          <button type="submit" class="primary">
            {t('pos.lookup')}
          </button>
          {!scanning && (
            <button type="button" onClick={() => setScanning(true)}>
              {t('pos.scan')}
            </button>
          )}
        </div>
      </form>
      {scanning && (
        <Scanner
          onCode={(text) => {
            setScanning(false);
            void run(text, true);
          }}
          onStop={() => setScanning(false)}
        />
      )}
      {error && <Banner kind="error">{error}</Banner>}
      <div class="pos-result" aria-live="polite" data-result={result?.kind}>
        {result?.kind === 'invalid' && <Banner kind="error">{result.message}</Banner>}
        {result?.kind === 'unknown' && <Banner kind="error">{t('pos.unknown')}</Banner>}
        {result?.kind === 'revoked' && <Banner kind="error">{t('pos.revoked')}</Banner>}
        {result?.kind === 'unbound' && <GiveCard chain={chain} code={result.code} onDone={() => void run(result.code)} />}
        {result?.kind === 'bound' && <PosCustomer chain={chain} code={result.code} customer={result.customer} scanned={scanned} checkIn={result.checkIn} />}
      </div>
    </section>
  );
}
