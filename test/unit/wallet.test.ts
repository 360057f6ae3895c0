// Wallet passes without emulators: the .pkpass (unzipped, manifest hashes, signature verified with
// openssl against a test CA generated here, pass.json fields and barcode), the Google save JWT
// (verified with the test service account's public key), the signed links (expiry, tampering, another
// secret, another wallet), the configuration check, and the email's buttons.
import { generateKeyPairSync } from 'node:crypto';
import { importSPKI, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { walletConfig, type WalletConfig, type WalletParams } from '../../functions/src/common/walletConfig';
import { authTokenMatches, signWalletLink, verifyWalletLink, walletAuthToken, walletLinksOf, walletPassId } from '../../functions/src/common/walletLinks';
import { composeCardEmail } from '../../functions/src/mail/cardEmail';
import { checkCharacter, formatCode, type CardDoc } from '../../functions/src/model/card';
import { brandOf, parseSerial, passSerial } from '../../functions/src/model/wallet';
import { buildApplePass } from '../../functions/src/wallet/applePass';
import { googleSaveJwt, SAVE_URL } from '../../functions/src/wallet/googlePass';
import { sha1, TEST_ISSUER_ID, TEST_PASS_TYPE_ID, TEST_SA_EMAIL, TEST_TEAM_ID, unpackPass, walletCredentials, type WalletCredentials } from '../helpers/wallet';

const CODE = (() => {
  const payload = '0123456789ABCDEFGHJK';
  return payload + checkCharacter(payload);
})();

// openssl runs per test (signing, verifying): generous limits on a shared, loaded machine.
vi.setConfig({ testTimeout: 60_000 });

let c: WalletCredentials;
let params: WalletParams;
let config: WalletConfig;

beforeAll(() => {
  c = walletCredentials();
  params = {
    baseUrl: 'https://wallet.example.test/wallet',
    linkSecret: c.linkSecret,
    apple: { passTypeId: TEST_PASS_TYPE_ID, teamId: TEST_TEAM_ID, cert: c.cert, key: c.key, wwdr: c.wwdr, apnsBaseUrl: 'https://api.push.apple.com' },
    google: { issuerId: TEST_ISSUER_ID, serviceAccountKey: c.serviceAccount, apiBaseUrl: '' },
  };
  config = walletConfig(params);
}, 60_000);

const brand = brandOf({ name: 'Bistro Demo', settings: { brand: { accentColor: '#1a7f37', logoUrl: 'https://cdn.example.test/logo.png' } } });
const passInput = (over: Partial<Parameters<typeof buildApplePass>[1]> = {}) => ({
  chainId: 'chainA',
  passId: walletPassId(c.linkSecret, 'chainA', CODE, 1_700_000_000_000),
  code: CODE,
  firstName: 'Zoé',
  lang: 'fr' as const,
  brand,
  voided: false,
  authToken: walletAuthToken(c.linkSecret, 'chainA', walletPassId(c.linkSecret, 'chainA', CODE, 1_700_000_000_000)),
  webServiceUrl: 'https://wallet.example.test/wallet',
  ...over,
});

describe('wallet configuration', () => {
  it('is ready for both wallets with valid credentials, and says nothing but booleans', () => {
    expect(config.status).toEqual({
      linkSecret: true,
      baseUrl: true,
      apple: { passTypeId: true, teamId: true, certificate: true, key: true, wwdr: true, ready: true },
      google: { issuerId: true, serviceAccount: true, ready: true },
    });
    expect(JSON.stringify(config.status)).not.toContain('BEGIN');
  });

  it('turns a wallet off and names what is missing or invalid', () => {
    const partial = walletConfig({
      ...params,
      apple: { ...params.apple, cert: 'none', wwdr: '-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----' },
      google: { ...params.google, serviceAccountKey: '{"client_email":"x@y"}' },
    });
    expect(partial.apple).toBeNull();
    expect(partial.google).toBeNull();
    expect(partial.status.apple).toEqual({ passTypeId: true, teamId: true, certificate: false, key: true, wwdr: false, ready: false });
    expect(partial.status.google).toEqual({ issuerId: true, serviceAccount: false, ready: false });
  });

  it('needs the link secret (32+ characters) and the base URL for any wallet', () => {
    const short = walletConfig({ ...params, linkSecret: 'short' });
    expect(short.status.linkSecret).toBe(false);
    expect(short.apple).toBeNull();
    expect(short.google).toBeNull();
    const noUrl = walletConfig({ ...params, baseUrl: '' });
    expect(noUrl.status.baseUrl).toBe(false);
    expect(noUrl.apple).toBeNull();
  });
});

describe('Apple Wallet pass (.pkpass)', async () => {
  it('hashes every file in manifest.json and is signed by the Pass Type ID certificate under the test CA', async () => {
    const pass = unpackPass(await buildApplePass(config.apple!, passInput()));
    const names = Object.keys(pass.files).filter((f) => f !== 'manifest.json' && f !== 'signature');
    expect(names.sort()).toEqual(['icon.png', 'icon@2x.png', 'icon@3x.png', 'pass.json']);
    expect(Object.keys(pass.manifest).sort()).toEqual(names.sort());
    for (const name of names) expect(pass.manifest[name], name).toBe(sha1(pass.files[name]!));
    expect(pass.signatureVerifies(c.ca)).toBe(true);
  });

  it('fails verification against another CA, and for an altered manifest', async () => {
    const pass = unpackPass(await buildApplePass(config.apple!, passInput()));
    const altered = Buffer.from(pass.files['manifest.json']!.toString('utf8').replace(/"pass.json":"[0-9a-f]/, '"pass.json":"x'));
    expect(pass.signatureVerifies(c.ca, altered)).toBe(false);
    expect(pass.signatureVerifies(c.cert)).toBe(false);
  });

  it('carries the card QR payload, chain branding, customer name and code', async () => {
    const { passJson } = unpackPass(await buildApplePass(config.apple!, passInput()));
    const serial = passJson.serialNumber as string;
    expect(passJson).toMatchObject({
      formatVersion: 1,
      passTypeIdentifier: TEST_PASS_TYPE_ID,
      teamIdentifier: TEST_TEAM_ID,
      organizationName: 'Bistro Demo',
      logoText: 'Bistro Demo',
      backgroundColor: 'rgb(26, 127, 55)',
      webServiceURL: 'https://wallet.example.test/wallet',
      barcodes: [{ format: 'PKBarcodeFormatQR', message: CODE, messageEncoding: 'iso-8859-1', altText: formatCode(CODE) }],
      storeCard: {
        primaryFields: [{ key: 'member', label: 'Client', value: 'Zoé' }],
        secondaryFields: [{ key: 'code', label: 'Code de la carte', value: formatCode(CODE) }],
      },
    });
    expect(parseSerial(serial)).toEqual({ chainId: 'chainA', passId: passInput().passId });
    expect(serial).not.toContain(CODE);
    expect(authTokenMatches(c.linkSecret, 'chainA', passInput().passId, passJson.authenticationToken as string)).toBe(true);
    expect((passJson.authenticationToken as string).length).toBeGreaterThanOrEqual(16);
    expect(passJson.voided).toBeUndefined();
  });

  it('a voided pass has no barcode and no customer name, and is still signed', async () => {
    const pass = unpackPass(await buildApplePass(config.apple!, passInput({ voided: true, firstName: null })));
    expect(pass.passJson.voided).toBe(true);
    expect(pass.passJson.barcodes).toBeUndefined();
    expect(JSON.stringify(pass.passJson)).not.toContain('Zoé');
    expect(pass.signatureVerifies(c.ca)).toBe(true);
  });

  it('includes the chain logo when one was fetched', async () => {
    const logo = Buffer.from(unpackPass(await buildApplePass(config.apple!, passInput())).files['icon.png']!);
    const pass = unpackPass(await buildApplePass(config.apple!, passInput({ logo })));
    expect(pass.manifest['logo.png']).toBe(sha1(logo));
  });
});

describe('Google Wallet save link (JWT)', () => {
  it('is an RS256 JWT verified by the service account public key, with the card object', async () => {
    const jwt = await googleSaveJwt(config.google!, { chainId: 'chainA', passId: 'p'.repeat(32), code: CODE, firstName: 'Zoé', lang: 'fr', brand });
    const { payload, protectedHeader } = await jwtVerify(jwt, await importSPKI(c.googlePublicKey, 'RS256'), { issuer: TEST_SA_EMAIL, audience: 'google' });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.typ).toBe('savetowallet');
    const body = payload.payload as { genericClasses: { id: string }[]; genericObjects: Record<string, unknown>[] };
    expect(body.genericClasses).toEqual([{ id: `${TEST_ISSUER_ID}.regulars-chainA` }]);
    expect(body.genericObjects[0]).toMatchObject({
      id: `${TEST_ISSUER_ID}.${'p'.repeat(32)}`,
      classId: `${TEST_ISSUER_ID}.regulars-chainA`,
      state: 'ACTIVE',
      hexBackgroundColor: '#1a7f37',
      logo: { sourceUri: { uri: 'https://cdn.example.test/logo.png' } },
      barcode: { type: 'QR_CODE', value: CODE, alternateText: formatCode(CODE) },
      cardTitle: { defaultValue: { language: 'fr', value: 'Bistro Demo' } },
      header: { defaultValue: { language: 'fr', value: 'Zoé' } },
    });
    expect(SAVE_URL).toBe('https://pay.google.com/gp/v/save/');
  });

  it('does not verify with another key', async () => {
    const jwt = await googleSaveJwt(config.google!, { chainId: 'chainA', passId: 'p'.repeat(32), code: CODE, firstName: 'Zoé', lang: 'fr', brand });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await expect(jwtVerify(jwt, await importSPKI(other, 'RS256'))).rejects.toThrow();
  });
});

describe('signed, expiring wallet links', () => {
  const claims = { chainId: 'chainA', code: CODE, boundAtMs: 1_700_000_000_000, kind: 'apple' as const };

  it('round-trips, and the card code does not show in the link', async () => {
    const token = await signWalletLink(c.linkSecret, claims);
    expect(token).not.toContain(CODE);
    expect(await verifyWalletLink(c.linkSecret, token)).toEqual(claims);
  });

  it('refuses an expired link', async () => {
    const now = Date.now();
    const token = await signWalletLink(c.linkSecret, claims, now, 60);
    expect(await verifyWalletLink(c.linkSecret, token, now + 59_000)).toEqual(claims);
    expect(await verifyWalletLink(c.linkSecret, token, now + 61_000)).toBeNull();
  });

  it('refuses a tampered link and one made with another secret', async () => {
    const token = await signWalletLink(c.linkSecret, claims);
    const parts = token.split('.');
    const ct = parts[3]!;
    parts[3] = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
    expect(await verifyWalletLink(c.linkSecret, parts.join('.'))).toBeNull();
    expect(await verifyWalletLink(c.linkSecret, token.slice(0, -2))).toBeNull();
    expect(await verifyWalletLink('another-secret-another-secret-another-secret', token)).toBeNull();
    expect(await verifyWalletLink(c.linkSecret, 'not a token')).toBeNull();
  });

  it('derives one pass id per binding, and auth tokens that do not match other passes', () => {
    const a = walletPassId(c.linkSecret, 'chainA', CODE, 1);
    expect(walletPassId(c.linkSecret, 'chainA', CODE, 1)).toBe(a);
    expect(walletPassId(c.linkSecret, 'chainA', CODE, 2)).not.toBe(a);
    expect(walletPassId(c.linkSecret, 'chainB', CODE, 1)).not.toBe(a);
    const b = walletPassId(c.linkSecret, 'chainB', CODE, 1);
    expect(authTokenMatches(c.linkSecret, 'chainA', a, walletAuthToken(c.linkSecret, 'chainA', a))).toBe(true);
    expect(authTokenMatches(c.linkSecret, 'chainA', a, walletAuthToken(c.linkSecret, 'chainB', b))).toBe(false);
    expect(authTokenMatches(c.linkSecret, 'chainA', a, '')).toBe(false);
    expect(passSerial('chainA', a)).toBe(`chainA.${a}`);
    expect(parseSerial('chainA.notapassid')).toBeNull();
  });
});

describe('the card email', () => {
  const card = (over: Partial<CardDoc> = {}): CardDoc => ({
    code: CODE,
    chainId: 'chainA',
    batchId: 'b',
    status: 'bound',
    customerId: 'c1',
    boundAt: { toMillis: () => 1_700_000_000_000 },
    boundBy: 'u',
    email: { status: 'pending' },
    ...over,
  });
  const compose = async (wallet: { apple?: string; google?: string }) =>
    composeCardEmail({ code: CODE, to: 'zoe@example.test', firstName: 'Zoé', lang: 'en', chainName: 'Bistro', from: 'f@example.test', jobId: 'j', wallet });

  it('shows both buttons when both wallets are configured, with links that verify', async () => {
    const links = await walletLinksOf(config, 'chainA', card());
    const mail = await compose(links);
    expect(mail.html).toContain('Add to Apple Wallet');
    expect(mail.html).toContain('Add to Google Wallet');
    const token = new URL(links.apple!).searchParams.get('t')!;
    expect(links.apple!.startsWith('https://wallet.example.test/wallet/pass/apple?t=')).toBe(true);
    expect(await verifyWalletLink(c.linkSecret, token)).toEqual({ chainId: 'chainA', code: CODE, boundAtMs: 1_700_000_000_000, kind: 'apple' });
  });

  it('omits the buttons without credentials, and for a card that is not bound', async () => {
    const none = walletConfig({ ...params, apple: { ...params.apple, cert: '' }, google: { ...params.google, issuerId: '' } });
    expect(await walletLinksOf(none, 'chainA', card())).toEqual({});
    expect(await walletLinksOf(config, 'chainA', card({ status: 'revoked' }))).toEqual({});
    const mail = await compose({});
    expect(mail.html).not.toContain('Wallet');
    expect(mail.text).not.toContain('Wallet');
  });
});
