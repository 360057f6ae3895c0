// Self sign-up through the public callables, as the public pages call them (no sign-in, the App
// Check stand-in of the emulators): double opt-in with a signed single-use link, the customer created
// through the write path with a digital card, an email already in the directory (nothing created,
// its card sent again), sign-up switched off, other chains' ids, App Check missing, rate limits,
// honeypot, field sizes, links replayed, expired, tampered or of another chain, erasure and purge;
// birthdays of day and month, the digital batch never printed, only owners switching sign-up.
// Over 300 lines on purpose: every case shares one seeded pair of chains (each costs four accounts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { paths } from '../../functions/src/model/paths';
import { DIGITAL_BATCH_ID, MAX_PER_IP } from '../../functions/src/model/signUp';
import { purgeExpiredSignUps } from '../../functions/src/signup/purge';
import { adminDb } from '../helpers/admin';
import { createTwoTeams, type Team } from '../helpers/chains';
import { callError, uniqueEmail } from '../helpers/clients';
import { decodeQr, mailsTo, type CapturedMail } from '../helpers/mail';
import { forgeLink, publicCall, publicOk, someAddress, tokenOf } from '../helpers/public';

let a: Team;
let b: Team;
let locationA: string;
let locationB: string;

const firstLocation = async (chainId: string) => (await adminDb.collection(paths.locations(chainId)).where('name', '==', 'Centre').get()).docs[0]!.id;
const htmlOf = (m: CapturedMail) => m.body.content.find((c) => c.type === 'text/html')?.value ?? '';
const linkIn = (m: CapturedMail, pattern: RegExp) => {
  const found = htmlOf(m).match(pattern);
  if (!found) throw new Error(`no link ${pattern} in the email`);
  return found[0].replace(/&#38;/g, '&');
};
const confirmLinkOf = (m: CapturedMail) => linkIn(m, /http:\/\/127\.0\.0\.1:5000\/join\/[^"]+\/confirm#t=[A-Za-z0-9._-]+/);

/** Signs up and waits for the confirmation email; returns its token. */
async function signUpAndGetToken(team: Team, email: string, more: Record<string, unknown> = {}): Promise<string> {
  await publicOk('signUp', { chainId: team.chainId, firstName: 'Zoé', lastName: 'Martin', email, language: 'fr', ...more }, { ip: someAddress() });
  await expect.poll(async () => (await mailsTo(email)).length).toBe(1);
  return tokenOf(confirmLinkOf((await mailsTo(email))[0]!));
}

async function customersWithEmail(chainId: string, email: string) {
  return (await adminDb.collection(paths.customers(chainId)).where('email', '==', email).get()).docs;
}

beforeAll(async () => {
  [a, b] = await createTwoTeams('Sign-up');
  [locationA, locationB] = await Promise.all([firstLocation(a.chainId), firstLocation(b.chainId)]);
  const wording = { email: { fr: 'Je veux les offres du Bistro par e-mail.' } };
  await a.owner.call('saveChainSettings', {
    chainId: a.chainId,
    settings: { signUp: { enabled: true, consentWording: wording }, brand: { accentColor: '#aa3300' } },
  });
  await b.owner.call('saveChainSettings', { chainId: b.chainId, settings: { signUp: { enabled: true } } });
});

afterAll(async () => {
  await Promise.all([a.closeAll(), b.closeAll()]);
});

describe('self sign-up', () => {
  it('double opt-in: nothing is created before the link; then the customer, its consent and a digital card, delivered by email', async () => {
    const info = await publicOk('signUpInfo', { chainId: a.chainId, locationId: locationA });
    expect(info).toMatchObject({ name: 'Sign-up A', accentColor: '#aa3300', locationName: 'Centre' });
    expect(info.consentWording.email.fr).toBe('Je veux les offres du Bistro par e-mail.');
    expect(info.consentWording.email.de).toContain('Sign-up A');

    const email = uniqueEmail('zoe');
    await publicOk('signUp', {
      chainId: a.chainId,
      locationId: locationA,
      firstName: 'Zoé',
      lastName: 'Martin',
      email,
      phone: '+33 6 12 34 56 78',
      birthDate: '1990-04-12',
      language: 'fr',
      consent: { email: true, postalMail: false },
    });
    await expect.poll(async () => (await mailsTo(email)).length).toBe(1);
    const [confirmation] = await mailsTo(email);
    expect(confirmation!.body.subject).toBe('Confirmez votre inscription chez Sign-up A');
    expect(await customersWithEmail(a.chainId, email)).toHaveLength(0);

    const link = confirmLinkOf(confirmation!);
    expect(link).toContain(`/join/${a.chainId}/confirm#t=`);
    expect(await publicOk('confirmSignUp', { chainId: a.chainId, token: tokenOf(link) })).toEqual({ status: 'confirmed' });

    const [customer] = await customersWithEmail(a.chainId, email);
    expect(customer!.data()).toMatchObject({
      firstName: 'Zoé',
      source: 'self-signup',
      language: 'fr',
      birthDate: '1990-04-12',
      phones: { mobile: '+33612345678' },
    });
    expect(customer!.get('consent.email')).toMatchObject({ granted: true, source: 'self-signup', locationId: locationA });
    expect(customer!.get('consent.postalMail')).toBeNull();
    const log = await customer!.ref.collection('consentLog').get();
    expect(log.docs.map((d) => d.data())).toEqual([expect.objectContaining({ channel: 'email', granted: true, source: 'self-signup', locationId: locationA })]);
    const history = await customer!.ref.collection('history').get();
    expect(history.docs.map((d) => d.get('action')).sort()).toEqual(['card.bind', 'create']);
    expect(history.docs.every((d) => d.get('source') === 'self-signup' && d.get('locationId') === locationA)).toBe(true);

    const [code] = customer!.get('cardCodes') as string[];
    const card = await adminDb.doc(`${paths.cards(a.chainId, DIGITAL_BATCH_ID)}/${code}`).get();
    expect(card.data()).toMatchObject({ status: 'bound', customerId: customer!.id, batchId: DIGITAL_BATCH_ID });
    expect((await adminDb.doc(paths.cardBatch(a.chainId, DIGITAL_BATCH_ID)).get()).data()).toMatchObject({ kind: 'digital', size: 1, bound: 1 });
    expect((await adminDb.collection(paths.signUps(a.chainId)).where('emailKey', '==', email).get()).size).toBe(0);

    // The card email, in French, with its QR code, the preferences link and a one-click unsubscribe.
    await expect.poll(async () => (await mailsTo(email)).length).toBe(2);
    const cardMail = (await mailsTo(email)).find((m) => m.body.subject.includes('carte client'))!;
    expect(decodeQr(cardMail.body.attachments!.find((x) => x.disposition === 'attachment')!.content)).toBe(code);
    expect(htmlOf(cardMail)).toContain(`http://127.0.0.1:5000/me/${a.chainId}#t=`);
    const headers = (cardMail.body as unknown as { headers: Record<string, string> }).headers;
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['List-Unsubscribe']).toMatch(new RegExp(`^<http://127\\.0\\.0\\.1:5000/unsubscribe\\?c=${a.chainId}&t=[A-Za-z0-9._-]+>$`));

    // Single use: the same link again, and two at once, create nothing more.
    const again = await publicCall('confirmSignUp', { chainId: a.chainId, token: tokenOf(link) });
    expect(again).toMatchObject({ ok: false, code: 'failed-precondition', details: { key: 'signUp.linkExpired' } });
    expect(await customersWithEmail(a.chainId, email)).toHaveLength(1);
  });

  it('two simultaneous uses of one link: one confirms, the other is refused', async () => {
    const email = uniqueEmail('race');
    const token = await signUpAndGetToken(a, email);
    const answers = await Promise.all([0, 1].map(() => publicCall('confirmSignUp', { chainId: a.chainId, token })));
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    expect(answers.find((x) => !x.ok)).toMatchObject({ code: 'failed-precondition' });
    expect(await customersWithEmail(a.chainId, email)).toHaveLength(1);
  });

  it('an email already in the directory creates no second customer: its card is sent (bound first if it had none)', async () => {
    const email = uniqueEmail('known');
    const { customerId } = await a.staff.call('saveCustomer', { chainId: a.chainId, customer: { firstName: 'Léa', lastName: 'Known', email } });
    // Typed in capitals: emails are compared without case.
    const token = await signUpAndGetToken(a, email.toUpperCase());
    expect(await publicOk('confirmSignUp', { chainId: a.chainId, token })).toEqual({ status: 'confirmed' });
    const same = await customersWithEmail(a.chainId, email);
    expect(same.map((d) => d.id)).toEqual([customerId]);
    expect(same[0]!.data()).toMatchObject({ firstName: 'Léa', source: 'backoffice' }); // nothing of the sign-up overwrote it
    const [code] = same[0]!.get('cardCodes') as string[];
    expect(code).toBeDefined();
    const cardsWithCode = async () => (await mailsTo(email)).filter((m) => !!m.body.attachments && decodeQr(m.body.attachments[1]!.content) === code).length;
    await expect.poll(cardsWithCode).toBe(1);

    // Signing up again sends the same card again, and still creates nothing.
    await publicOk('signUp', { chainId: a.chainId, firstName: 'Someone', lastName: 'Else', email, language: 'en' }, { ip: someAddress() });
    await expect.poll(async () => (await mailsTo(email)).filter((m) => m.body.subject.startsWith('Confirm your sign-up')).length).toBe(1);
    const confirmation = (await mailsTo(email)).find((m) => m.body.subject.startsWith('Confirm your sign-up'))!;
    await publicOk('confirmSignUp', { chainId: a.chainId, token: tokenOf(confirmLinkOf(confirmation)) });
    await expect.poll(cardsWithCode).toBe(2);
    expect((await customersWithEmail(a.chainId, email)).map((d) => d.get('firstName'))).toEqual(['Léa']);
    expect((await adminDb.doc(paths.cardBatch(a.chainId, DIGITAL_BATCH_ID)).get()).get('size')).toBeGreaterThanOrEqual(1);
  });

  it('answers the same whether the email is a customer or not, and for the honeypot (which stores and sends nothing)', async () => {
    const known = uniqueEmail('same');
    await a.staff.call('saveCustomer', { chainId: a.chainId, customer: { firstName: 'Al', lastName: 'Same', email: known } });
    const base = { chainId: a.chainId, firstName: 'Al', lastName: 'Same', language: 'en' };
    const answers = await Promise.all([
      publicCall('signUp', { ...base, email: known }, { ip: someAddress() }),
      publicCall('signUp', { ...base, email: uniqueEmail('new') }, { ip: someAddress() }),
      publicCall('signUp', { ...base, email: uniqueEmail('bot'), website: 'http://spam.example' }, { ip: someAddress() }),
    ]);
    expect(answers).toEqual([0, 1, 2].map(() => ({ ok: true, data: { status: 'check-your-email' } })));
  });

  it('a filled honeypot stores nothing and sends nothing', async () => {
    const email = uniqueEmail('honey');
    await publicOk('signUp', { chainId: a.chainId, firstName: 'Bot', lastName: 'Net', email, language: 'en', website: 'x' }, { ip: someAddress() });
    // Nothing stored, so no confirmation email can ever be triggered.
    expect((await adminDb.collection(paths.signUps(a.chainId)).where('emailKey', '==', email).get()).size).toBe(0);
    expect(await mailsTo(email)).toHaveLength(0);
  });
});

describe('refusals', () => {
  const person = (chainId: string, more: Record<string, unknown> = {}) => ({
    chainId,
    firstName: 'Pat',
    lastName: 'Probe',
    email: uniqueEmail('probe'),
    language: 'en',
    ...more,
  });

  it('without App Check every public callable is refused and nothing is stored', async () => {
    const email = uniqueEmail('noappcheck');
    for (const [name, data] of [
      ['signUpInfo', { chainId: a.chainId }],
      ['signUp', person(a.chainId, { email })],
      ['confirmSignUp', { chainId: a.chainId, token: 'x.y.z' }],
      ['getPreferences', { chainId: a.chainId, token: 'x.y.z' }],
      ['savePreferences', { chainId: a.chainId, token: 'x.y.z', consent: { email: false } }],
    ] as const) {
      expect(await publicCall(name, data, { appCheck: false }), name).toMatchObject({ ok: false, code: 'unauthenticated' });
    }
    expect((await adminDb.collection(paths.signUps(a.chainId)).where('emailKey', '==', email).get()).size).toBe(0);
  });

  it('an unknown chain, sign-up switched off, and a location of another chain are refused precisely', async () => {
    expect(await publicCall('signUpInfo', { chainId: 'no-such-chain' })).toMatchObject({
      ok: false,
      code: 'not-found',
      details: { problems: [{ path: 'chainId' }] },
    });
    expect(await publicCall('signUp', person('no-such-chain'))).toMatchObject({ ok: false, code: 'not-found', details: { problems: [{ path: 'chainId' }] } });
    for (const [name, data] of [
      ['signUpInfo', { chainId: a.chainId, locationId: locationB }],
      ['signUp', person(a.chainId, { locationId: locationB })],
    ] as const) {
      const answer = await publicCall(name, data, { ip: someAddress() });
      expect(answer, name).toMatchObject({ ok: false, code: 'not-found', details: { problems: [{ path: 'locationId', code: 'noSuchLocation' }] } });
    }
    // Switched off: the page, the sign-up and a confirmation link already sent are refused.
    const email = uniqueEmail('off');
    const token = await signUpAndGetToken(b, email);
    await b.owner.call('saveChainSettings', { chainId: b.chainId, settings: { signUp: { enabled: false } } });
    try {
      for (const [name, data] of [
        ['signUpInfo', { chainId: b.chainId }],
        ['signUp', person(b.chainId)],
        ['confirmSignUp', { chainId: b.chainId, token }],
      ] as const) {
        expect(await publicCall(name, data, { lang: 'de', ip: someAddress() }), name).toMatchObject({
          ok: false,
          code: 'failed-precondition',
          message: 'Diese Kette nimmt derzeit keine Online-Anmeldungen an. Fragen Sie an der Theke.',
        });
      }
      expect(await customersWithEmail(b.chainId, email)).toHaveLength(0);
    } finally {
      await b.owner.call('saveChainSettings', { chainId: b.chainId, settings: { signUp: { enabled: true } } });
    }
  });

  it('bad input is refused field by field: sizes, unknown fields, a too long token', async () => {
    const answer = await publicCall('signUp', person(a.chainId, { firstName: 'x'.repeat(200), email: `${'y'.repeat(130)}@example.test`, admin: true }));
    expect(answer.ok).toBe(false);
    const paths_ = (answer as { details: { problems: { path: string }[] } }).details.problems.map((p) => p.path).sort();
    expect(paths_).toEqual(['admin', 'email', 'firstName']);
    expect(await publicCall('signUp', person(a.chainId, { website: 'w'.repeat(300) }))).toMatchObject({ ok: false, code: 'invalid-argument' });
    expect(await publicCall('confirmSignUp', { chainId: a.chainId, token: 'a'.repeat(1001) })).toMatchObject({
      ok: false,
      code: 'invalid-argument',
      details: { problems: [{ path: 'token' }] },
    });
  });

  it('links: tampered, signed with another key, of another chain, or expired are refused; a pending sign-up past 48 hours too', async () => {
    const email = uniqueEmail('links');
    const token = await signUpAndGetToken(a, email);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sub: string };
    const id = claims.sub;
    // The same signature over a payload naming another pending sign-up.
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: `${id}x` })).toString('base64url')}.${signature}`;
    const now = Math.floor(Date.now() / 1000);
    const invalid = { ok: false, code: 'invalid-argument', details: { problems: [{ path: 'token', code: 'linkInvalid' }] } };
    expect(await publicCall('confirmSignUp', { chainId: a.chainId, token: tampered })).toMatchObject(invalid);
    expect(await publicCall('confirmSignUp', { chainId: a.chainId, token: 'not.a.link' })).toMatchObject(invalid);
    const otherKey = await forgeLink({ kind: 'confirm', chainId: a.chainId, id, iat: now, exp: now + 600 }, 'some-other-key-of-32-characters!');
    expect(await publicCall('confirmSignUp', { chainId: a.chainId, token: otherKey })).toMatchObject(invalid);
    // A's link used on chain B, and a link naming chain B used there.
    expect(await publicCall('confirmSignUp', { chainId: b.chainId, token })).toMatchObject(invalid);
    const ofB = await forgeLink({ kind: 'confirm', chainId: b.chainId, id, iat: now, exp: now + 600 });
    expect(await publicCall('confirmSignUp', { chainId: b.chainId, token: ofB })).toMatchObject({ ok: false, code: 'failed-precondition' });
    // A preferences link is not a confirmation link.
    const prefs = await forgeLink({ kind: 'prefs', chainId: a.chainId, id, iat: now, exp: now + 600 });
    expect(await publicCall('confirmSignUp', { chainId: a.chainId, token: prefs })).toMatchObject(invalid);
    const expired = await forgeLink({ kind: 'confirm', chainId: a.chainId, id, iat: now - 3 * 86400, exp: now - 86400 });
    expect(await publicCall('confirmSignUp', { chainId: a.chainId, token: expired })).toMatchObject({
      ok: false,
      code: 'failed-precondition',
      details: { key: 'signUp.linkExpired' },
    });
    expect(await customersWithEmail(a.chainId, email)).toHaveLength(0);

    // The pending sign-up itself expires after 48 hours, whatever its link says.
    await adminDb.doc(`${paths.signUps(a.chainId)}/${id}`).update({ expiresAt: Timestamp.fromMillis(Date.now() - 1000) });
    expect(await publicCall('confirmSignUp', { chainId: a.chainId, token })).toMatchObject({ ok: false, code: 'failed-precondition' });
    expect(await customersWithEmail(a.chainId, email)).toHaveLength(0);
  });

  it(`rate limits: ${MAX_PER_IP} sign-ups an hour from one address, then resource-exhausted with a retry time; and per chain`, async () => {
    const ip = someAddress();
    for (let i = 0; i < MAX_PER_IP; i++) await publicOk('signUp', person(a.chainId, { website: 'honeypot: counted, nothing sent' }), { ip });
    const refused = await publicCall('signUp', person(a.chainId), { ip, lang: 'fr' });
    expect(refused).toMatchObject({ ok: false, code: 'resource-exhausted', details: { key: 'signUp.tooMany', limit: 'ip' } });
    const retry = (refused as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(3600);
    expect(await publicCall('signUp', person(a.chainId), { ip: someAddress() })).toMatchObject({ ok: true });

    // The chain's counter for this hour, full: every address is refused for this chain, not for another.
    const windowStart = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const counter = adminDb.doc(`${paths.signUpLimits(b.chainId)}/w${windowStart}`);
    const before = (await counter.get()).data();
    await counter.set({ count: 200, expiresAt: Timestamp.fromMillis(windowStart + 3_600_000) });
    try {
      expect(await publicCall('signUp', person(b.chainId), { ip: someAddress() })).toMatchObject({
        ok: false,
        code: 'resource-exhausted',
        details: { limit: 'chain' },
      });
      expect(await publicCall('signUp', person(a.chainId), { ip: someAddress() })).toMatchObject({ ok: true });
    } finally {
      await (before ? counter.set(before) : counter.delete());
    }
  });
});

describe('preferences, unsubscribe, erasure and purge', () => {
  it('the preferences link shows the data and changes consent (source customer); one-click unsubscribe withdraws email consent', async () => {
    const email = uniqueEmail('prefs');
    const token = await signUpAndGetToken(a, email, { consent: { email: true } });
    await publicOk('confirmSignUp', { chainId: a.chainId, token });
    await expect.poll(async () => (await mailsTo(email)).length).toBe(2);
    const cardMail = (await mailsTo(email))[1]!;
    const prefsToken = tokenOf(linkIn(cardMail, /http:\/\/127\.0\.0\.1:5000\/me\/[^"]+/));

    const shown = await publicOk('getPreferences', { chainId: a.chainId, token: prefsToken });
    expect(shown).toMatchObject({ chainName: 'Sign-up A', firstName: 'Zoé', email, consent: { email: true, postalMail: null, phone: null } });
    expect(await publicCall('getPreferences', { chainId: b.chainId, token: prefsToken })).toMatchObject({ ok: false, code: 'invalid-argument' });

    expect(await publicOk('savePreferences', { chainId: a.chainId, token: prefsToken, consent: { phone: true, postalMail: false } })).toEqual({ changed: 2 });
    const [customer] = await customersWithEmail(a.chainId, email);
    const log = (await customer!.ref.collection('consentLog').get()).docs.map((d) => d.data());
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'phone', granted: true, source: 'customer', by: 'customer' }),
        expect.objectContaining({ channel: 'postalMail', granted: false, source: 'customer' }),
      ]),
    );

    // One-click (RFC 8058), through Hosting as the email's header names it: a GET changes nothing.
    const url = (cardMail.body as unknown as { headers: Record<string, string> }).headers['List-Unsubscribe']!.slice(1, -1);
    const get = await fetch(url, { redirect: 'manual' });
    expect(get.status).toBe(303);
    expect((await customer!.ref.get()).get('consent.email.granted')).toBe(true);
    const post = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(post.status).toBe(200);
    expect((await customer!.ref.get()).get('consent.email')).toMatchObject({ granted: false, source: 'customer' });

    // Erased: the link says so, and unsubscribing is still answered.
    await a.manager.call('deleteCustomer', { chainId: a.chainId, customerId: customer!.id });
    expect(await publicCall('getPreferences', { chainId: a.chainId, token: prefsToken })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('erasing a customer deletes the pending sign-ups with its address; the purge deletes expired ones and their counters', async () => {
    const email = uniqueEmail('erase');
    const { customerId } = await a.staff.call('saveCustomer', { chainId: a.chainId, customer: { firstName: 'Eve', lastName: 'Erase', email } });
    await publicOk('signUp', { chainId: a.chainId, firstName: 'Eve', lastName: 'Erase', email, language: 'en' }, { ip: someAddress() });
    const pending = () => adminDb.collection(paths.signUps(a.chainId)).where('emailKey', '==', email).get();
    expect((await pending()).size).toBe(1);
    await a.manager.call('deleteCustomer', { chainId: a.chainId, customerId });
    expect((await pending()).size).toBe(0);

    const stale = uniqueEmail('stale');
    const fresh = uniqueEmail('fresh');
    for (const e of [stale, fresh])
      await publicOk('signUp', { chainId: b.chainId, firstName: 'Sam', lastName: 'Stale', email: e, language: 'en' }, { ip: someAddress() });
    const staleDoc = (await adminDb.collection(paths.signUps(b.chainId)).where('emailKey', '==', stale).get()).docs[0]!;
    await staleDoc.ref.update({ expiresAt: Timestamp.fromMillis(Date.now() - 1000) });
    const oldCounter = adminDb.doc(`${paths.ipSignUpLimits()}/test-purge-w0`);
    await oldCounter.set({ count: 1, expiresAt: Timestamp.fromMillis(Date.now() - 1000) });
    await purgeExpiredSignUps(adminDb);
    expect((await staleDoc.ref.get()).exists).toBe(false);
    expect((await oldCounter.get()).exists).toBe(false);
    expect((await adminDb.collection(paths.signUps(b.chainId)).where('emailKey', '==', fresh).get()).size).toBe(1);
  });
});

describe('birthday of day and month, and who may switch sign-up', () => {
  it('a day and month only is stored without a year; 31 February, 00 and letters are refused at birthDate in the caller language', async () => {
    const email = uniqueEmail('birthday');
    const token = await signUpAndGetToken(a, email, { birthDate: '--07-14' });
    await publicOk('confirmSignUp', { chainId: a.chainId, token });
    const [customer] = await customersWithEmail(a.chainId, email);
    expect(customer!.get('birthDate')).toBe('--07-14');

    const refused = [
      ['--02-31', 'fr', 'doit être un jour et un mois qui existent'],
      ['--00-05', 'de', 'muss ein Tag und ein Monat sein, die es gibt'],
      ['--ab-07', 'en', 'must be a day and a month that exist'],
      ['1850-07-14', 'en', 'has a year that is not one of 1900 to today'],
    ] as const;
    for (const [birthDate, lang, said] of refused) {
      const bad = uniqueEmail('bad-birthday');
      const answer = await publicCall(
        'signUp',
        { chainId: a.chainId, firstName: 'Zoé', lastName: 'Martin', email: bad, language: 'fr', birthDate },
        { lang, ip: someAddress() },
      );
      expect(answer, birthDate).toMatchObject({ ok: false, code: 'invalid-argument' });
      const problems = (answer as { details: { problems: { path: string; code: string; message: string }[] } }).details.problems;
      expect(problems.map((p) => p.path)).toEqual(['birthDate']);
      expect(problems[0]!.message.startsWith(said)).toBe(true);
      expect((await adminDb.collection(paths.signUps(a.chainId)).where('emailKey', '==', bad).get()).size).toBe(0);
    }
  });

  it('the digital batch is never printed: no print file of its codes, and nothing is exported', async () => {
    expect((await adminDb.doc(paths.cardBatch(a.chainId, DIGITAL_BATCH_ID)).get()).get('kind')).toBe('digital');
    const before = (await adminDb.collection(paths.exports(a.chainId)).get()).size;
    const err = await callError(a.manager.call('exportCardBatch', { chainId: a.chainId, batchId: DIGITAL_BATCH_ID }));
    expect(err).toMatchObject({ code: 'failed-precondition', details: { key: 'error.digitalBatchNotPrinted' } });
    expect((await adminDb.collection(paths.exports(a.chainId)).get()).size).toBe(before);
  });

  it('only the owners switch sign-up off: managers, staff, outsiders and another chain’s owner are refused, and it stays on', async () => {
    for (const user of [a.manager, a.staff, a.outsider, b.owner]) {
      const err = await callError(user.call('saveChainSettings', { chainId: a.chainId, settings: { signUp: { enabled: false } } }));
      expect(err.code).toBe('permission-denied');
    }
    expect((await adminDb.doc(paths.chain(a.chainId)).get()).get('settings.signUp.enabled')).toBe(true);
    expect(await publicOk('signUpInfo', { chainId: a.chainId })).toMatchObject({ name: 'Sign-up A' });
  });
});
