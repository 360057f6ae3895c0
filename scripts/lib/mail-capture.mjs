// A SendGrid-compatible capture server for local runs and tests. The functions send real requests
// with @sendgrid/mail (SENDGRID_BASE_URL points here); this server checks them as SendGrid would
// (API key, personalizations, from, subject, content, attachments), keeps them, and shows them:
//   POST   /v3/mail/send   -> 202 + X-Message-Id (or 400/401 like SendGrid, or an injected failure)
//   GET    /messages       -> every captured message, JSON (?to=address filters)
//   GET    /               -> the messages as a page, inline images shown (npm start prints the URL)
//   POST   /__fail         -> {"to": "...", "status": 503, "times": 2}: the next sends to `to` fail;
//                              with "delayMs", the answer comes that late (status 202: accepted and
//                              kept, but answered late, as when SendGrid is slow)
//   GET    /attempts       -> every send request as it arrived, {to, at (ms), status}, ?to= filters
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

export const MAIL_CAPTURE_PORT = 9025;

function problems(body) {
  const errors = [];
  if (!Array.isArray(body.personalizations) || !body.personalizations.length) errors.push('personalizations required');
  for (const p of body.personalizations ?? [])
    if (!Array.isArray(p.to) || !p.to.every((t) => /.+@.+/.test(t.email ?? ''))) errors.push('personalizations.to invalid');
  if (!body.from?.email) errors.push('from.email required');
  if (!body.subject && !(body.personalizations ?? []).every((p) => p.subject)) errors.push('subject required');
  if (!Array.isArray(body.content) || !body.content.length) errors.push('content required');
  for (const a of body.attachments ?? []) {
    if (!a.content || !a.filename) errors.push('attachment content and filename required');
    if (a.disposition === 'inline' && !a.content_id) errors.push('inline attachment needs content_id');
  }
  return errors;
}

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function page(messages) {
  const items = messages
    .slice()
    .reverse()
    .map((m) => {
      const html = (m.body.content ?? []).find((c) => c.type === 'text/html')?.value ?? '';
      const inline = Object.fromEntries(
        (m.body.attachments ?? []).filter((a) => a.content_id).map((a) => [a.content_id, `data:${a.type};base64,${a.content}`]),
      );
      const rendered = html.replace(/src="cid:([^"]+)"/g, (_, id) => `src="${inline[id] ?? ''}"`);
      const to = m.body.personalizations.flatMap((p) => p.to.map((t) => t.email)).join(', ');
      return (
        `<article><h2>${escape(m.body.subject)}</h2><p><b>To</b> ${escape(to)} · <b>From</b> ${escape(m.body.from.email)} · ${m.receivedAt}</p>` +
        `<div class="mail">${rendered}</div><p>${(m.body.attachments ?? []).map((a) => `📎 ${escape(a.filename)} (${a.disposition})`).join(' ')}</p></article>`
      );
    })
    .join('');
  return `<!doctype html><meta charset="utf-8"><title>Captured emails</title><style>body{font-family:system-ui;max-width:50rem;margin:2rem auto}article{border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}.mail{border-left:3px solid #b4441c;padding-left:1rem}</style><h1>Emails sent through SendGrid (captured locally): ${messages.length}</h1>${items || '<p>None yet.</p>'}`;
}

export function startMailCapture(port = MAIL_CAPTURE_PORT) {
  const messages = [];
  const failures = [];
  const attempts = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname === '/v3/mail/send') {
      if (!/^Bearer SG\./.test(req.headers.authorization ?? ''))
        return json(401, { errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked' }] });
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        return json(400, { errors: [{ message: 'Bad Request: invalid JSON' }] });
      }
      const to = (body.personalizations ?? []).flatMap((p) => (p.to ?? []).map((t) => String(t.email).toLowerCase()));
      const attempt = { to, at: Date.now(), status: 0 };
      attempts.push(attempt);
      const failure = failures.find((f) => f.times > 0 && to.includes(f.to));
      if (failure) {
        failure.times--;
        if (failure.delayMs) await new Promise((r) => setTimeout(r, failure.delayMs));
        if (failure.status !== 202) {
          attempt.status = failure.status;
          return json(failure.status, { errors: [{ message: `injected failure ${failure.status}` }] });
        }
      }
      const errors = problems(body);
      attempt.status = errors.length ? 400 : 202;
      if (errors.length) return json(400, { errors: errors.map((message) => ({ message })) });
      const id = randomUUID();
      messages.push({ id, receivedAt: new Date().toISOString(), body });
      return json(202, undefined, { 'x-message-id': id });
    }
    if (req.method === 'GET' && url.pathname === '/messages') {
      const to = url.searchParams.get('to')?.toLowerCase();
      return json(200, to ? messages.filter((m) => m.body.personalizations.some((p) => p.to.some((t) => t.email.toLowerCase() === to))) : messages);
    }
    if (req.method === 'GET' && url.pathname === '/attempts') {
      const to = url.searchParams.get('to')?.toLowerCase();
      return json(200, to ? attempts.filter((a) => a.to.includes(to)) : attempts);
    }
    if (req.method === 'POST' && url.pathname === '/__fail') {
      const { to, status, times, delayMs } = JSON.parse(raw);
      failures.push({ to: String(to).toLowerCase(), status: Number(status), times: Number(times), delayMs: Number(delayMs ?? 0) });
      return json(200, { ok: true });
    }
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(messages));
    }
    return json(404, { errors: [{ message: 'not found' }] });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) }));
  });
}
