// SendGrid through its real client (@sendgrid/mail over @sendgrid/client), with retries: a 429 or
// a 5xx, or a connection that never reached SendGrid (refused, unknown host), is retried with
// exponential backoff. Other answers are final, and so is a timeout or a connection lost
// mid-request: SendGrid may have accepted the email, and a retry could send it twice.
import { Client } from '@sendgrid/client';
import { MailService, type MailDataRequired } from '@sendgrid/mail';

export interface Mailer {
  send(message: MailDataRequired): Promise<{ messageId: string | null }>;
}

/** A mailer for one API key; `baseUrl` points it elsewhere than api.sendgrid.com (local capture). */
export function sendgridMailer(apiKey: string, baseUrl?: string, timeoutMs = 20_000): Mailer {
  const client = new Client();
  client.setApiKey(apiKey);
  if (baseUrl) client.setDefaultRequest('baseUrl', baseUrl);
  const mail = new MailService();
  mail.setClient(client);
  mail.setTimeout(timeoutMs);
  return {
    async send(message) {
      const [response] = await mail.send(message);
      const id = response.headers['x-message-id'];
      return { messageId: typeof id === 'string' ? id : null };
    },
  };
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly attempts: number,
  ) {
    super(message);
  }
}

function statusOf(err: unknown): number | null {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' ? code : null;
}

function reasonOf(err: unknown): string {
  const body = (err as { response?: { body?: { errors?: { message?: string }[] } } }).response?.body;
  const first = body?.errors?.[0]?.message;
  return first ?? (err instanceof Error ? err.message : String(err));
}

/** Connection errors raised before the request left: SendGrid got nothing, a retry is safe. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
/** What axios (under @sendgrid/client) reports when no answer came in time. */
const TIMEOUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);

export type SendFailure =
  | { kind: 'answer'; status: number; retry: boolean }
  | { kind: 'not-sent'; code: string; retry: true }
  | { kind: 'timeout' | 'lost'; code: string | null; retry: false };

/** What a failed send means: an HTTP answer, nothing sent, or an unknown outcome (never retried). */
export function classifyFailure(err: unknown): SendFailure {
  const status = statusOf(err);
  if (status !== null) return { kind: 'answer', status, retry: status === 429 || status >= 500 };
  const code = (err as { code?: unknown }).code;
  const name = typeof code === 'string' ? code : null;
  if (name && NOT_SENT.has(name)) return { kind: 'not-sent', code: name, retry: true };
  if ((name && TIMEOUT.has(name)) || /timeout/i.test(err instanceof Error ? err.message : '')) return { kind: 'timeout', code: name, retry: false };
  return { kind: 'lost', code: name, retry: false };
}

function failureMessage(failure: SendFailure, err: unknown): string {
  switch (failure.kind) {
    case 'answer':
      return `${failure.status}: ${reasonOf(err)}`;
    case 'not-sent':
      return `no connection (${failure.code}): ${reasonOf(err)}`;
    case 'timeout':
      return 'no answer from SendGrid in time: not retried, as SendGrid may have accepted it and a retry could send it twice; use resend if the customer did not get it';
    case 'lost':
      return `connection lost while sending (${failure.code ?? reasonOf(err)}): not retried, as SendGrid may have accepted it; use resend if the customer did not get it`;
  }
}

export async function sendWithRetry(
  mailer: Mailer,
  message: MailDataRequired,
  options: { attempts: number; baseDelayMs: number; onAttempt?: (n: number) => Promise<void> },
): Promise<{ messageId: string | null; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    await options.onAttempt?.(attempt);
    try {
      return { ...(await mailer.send(message)), attempts: attempt };
    } catch (err) {
      const failure = classifyFailure(err);
      if (!failure.retry || attempt >= options.attempts) {
        throw new DeliveryError(failureMessage(failure, err), failure.kind === 'answer' ? failure.status : null, attempt);
      }
      await new Promise((r) => setTimeout(r, options.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
