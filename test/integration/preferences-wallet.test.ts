// The preferences page's cards: the customer's bound cards (never another customer's, never a revoked
// one) with their "Add to Apple Wallet" / "Add to Google Wallet" links, the same signed, expiring
// links as the card email's: the Apple link downloads a pass signed by the test CA for that card, the
// Google link a JWT verified with the test key; they expire after 30 days, fail when tampered with,
// and answer 410 once the card is revoked. Without wallet credentials, no card and no link.
import { readFileSync } from 'node:fs';
import { importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/src/common/firebase';
import { walletConfig } from '../../functions/src/common/walletConfig';
import { verifyWalletLink, WALLET_LINK_TTL_SECONDS } from '../../functions/src/common/walletLinks';
import { paths } from '../../functions/src/model/paths';
import type { Preferences } from '../../functions/src/model/signUp';
import { getPreferences } from '../../functions/src/preferences/preferences';
import { adminDb } from '../helpers/admin';
import { createTwoTeams, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';
import { mailsTo } from '../helpers/mail';
import { forgeLink, localLinkKey, publicCall, publicOk, tokenOf } from '../helpers/public';
import { TEST_ISSUER_ID, TEST_SA_EMAIL, unpackPass, walletCredentials, type WalletCredentials } from '../helpers/wallet';

const envLocal = Object.fromEntries(
  readFileSync(new URL('../../functions/.env.local', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => /^\w+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);
const BASE = envLocal.WALLET_BASE_URL!;

let a: Team;
let b: Team;
let creds: WalletCredentials;
let batchA: string;
let codesA: string[];
let batchB: string;
let codesB: string[];

beforeAll(async () => {
  creds = walletCredentials();
  [a, b] = await createTwoTeams('Prefs wallet');
  ({ batchId: batchA } = await a.manager.call<{ batchId: string }>('createCardBatch', { chainId: a.chainId, name: 'P', size: 6 }));
  ({ batchId: batchB } = await b.manager.call<{ batchId: string }>('createCardBatch', { chainId: b.chainId, name: 'P', size: 2 }));
  codesA = (await adminDb.collection(paths.cards(a.chainId, batchA)).get()).docs.map((d) => d.id);
  codesB = (await adminDb.collection(paths.cards(b.chainId, batchB)).get()).docs.map((d) => d.id);
});
afterAll(() => Promise.all([a.closeAll(), b.closeAll()]));

const card = (team: Team, batchId: string, code: string) => adminDb.doc(`${paths.cards(team.chainId, batchId)}/${code}`);
const prefsLink = (chainId: string, customerId: string) => {
  const now = Math.floor(Date.now() / 1000);
  return forgeLink({ kind: 'prefs', chainId, id: customerId, iat: now, exp: now + 3600 });
};

/** A customer of `team` with the given cards bound (each card email sent). */
async function customerWithCards(team: Team, batchId: string, codes: string[]) {
  const person = someone({ language: 'fr' });
  const { customerId } = await createCustomer(team.staff, team.chainId, person);
  for (const code of codes) {
    await team.staff.call('bindCard', { chainId: team.chainId, code, customerId });
    await expect.poll(async () => (await card(team, batchId, code).get()).get('email.status'), { timeout: 30_000 }).toBe('sent');
  }
  return { customerId, email: person.email };
}

/** The code a wallet link leads to: the Apple pass's barcode, or the Google JWT's object barcode. */
async function codeBehind(kind: 'apple' | 'google', link: string): Promise<string> {
  if (kind === 'apple') {
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.pkpass');
    const pass = unpackPass(Buffer.from(await res.arrayBuffer()));
    expect(pass.signatureVerifies(creds.ca)).toBe(true);
    return (pass.passJson.barcodes as { message: string }[])[0]!.message;
  }
  const res = await fetch(link, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const jwt = res.headers.get('location')!.replace('https://pay.google.com/gp/v/save/', '');
  const { payload } = await jwtVerify(jwt, await importSPKI(creds.googlePublicKey, 'RS256'), { issuer: TEST_SA_EMAIL, audience: 'google' });
  const object = (payload.payload as { genericObjects: { id: string; barcode: { value: string } }[] }).genericObjects[0]!;
  expect(object.id.startsWith(`${TEST_ISSUER_ID}.`)).toBe(true);
  return object.barcode.value;
}

describe('the preferences page shows the customer’s cards with wallet links', () => {
  it('both links of each bound card lead to that card; a revoked card and other customers’ cards are never shown', async () => {
    const mine = await customerWithCards(a, batchA, [codesA[0]!, codesA[1]!, codesA[2]!]);
    await customerWithCards(a, batchA, [codesA[3]!]); // another customer of the same chain
    await customerWithCards(b, batchB, [codesB[0]!]); // a customer of another chain
    await a.manager.call('revokeCard', { chainId: a.chainId, code: codesA[2]! });

    // The preferences link of the card email itself.
    const html = (await mailsTo(mine.email))[0]!.body.content.find((c) => c.type === 'text/html')!.value;
    const token = tokenOf(html.match(/http:\/\/127\.0\.0\.1:5000\/me\/[^"]+/)![0]);
    const prefs = await publicOk<Preferences>('getPreferences', { chainId: a.chainId, token });
    const bound = [codesA[0]!, codesA[1]!].sort();
    expect(prefs.cards.map((c) => c.start)).toEqual(bound.map((c) => c.slice(0, 4)));
    const behind: string[] = [];
    for (const c of prefs.cards) {
      expect(c.apple?.startsWith(`${BASE}/pass/apple?t=`)).toBe(true);
      expect(c.google?.startsWith(`${BASE}/pass/google?t=`)).toBe(true);
      const apple = await codeBehind('apple', c.apple!);
      expect(await codeBehind('google', c.google!)).toBe(apple);
      behind.push(apple);
    }
    expect(behind.sort()).toEqual(bound);
    // No whole code in the answer (the links are encrypted): nothing of another card either.
    const text = JSON.stringify(prefs);
    for (const code of [...codesA, ...codesB]) expect(text).not.toContain(code);
  });

  it('links expire after 30 days and refuse tampering; a card revoked after the page was shown answers 410', async () => {
    const mine = await customerWithCards(a, batchA, [codesA[4]!]);
    const prefs = await publicOk<Preferences>('getPreferences', { chainId: a.chainId, token: await prefsLink(a.chainId, mine.customerId) });
    const [shown] = prefs.cards;
    const t = new URL(shown!.apple!).searchParams.get('t')!;
    const now = Date.now();
    expect(await verifyWalletLink(creds.linkSecret, t, now + (WALLET_LINK_TTL_SECONDS - 3600) * 1000)).toMatchObject({
      chainId: a.chainId,
      code: codesA[4],
      kind: 'apple',
    });
    expect(await verifyWalletLink(creds.linkSecret, t, now + (WALLET_LINK_TTL_SECONDS + 3600) * 1000)).toBeNull();
    const tampered = t.slice(0, -3) + (t.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await fetch(`${BASE}/pass/apple?t=${tampered}`)).status).toBe(403);
    // The Apple token does not open the Google pass.
    expect((await fetch(`${BASE}/pass/google?t=${encodeURIComponent(t)}`, { redirect: 'manual' })).status).toBe(403);

    await a.manager.call('revokeCard', { chainId: a.chainId, code: codesA[4]! });
    expect((await fetch(shown!.apple!)).status).toBe(410);
    expect((await fetch(shown!.google!, { redirect: 'manual' })).status).toBe(410);
    const after = await publicOk<Preferences>('getPreferences', { chainId: a.chainId, token: await prefsLink(a.chainId, mine.customerId) });
    expect(after.cards).toEqual([]);
  });

  it('a customer of another chain with the same link key sees only their own cards; a link of chain A opens nothing in chain B', async () => {
    const other = await customerWithCards(b, batchB, [codesB[1]!]);
    const prefs = await publicOk<Preferences>('getPreferences', { chainId: b.chainId, token: await prefsLink(b.chainId, other.customerId) });
    expect(prefs.cards.map((c) => c.start)).toEqual([codesB[1]!.slice(0, 4)]);
    expect(await codeBehind('apple', prefs.cards[0]!.apple!)).toBe(codesB[1]);
    // B's customer id in a link of chain A: not found there (ids are per chain).
    expect(await publicCall('getPreferences', { chainId: a.chainId, token: await prefsLink(a.chainId, other.customerId) })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });

  it('without wallet credentials the page gets no card; with Google only, only Google links', async () => {
    const mine = await customerWithCards(a, batchA, [codesA[5]!]);
    const token = await prefsLink(a.chainId, mine.customerId);
    const deps = { db: adminDb } as unknown as Deps;
    const caller = { lang: 'en' as const, ip: '10.0.0.1' };
    const none = { passTypeId: '', teamId: '', cert: '', key: '', wwdr: '', apnsBaseUrl: '' };
    const unset = walletConfig({ baseUrl: '', linkSecret: '', apple: none, google: { issuerId: '', serviceAccountKey: '', apiBaseUrl: '' } });
    const call = (wallet: ReturnType<typeof walletConfig> | null) =>
      getPreferences(deps, caller, { chainId: a.chainId, token }, { secret: localLinkKey(), wallet });
    expect((await call(unset)).cards).toEqual([]);
    expect((await call(null)).cards).toEqual([]);
    const googleOnly = walletConfig({
      baseUrl: BASE,
      linkSecret: creds.linkSecret,
      apple: { ...none, cert: 'none', key: 'none' },
      google: { issuerId: TEST_ISSUER_ID, serviceAccountKey: creds.serviceAccount, apiBaseUrl: '' },
    });
    const cards = (await call(googleOnly)).cards;
    expect(cards).toHaveLength(1);
    expect(cards[0]!.apple).toBeUndefined();
    expect(await codeBehind('google', cards[0]!.google!)).toBe(codesA[5]);
  });
});
