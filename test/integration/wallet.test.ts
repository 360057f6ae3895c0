// Wallet passes against the emulators: the card email's buttons, the Apple pass behind its link
// (signature verified against the run's test CA), the Google save link (JWT verified with the test
// service account key), refused links (tampered, expired, another wallet, another chain's card, a
// revoked card), Apple's pass web service with its authentication token, and revocation and erasure
// voiding the pass: the APNs push and the Google object update reach the capture servers, and the
// device gets a voided pass. Then retention: voided passes go with their registrations.
import { readFileSync } from 'node:fs';
import { importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWalletLink, walletAuthToken } from '../../functions/src/common/walletLinks';
import { paths } from '../../functions/src/model/paths';
import { parseSerial } from '../../functions/src/model/wallet';
import { purgeVoidedPasses } from '../../functions/src/wallet/purge';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';
import { mailsTo } from '../helpers/mail';
import { TEST_ISSUER_ID, TEST_PASS_TYPE_ID, TEST_SA_EMAIL, unpackPass, walletCredentials, type WalletCredentials } from '../helpers/wallet';

const envLocal = Object.fromEntries(
  readFileSync(new URL('../../functions/.env.local', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => /^\w+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);
const BASE = envLocal.WALLET_BASE_URL!;
const CAPTURE = envLocal.GOOGLE_WALLET_API_BASE_URL!;

let team: Team;
let other: Team;
let codes: string[];
let batchId: string;
let creds: WalletCredentials;
beforeAll(async () => {
  creds = walletCredentials();
  [team, other] = await Promise.all([createTeam('Wallet Bistro'), createTeam('Other Bistro')]);
  ({ batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'Wallet', size: 10 }));
  codes = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs.map((d) => d.id);
});
afterAll(() => Promise.all([team.closeAll(), other.closeAll()]));

let next = 0;
const card = (code: string) => adminDb.doc(`${paths.cards(team.chainId, batchId)}/${code}`);

/** A customer with an email, a card bound to them, and the links of the card email once sent. */
async function bound(firstName = 'Zoé') {
  const person = someone({ firstName, language: 'fr' });
  const { customerId } = await createCustomer(team.staff, team.chainId, person);
  const code = codes[next++]!;
  await team.staff.call('bindCard', { chainId: team.chainId, code, customerId });
  await expect.poll(async () => (await card(code).get()).get('email.status'), { timeout: 30_000 }).toBe('sent');
  const html = (await mailsTo(person.email))[0]!.body.content.find((c) => c.type === 'text/html')!.value;
  const link = (id: string) => html.match(new RegExp(`<a href="([^"]+)" data-wallet="${id}"`))?.[1]?.replace(/&#38;/g, '&');
  return { customerId, code, html, apple: link('apple')!, google: link('google')!, email: person.email };
}

const authHeader = (serial: string) => {
  const ids = parseSerial(serial)!;
  return { authorization: `ApplePass ${walletAuthToken(creds.linkSecret, ids.chainId, ids.passId)}` };
};
const device = (id: string, serial: string) => `${BASE}/v1/devices/${id}/registrations/${TEST_PASS_TYPE_ID}/${serial}`;
const register = (id: string, serial: string, pushToken: string, headers = authHeader(serial)) =>
  fetch(device(id, serial), { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ pushToken }) });
const latest = (serial: string, headers: Record<string, string> = authHeader(serial)) => fetch(`${BASE}/v1/passes/${TEST_PASS_TYPE_ID}/${serial}`, { headers });
const updatedFor = (id: string, since?: string) =>
  fetch(`${BASE}/v1/devices/${id}/registrations/${TEST_PASS_TYPE_ID}${since ? `?passesUpdatedSince=${since}` : ''}`);
const pkpass = async (res: Response) => unpackPass(Buffer.from(await res.arrayBuffer()));
const pushesTo = async (token: string) =>
  ((await (await fetch(`${CAPTURE}/pushes`)).json()) as { token: string; topic: string }[]).filter((p) => p.token === token);
const objectUpdates = async (objectId: string) =>
  ((await (await fetch(`${CAPTURE}/objects`)).json()) as { objectId: string; body: { state: string }; iss: string }[]).filter((o) => o.objectId === objectId);

describe('the card email and its wallet links', () => {
  it('shows both buttons; the Apple link downloads a signed pass with the card QR payload, name and branding', async () => {
    const { code, html, apple } = await bound('Zoé');
    expect(html).toContain('Ajouter à Apple Wallet');
    expect(html).toContain('Ajouter à Google Wallet');
    const res = await fetch(apple);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.pkpass');
    const pass = await pkpass(res);
    expect(pass.signatureVerifies(creds.ca)).toBe(true);
    expect(pass.passJson).toMatchObject({
      passTypeIdentifier: TEST_PASS_TYPE_ID,
      organizationName: 'Wallet Bistro',
      webServiceURL: BASE,
      barcodes: [{ format: 'PKBarcodeFormatQR', message: code }],
      storeCard: { primaryFields: [{ key: 'member', value: 'Zoé' }] },
    });
    expect(parseSerial(pass.passJson.serialNumber as string)?.chainId).toBe(team.chainId);
    // The same binding downloaded again is the same pass.
    const again = await pkpass(await fetch(apple));
    expect(again.passJson.serialNumber).toBe(pass.passJson.serialNumber);
  });

  it('the Google link redirects to Google Wallet with a JWT signed by the service account', async () => {
    const { code, google } = await bound('Élise');
    const res = await fetch(google, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location.startsWith('https://pay.google.com/gp/v/save/')).toBe(true);
    const { payload } = await jwtVerify(location.split('/').pop()!, await importSPKI(creds.googlePublicKey, 'RS256'), {
      issuer: TEST_SA_EMAIL,
      audience: 'google',
    });
    const object = (payload.payload as { genericObjects: Record<string, unknown>[] }).genericObjects[0]!;
    expect(object).toMatchObject({ state: 'ACTIVE', barcode: { type: 'QR_CODE', value: code }, header: { defaultValue: { value: 'Élise' } } });
    expect(String(object.id).startsWith(`${TEST_ISSUER_ID}.`)).toBe(true);
  });

  it('refuses tampered, expired and cross-wallet links, and another chain', async () => {
    const { code, apple } = await bound();
    const token = new URL(apple).searchParams.get('t')!;
    const tampered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await fetch(`${BASE}/pass/apple?t=${tampered}`)).status).toBe(403);
    expect((await fetch(`${BASE}/pass/apple`)).status).toBe(403);
    expect((await fetch(`${BASE}/pass/google?t=${token}`, { redirect: 'manual' })).status).toBe(403);
    const boundAtMs = ((await card(code).get()).get('boundAt') as { toMillis(): number }).toMillis();
    const expired = await signWalletLink(creds.linkSecret, { chainId: team.chainId, code, boundAtMs, kind: 'apple' }, Date.now() - 3_600_000, 60);
    expect((await fetch(`${BASE}/pass/apple?t=${expired}`)).status).toBe(403);
    // A valid link naming this card under another chain finds nothing there.
    const crossChain = await signWalletLink(creds.linkSecret, { chainId: other.chainId, code, boundAtMs, kind: 'apple' });
    expect((await fetch(`${BASE}/pass/apple?t=${crossChain}`)).status).toBe(410);
    // A link for an earlier binding of the card (another binding time) is not this pass.
    const earlier = await signWalletLink(creds.linkSecret, { chainId: team.chainId, code, boundAtMs: boundAtMs - 1, kind: 'apple' });
    expect((await fetch(`${BASE}/pass/apple?t=${earlier}`)).status).toBe(410);
    expect((await adminDb.collection(paths.walletPasses(other.chainId)).get()).size).toBe(0);
  });
});

describe("Apple's pass web service, and revocation", () => {
  it('registers devices with the pass token only, lists updates, serves the latest pass; a revoked card is voided and pushed', async () => {
    const { code, apple, google } = await bound('Noé');
    const pass = await pkpass(await fetch(apple));
    const serial = pass.passJson.serialNumber as string;
    const { passId } = parseSerial(serial)!;
    const dev = `device${Date.now()}`;
    const push = `push${Date.now()}`;

    // Authentication: a token of another pass, or none, is refused; the pass type must be ours.
    const otherSerial = `${team.chainId}.${'0'.repeat(32)}`;
    expect((await register(dev, serial, push, authHeader(otherSerial))).status).toBe(401);
    expect((await register(dev, serial, push, { authorization: 'ApplePass nope' })).status).toBe(401);
    expect(
      (await fetch(`${BASE}/v1/devices/${dev}/registrations/pass.other/${serial}`, { method: 'POST', headers: authHeader(serial), body: '{}' })).status,
    ).toBe(404);
    expect((await register(dev, serial, push)).status).toBe(201);
    expect((await register(dev, serial, push)).status).toBe(200);
    expect((await register(`gone${dev}`, serial, `gone${push}`)).status).toBe(201);

    const listed = await updatedFor(dev);
    expect(listed.status).toBe(200);
    const { serialNumbers, lastUpdated } = (await listed.json()) as { serialNumbers: string[]; lastUpdated: string };
    expect(serialNumbers).toEqual([serial]);
    expect((await updatedFor(dev, lastUpdated)).status).toBe(204);

    expect((await latest(serial, {})).status).toBe(401);
    const current = await latest(serial);
    expect(current.status).toBe(200);
    const lastModified = current.headers.get('last-modified')!;
    expect((await pkpass(current)).passJson.barcodes).toEqual([expect.objectContaining({ message: code })]);
    expect((await latest(serial, { ...authHeader(serial), 'if-modified-since': lastModified })).status).toBe(304);

    // Revocation: the pass is voided in the revoking transaction; the trigger pushes and expires the Google object.
    await team.staff.call('revokeCard', { chainId: team.chainId, code });
    expect((await adminDb.doc(`${paths.walletPasses(team.chainId)}/${passId}`).get()).get('status')).toBe('voided');
    await expect.poll(async () => (await pushesTo(push)).length).toBe(1);
    expect((await pushesTo(push))[0]!.topic).toBe(TEST_PASS_TYPE_ID);
    await expect.poll(async () => (await objectUpdates(`${TEST_ISSUER_ID}.${passId}`)).map((o) => o.body.state)).toEqual(['EXPIRED']);
    expect((await objectUpdates(`${TEST_ISSUER_ID}.${passId}`))[0]!.iss).toBe(TEST_SA_EMAIL);
    // APNs said the `gone…` token is unregistered: its registration is deleted, the other stays.
    await expect.poll(async () => (await adminDb.collection(paths.walletRegistrations(team.chainId, passId)).get()).docs.map((d) => d.id)).toEqual([dev]);

    const after = await updatedFor(dev, lastUpdated);
    expect(after.status).toBe(200);
    expect(((await after.json()) as { serialNumbers: string[] }).serialNumbers).toEqual([serial]);
    // Changed since the Last-Modified the device holds: the voided pass, not 304.
    const voided = await pkpass(await latest(serial, { ...authHeader(serial), 'if-modified-since': lastModified }));
    expect(voided.passJson.voided).toBe(true);
    expect(voided.passJson.barcodes).toBeUndefined();
    expect(JSON.stringify(voided.passJson)).not.toContain('Noé');
    expect(voided.signatureVerifies(creds.ca)).toBe(true);

    // The email's links no longer give a pass.
    expect((await fetch(apple)).status).toBe(410);
    expect((await fetch(google, { redirect: 'manual' })).status).toBe(410);

    // The device unregisters: its registration goes.
    expect((await fetch(device(dev, serial), { method: 'DELETE', headers: authHeader(serial) })).status).toBe(200);
    expect((await adminDb.collection(paths.walletRegistrations(team.chainId, passId)).get()).size).toBe(0);
  });

  it('takes device logs without storing them, and refuses unknown routes and methods', async () => {
    expect(
      (await fetch(`${BASE}/v1/log`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ logs: ['x'] }) })).status,
    ).toBe(200);
    expect((await fetch(`${BASE}/v1/nothing`)).status).toBe(404);
    expect((await fetch(`${BASE}/v1/log`)).status).toBe(405);
  });
});

describe('erasure and retention', () => {
  it("erasing the customer voids their card's pass (no name in it any more) and pushes its devices", async () => {
    const { customerId, apple } = await bound('Inès');
    const serial = (await pkpass(await fetch(apple))).passJson.serialNumber as string;
    const { passId } = parseSerial(serial)!;
    const push = `erase${Date.now()}`;
    expect((await register(`dev${push}`, serial, push)).status).toBe(201);
    await team.manager.call('deleteCustomer', { chainId: team.chainId, customerId });
    const stored = (await adminDb.doc(`${paths.walletPasses(team.chainId)}/${passId}`).get()).data()!;
    expect(stored.status).toBe('voided');
    expect(JSON.stringify(stored)).not.toContain(customerId);
    await expect.poll(async () => (await pushesTo(push)).length).toBe(1);
    const voided = await pkpass(await latest(serial));
    expect(voided.passJson.voided).toBe(true);
    expect(JSON.stringify(voided.passJson)).not.toContain('Inès');
    expect((await fetch(apple)).status).toBe(410);
  });

  it('voided passes and their registrations go after the retention period, active ones stay', async () => {
    const { apple } = await bound('Active');
    const active = parseSerial((await pkpass(await fetch(apple))).passJson.serialNumber as string)!.passId;
    const voided = (await adminDb.collection(paths.walletPasses(team.chainId)).where('status', '==', 'voided').get()).docs.map((d) => d.id);
    expect(voided.length).toBeGreaterThan(0);
    expect(await purgeVoidedPasses(adminDb, Date.now())).toBe(0);
    await purgeVoidedPasses(adminDb, Date.now() + 8 * 24 * 3600 * 1000);
    for (const id of voided) expect((await adminDb.doc(`${paths.walletPasses(team.chainId)}/${id}`).get()).exists).toBe(false);
    expect((await adminDb.collectionGroup('walletRegistrations').where('chainId', '==', team.chainId).get()).size).toBe(0);
    expect((await adminDb.doc(`${paths.walletPasses(team.chainId)}/${active}`).get()).get('status')).toBe('active');
  });
});

describe('walletStatus', () => {
  it('tells managers and owners what is configured, never the secrets; staff and other chains are refused', async () => {
    const status = await team.manager.call<Record<string, unknown>>('walletStatus', { chainId: team.chainId });
    expect(status).toEqual({
      linkSecret: true,
      baseUrl: true,
      apple: { passTypeId: true, teamId: true, certificate: true, key: true, wwdr: true, ready: true },
      google: { issuerId: true, serviceAccount: true, ready: true },
    });
    expect(await team.owner.call('walletStatus', { chainId: team.chainId })).toEqual(status);
    expect((await callError(team.staff.call('walletStatus', { chainId: team.chainId }))).code).toBe('permission-denied');
    expect((await callError(other.owner.call('walletStatus', { chainId: team.chainId }))).code).toBe('permission-denied');
    expect((await callError(team.outsider.call('walletStatus', { chainId: team.chainId }))).code).toBe('permission-denied');
    expect((await callError(team.manager.call('walletStatus', { chainId: team.chainId, extra: 1 }))).code).toBe('invalid-argument');
  });
});
