// Pass update pushes through APNs: an empty JSON payload to each device's push token, on the topic of
// the Pass Type ID, over HTTP/2, authenticated by the Pass Type ID certificate (TLS client
// certificate). Production: https://api.push.apple.com. Locally (APNS_BASE_URL=http://…) the same
// requests go, without TLS, to the harness's capture server (scripts/lib/wallet-capture.mjs).
import { connect, constants } from 'node:http2';
import type { AppleConfig } from '../common/walletConfig';

export interface PushOutcome {
  sent: number;
  /** Tokens APNs says are no longer valid (410): their registrations are deleted. */
  gone: string[];
  failed: number;
}

/** What the trigger needs: tell these devices that a pass changed. */
export interface PassPusher {
  push(tokens: string[]): Promise<PushOutcome>;
}

export function apnsPusher(config: Pick<AppleConfig, 'apnsBaseUrl' | 'passTypeId' | 'cert' | 'key'>, timeoutMs = 10_000): PassPusher {
  return {
    async push(tokens) {
      const outcome: PushOutcome = { sent: 0, gone: [], failed: 0 };
      if (!tokens.length) return outcome;
      const tls = config.apnsBaseUrl.startsWith('https:');
      const session = connect(config.apnsBaseUrl, tls ? { cert: config.cert, key: config.key } : {});
      session.on('error', () => undefined);
      try {
        const results = await Promise.allSettled(
          tokens.map(
            (token) =>
              new Promise<number>((resolve, reject) => {
                const req = session.request({
                  [constants.HTTP2_HEADER_METHOD]: 'POST',
                  [constants.HTTP2_HEADER_PATH]: `/3/device/${encodeURIComponent(token)}`,
                  'apns-topic': config.passTypeId,
                  'apns-push-type': 'background',
                  'apns-priority': '5',
                  'content-type': 'application/json',
                });
                req.setTimeout(timeoutMs, () => req.close(constants.NGHTTP2_CANCEL));
                let status = 0;
                req.on('response', (headers) => (status = Number(headers[constants.HTTP2_HEADER_STATUS])));
                req.on('error', reject);
                req.on('close', () => (status ? resolve(status) : reject(new Error('no answer'))));
                req.resume();
                req.end('{}');
              }),
          ),
        );
        results.forEach((r, i) => {
          if (r.status === 'fulfilled' && r.value === 200) outcome.sent++;
          else if (r.status === 'fulfilled' && r.value === 410) outcome.gone.push(tokens[i]!);
          else outcome.failed++;
        });
        return outcome;
      } finally {
        await new Promise<void>((resolve) => {
          if (session.destroyed) return resolve();
          session.once('close', () => resolve());
          session.close();
        });
      }
    },
  };
}
