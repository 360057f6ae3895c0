// Self sign-up's pure parts: signed links (tampering, expiry, kind, chain), the App Check stand-in
// as firebase-functions decodes it on the emulators, the client address of the rate limits, the
// public inputs' limits and the settings' defaults.
import { describe, expect, it } from 'vitest';
import type { CallableRequest } from 'firebase-functions/v2/https';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { hashedAddress, signLink, verifyLink } from '../../functions/src/common/links';
import { clientAddress } from '../../functions/src/common/publicCallable';
import { localAppCheckToken } from '../../functions/src/model/appCheck';
import { resolveSettings } from '../../functions/src/model/chain';
import { validate } from '../../functions/src/model/issues';
import { BrandSettingsInput, consentWordingOf, SignUpInput } from '../../functions/src/model/signUp';

const KEY = 'unit-test-link-signing-key-0123456789';
// What the Functions emulator runs on a callable's App Check header (firebase-functions' own code, not exported).
const { unsafeDecodeAppCheckToken } = createRequire(import.meta.url)(
  join(import.meta.dirname, '..', '..', 'node_modules', 'firebase-functions', 'lib', 'common', 'providers', 'https.js'),
) as { unsafeDecodeAppCheckToken: (token: string) => Record<string, unknown> };

describe('signed links', () => {
  it('verify for their kind and chain only, until they expire', async () => {
    const now = Date.UTC(2026, 0, 1);
    const token = await signLink(KEY, { kind: 'confirm', chainId: 'chainA', id: 'pending1' }, 48 * 3600_000, now);
    expect(await verifyLink(KEY, token, 'confirm', 'chainA', now + 1000)).toEqual({ ok: true, id: 'pending1' });
    expect(await verifyLink(KEY, token, 'confirm', 'chainB', now + 1000)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyLink(KEY, token, 'prefs', 'chainA', now + 1000)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyLink(`${KEY}x`, token, 'confirm', 'chainA', now + 1000)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyLink(KEY, token, 'confirm', 'chainA', now + 49 * 3600_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse any change of a character, and unsigned or malformed tokens', async () => {
    const token = await signLink(KEY, { kind: 'prefs', chainId: 'chainA', id: 'cust1' }, 3600_000);
    for (const i of [5, token.indexOf('.') + 3, token.length - 2]) {
      const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect((await verifyLink(KEY, changed, 'prefs', 'chainA')).ok, `character ${i}`).toBe(false);
    }
    const [, payload] = token.split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect(await verifyLink(KEY, none, 'prefs', 'chainA')).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyLink(KEY, 'x', 'prefs', 'chainA')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuse a short key, and hash addresses without revealing them', async () => {
    await expect(signLink('short', { kind: 'prefs', chainId: 'c', id: 'i' }, 1000)).rejects.toThrow(/too short/);
    expect(hashedAddress(KEY, '10.0.0.1')).toMatch(/^[0-9a-f]{32}$/);
    expect(hashedAddress(KEY, '10.0.0.1')).not.toBe(hashedAddress(KEY, '10.0.0.2'));
    expect(hashedAddress(KEY, '10.0.0.1')).not.toContain('10.0.0.1');
  });
});

describe('the App Check stand-in of the emulators', () => {
  it('is what firebase-functions decodes without verification, naming the app', () => {
    const { token } = localAppCheckToken('1:123:web:abc', Date.UTC(2026, 0, 1));
    expect(unsafeDecodeAppCheckToken(token)).toMatchObject({ app_id: '1:123:web:abc', sub: '1:123:web:abc', iss: 'regulars-local-app-check' });
  });
});

describe('client address', () => {
  const request = (headers: Record<string, string>, ip = '127.0.0.1') =>
    ({ rawRequest: { headers, ip, socket: { remoteAddress: ip } } }) as unknown as CallableRequest;
  it("is the last X-Forwarded-For entry (the front end's), never one the client added before it", () => {
    expect(clientAddress(request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddress(request({}))).toBe('127.0.0.1');
  });
});

describe('public inputs and settings', () => {
  const person = { chainId: 'c1', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.test', language: 'fr' };
  it('limit every field and refuse unknown ones', () => {
    expect(validate(SignUpInput, person).ok).toBe(true);
    const bad = validate(SignUpInput, { ...person, firstName: 'x'.repeat(128), email: 'not-an-email', website: 'w'.repeat(300), extra: 1, language: 'it' });
    expect(bad.ok ? [] : bad.problems.map((p) => p.path).sort()).toEqual(['email', 'extra', 'firstName', 'language', 'website']);
  });

  it('brand: https logos and #rrggbb colours only', () => {
    expect(validate(BrandSettingsInput, { logoUrl: 'https://cdn.example/logo.png', accentColor: '#1A6b4f' }).ok).toBe(true);
    const bad = validate(BrandSettingsInput, { logoUrl: 'javascript:alert(1)', accentColor: 'red' });
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.path}:${p.code}`).sort()).toEqual(['accentColor:color', 'logoUrl:httpsUrl']);
  });

  it('sign-up is off by default; wording falls back to the default per language', () => {
    expect(resolveSettings({}).signUp).toEqual({ enabled: false, consentWording: {} });
    const wording = consentWordingOf('Bistro', { email: { fr: 'Oui aux e-mails', de: '' } });
    expect(wording.email.fr).toBe('Oui aux e-mails');
    expect(wording.email.de).toBe('Ich möchte Neuigkeiten und Angebote von Bistro per E-Mail erhalten.');
    expect(wording.phone.en).toContain('Bistro');
  });
});
