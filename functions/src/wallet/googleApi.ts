// Google Wallet API: the object of a voided pass is expired (state EXPIRED), so Google Wallet shows
// the card as no longer valid. Production: walletobjects.googleapis.com with an OAuth token of the
// service account (google-auth-library). Locally (GOOGLE_WALLET_API_BASE_URL set) the same PATCH goes
// to the harness's capture server, authenticated by a JWT signed with the test service account key.
import type { GoogleConfig } from '../common/walletConfig';

export interface WalletObjects {
  /** Expires the object; an object no one saved (404) needs nothing. Throws on any other failure. */
  expire(objectId: string): Promise<'expired' | 'absent'>;
}

const PRODUCTION = 'https://walletobjects.googleapis.com';
const SCOPE = 'https://www.googleapis.com/auth/wallet_object.issuer';

const objectUrl = (base: string, objectId: string) => `${base.replace(/\/+$/, '')}/walletobjects/v1/genericObject/${encodeURIComponent(objectId)}`;

export function walletObjectsClient(config: GoogleConfig, timeoutMs = 10_000): WalletObjects {
  if (!config.apiBaseUrl) {
    return {
      async expire(objectId) {
        // Loaded on first use (see applePass.ts).
        const { JWT } = await import('google-auth-library');
        const client = new JWT({ email: config.clientEmail, key: config.privateKeyPem, scopes: [SCOPE] });
        const res = await client.request({
          url: objectUrl(PRODUCTION, objectId),
          method: 'PATCH',
          data: { state: 'EXPIRED' },
          timeout: timeoutMs,
          validateStatus: () => true,
        });
        if (res.status === 404) return 'absent';
        if (res.status >= 300) throw new Error(`Google Wallet API answered ${res.status}`);
        return 'expired';
      },
    };
  }
  return {
    async expire(objectId) {
      const { SignJWT } = await import('jose');
      const token = await new SignJWT({ scope: SCOPE })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuer(config.clientEmail)
        .setAudience(config.apiBaseUrl)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(config.privateKey);
      const res = await fetch(objectUrl(config.apiBaseUrl, objectId), {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'EXPIRED' }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.status === 404) return 'absent';
      if (!res.ok) throw new Error(`Google Wallet API answered ${res.status}`);
      return 'expired';
    },
  };
}
