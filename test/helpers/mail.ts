// The SendGrid-compatible capture server the harness runs (scripts/lib/mail-capture.mjs).
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export const MAIL_CAPTURE = process.env.REGULARS_MAIL_CAPTURE ?? 'http://127.0.0.1:9025';

export interface CapturedMail {
  id: string;
  receivedAt: string;
  body: {
    personalizations: { to: { email: string }[] }[];
    from: { email: string; name?: string };
    subject: string;
    content: { type: string; value: string }[];
    attachments?: { content: string; filename: string; type: string; disposition: string; content_id?: string }[];
    custom_args?: Record<string, string>;
  };
}

export async function mailsTo(to: string): Promise<CapturedMail[]> {
  const res = await fetch(`${MAIL_CAPTURE}/messages?to=${encodeURIComponent(to)}`);
  return (await res.json()) as CapturedMail[];
}

/**
 * The next `times` sends to `to` get `status` from the capture server (SendGrid down, rate
 * limited…), after `delayMs` if given (status 202 with a delay: accepted, but answered late).
 */
export async function failNext(to: string, status: number, times: number, delayMs = 0): Promise<void> {
  await fetch(`${MAIL_CAPTURE}/__fail`, { method: 'POST', body: JSON.stringify({ to, status, times, delayMs }) });
}

/** Every send request to `to` as the capture server received it: arrival time (ms) and answer. */
export async function attemptsTo(to: string): Promise<{ to: string[]; at: number; status: number }[]> {
  const res = await fetch(`${MAIL_CAPTURE}/attempts?to=${encodeURIComponent(to)}`);
  return (await res.json()) as { to: string[]; at: number; status: number }[];
}

/** Decodes a base64 PNG holding a QR code. */
export function decodeQr(base64: string): string | null {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}
