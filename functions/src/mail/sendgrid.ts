// SendGrid through its real client (@sendgrid/mail over @sendgrid/client), with retries: a 429 or
// a 5xx (or no answer) is retried with exponential backoff; other answers are final.
import { Client } from '@sendgrid/client';
import { MailService, type MailDataRequired } from '@sendgrid/mail';

export interface Mailer {
  send(message: MailDataRequired): Promise<{ messageId: string | null }>;
}

/** A mailer for one API key; `baseUrl` points it elsewhere than api.sendgrid.com (local capture). */
export function sendgridMailer(apiKey: string, baseUrl?: string): Mailer {
  const client = new Client();
  client.setApiKey(apiKey);
  if (baseUrl) client.setDefaultRequest('baseUrl', baseUrl);
  const mail = new MailService();
  mail.setClient(client);
  mail.setTimeout(20_000);
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

export function retryable(status: number | null): boolean {
  return status === null || status === 429 || status >= 500;
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
      const status = statusOf(err);
      if (!retryable(status) || attempt >= options.attempts) {
        throw new DeliveryError(`${status ?? 'no answer'}: ${reasonOf(err)}`, status, attempt);
      }
      await new Promise((r) => setTimeout(r, options.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
