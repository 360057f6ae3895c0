// SendGrid failures without emulators, against real local sockets: what is retried (an answer 429
// or 5xx, a connection that never reached SendGrid) and what is not (other answers, and no answer in
// time or a connection lost mid-request, when SendGrid may have accepted the email).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyFailure, DeliveryError, sendgridMailer, sendWithRetry } from '../../functions/src/mail/sendgrid';

const message = { to: 'x@example.test', from: 'cards@regulars.test', subject: 's', text: 't' };
let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = null;
});

/** A local SendGrid stand-in: `answer(n)` handles the n-th request (1-based). */
async function sendgridAt(answer: (n: number, res: import('node:http').ServerResponse) => void): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(++n, res));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => n };
}

describe('sendWithRetry', () => {
  it('does not retry when no answer comes in time: fails once, saying why', async () => {
    const sg = await sendgridAt(() => undefined); // never answers
    const err = await sendWithRetry(sendgridMailer('SG.test', sg.url, 200), message, { attempts: 4, baseDelayMs: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ attempts: 1, httpStatus: null, message: expect.stringMatching(/not retried.*twice.*resend/) });
    await new Promise((r) => setTimeout(r, 100));
    expect(sg.requests()).toBe(1);
  });

  it('does not retry a connection lost mid-request', async () => {
    const sg = await sendgridAt((_n, res) => res.socket?.destroy());
    const err = await sendWithRetry(sendgridMailer('SG.test', sg.url, 2000), message, { attempts: 4, baseDelayMs: 10 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ attempts: 1, message: expect.stringContaining('not retried') });
    expect(sg.requests()).toBe(1);
  });

  it('retries 429 and 5xx with backoff, then succeeds', async () => {
    const times: number[] = [];
    const sg = await sendgridAt((n, res) => {
      times.push(Date.now());
      if (n < 3) res.writeHead(n === 1 ? 429 : 503, { 'content-type': 'application/json' }).end('{"errors":[{"message":"busy"}]}');
      else res.writeHead(202, { 'x-message-id': 'm1' }).end();
    });
    const sent = await sendWithRetry(sendgridMailer('SG.test', sg.url, 2000), message, { attempts: 4, baseDelayMs: 50 });
    expect(sent).toEqual({ messageId: 'm1', attempts: 3 });
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(50);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(100);
  });

  it('retries a refused connection (nothing was sent), up to the attempts', async () => {
    const sg = await sendgridAt(() => undefined);
    const url = sg.url;
    await new Promise((r) => server!.close(r)); // the port is now closed
    server = null;
    const err = await sendWithRetry(sendgridMailer('SG.test', url, 2000), message, { attempts: 3, baseDelayMs: 10 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ attempts: 3, httpStatus: null, message: expect.stringContaining('ECONNREFUSED') });
  });

  it('does not retry a refusal such as 400', async () => {
    const sg = await sendgridAt((_n, res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"bad"}]}'));
    const err = await sendWithRetry(sendgridMailer('SG.test', sg.url, 2000), message, { attempts: 4, baseDelayMs: 10 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ attempts: 1, httpStatus: 400, message: '400: bad' });
  });
});

describe('classifyFailure', () => {
  it.each([
    [{ code: 429 }, 'answer', true],
    [{ code: 500 }, 'answer', true],
    [{ code: 503 }, 'answer', true],
    [{ code: 400 }, 'answer', false],
    [{ code: 401 }, 'answer', false],
    [{ code: 'ECONNREFUSED' }, 'not-sent', true],
    [{ code: 'ENOTFOUND' }, 'not-sent', true],
    [{ code: 'ECONNABORTED' }, 'timeout', false],
    [{ code: 'ETIMEDOUT' }, 'timeout', false],
    [{ code: 'ECONNRESET' }, 'lost', false],
    [{}, 'lost', false],
  ])('%j: %s, retried: %s', (err, kind, retry) => {
    expect(classifyFailure(Object.assign(new Error('x'), err))).toMatchObject({ kind, retry });
  });
});
