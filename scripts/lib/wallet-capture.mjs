// Capture servers for the wallets' outgoing calls, like the SendGrid one (mail-capture.mjs): the
// functions send real requests, with their real clients, and these servers check and keep them.
//   APNs (HTTP/2 without TLS, APNS_BASE_URL), port WALLET_APNS_PORT:
//     POST /3/device/{token}  apns-topic required, JSON body -> 200; a token starting with `gone` -> 410
//                              (as APNs answers for a device that no longer takes pushes)
//   Google Wallet API (HTTP/1.1, GOOGLE_WALLET_API_BASE_URL), port WALLET_API_PORT:
//     PATCH /walletobjects/v1/genericObject/{id}  Bearer JWT checked against the test service
//                              account's public key (RS256) -> 200; an id ending `.absent` -> 404
//     GET  /pushes   -> the captured pushes [{token, topic, pushType, body, at}]
//     GET  /objects  -> the captured object updates [{objectId, body, iss, at}]
import { createServer as createHttp2 } from 'node:http2';
import { createServer } from 'node:http';
import { createPublicKey, verify } from 'node:crypto';

export const WALLET_APNS_PORT = 9026;
export const WALLET_API_PORT = 9027;

function checkJwt(token, publicKeyPem) {
  const [h, p, s] = String(token).split('.');
  if (!h || !p || !s) return null;
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  if (header.alg !== 'RS256') return null;
  const ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), createPublicKey(publicKeyPem), Buffer.from(s, 'base64url'));
  return ok ? JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) : null;
}

/** @param {{ googlePublicKey: string }} credentials */
export async function startWalletCapture(credentials, ports = { apns: WALLET_APNS_PORT, api: WALLET_API_PORT }) {
  const pushes = [];
  const objects = [];
  const apns = createHttp2();
  apns.on('stream', (stream, headers) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const m = /^\/3\/device\/([^/?]+)$/.exec(headers[':path'] ?? '');
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      if (headers[':method'] !== 'POST' || !m || !headers['apns-topic'] || body === undefined) {
        stream.respond({ ':status': 400, 'content-type': 'application/json' });
        return stream.end(JSON.stringify({ reason: 'BadRequest' }));
      }
      const token = decodeURIComponent(m[1]);
      pushes.push({ token, topic: headers['apns-topic'], pushType: headers['apns-push-type'], body, at: Date.now() });
      if (token.startsWith('gone')) {
        stream.respond({ ':status': 410, 'content-type': 'application/json' });
        return stream.end(JSON.stringify({ reason: 'Unregistered' }));
      }
      stream.respond({ ':status': 200, 'apns-id': crypto.randomUUID() });
      stream.end();
    });
  });
  const api = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/pushes') return json(200, pushes);
    if (req.method === 'GET' && url.pathname === '/objects') return json(200, objects);
    const m = /^\/walletobjects\/v1\/genericObject\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'PATCH' && m) {
      const claims = checkJwt((req.headers.authorization ?? '').replace(/^Bearer /, ''), credentials.googlePublicKey);
      if (!claims) return json(401, { error: { code: 401, message: 'Request had invalid authentication credentials.' } });
      const objectId = decodeURIComponent(m[1]);
      if (objectId.endsWith('.absent')) return json(404, { error: { code: 404, message: 'not found' } });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      objects.push({ objectId, body, iss: claims.iss, at: Date.now() });
      return json(200, { id: objectId, ...body });
    }
    json(404, { error: { code: 404, message: 'not found' } });
  });
  await Promise.all([
    new Promise((resolve, reject) => apns.once('error', reject).listen(ports.apns, '127.0.0.1', resolve)),
    new Promise((resolve, reject) => api.once('error', reject).listen(ports.api, '127.0.0.1', resolve)),
  ]);
  return {
    apnsUrl: `http://127.0.0.1:${ports.apns}`,
    apiUrl: `http://127.0.0.1:${ports.api}`,
    pushes,
    objects,
    close: () => Promise.all([new Promise((r) => apns.close(() => r())), new Promise((r) => api.close(() => r()))]),
  };
}
