// ID cards against the emulators and the SendGrid capture server: batches, binding by id and by
// email, concurrency, revocation, the email (language, inline QR decoding to the code), SendGrid
// failures with retry and resend, and never sending twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionGroup, getDocs, query, where } from 'firebase/firestore';
import { deliverCardEmail } from '../../functions/src/mail/deliver';
import { sendgridMailer } from '../../functions/src/mail/sendgrid';
import { codeProblem } from '../../functions/src/model/card';
import { adminBucket, adminDb } from '../helpers/admin';
import { callError, uniqueEmail } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { attemptsTo, decodeQr, failNext, mailsTo, MAIL_CAPTURE } from '../helpers/mail';
import { paths } from '../../functions/src/model/paths';

let team: Team;
let codes: string[];
let batchId: string;
beforeAll(async () => {
  team = await createTeam('Cartes & Co');
  ({ batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'Printemps', size: 40 }));
  const cards = await adminDb.collection(paths.cards(team.chainId, batchId)).get();
  codes = cards.docs.map((d) => d.id);
});
afterAll(() => team.closeAll());

let next = 0;
const freshCode = () => codes[next++]!;
/** Binds an unused card of the batch to the customer (as staff); returns its code. */
const bindFresh = async (customerId: string) => {
  const code = freshCode();
  await team.staff.call('bindCard', { chainId: team.chainId, code, customerId });
  return code;
};
const card = (code: string) => adminDb.doc(`${paths.cards(team.chainId, batchId)}/${code}`);
const waitEmail = (code: string, status: string) => expect.poll(async () => (await card(code).get()).get('email.status'), { timeout: 30_000 }).toBe(status);
/** The functions emulator's parameters (functions/.env.local). */
const envLocal = Object.fromEntries(
  readFileSync(new URL('../../functions/.env.local', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => /^\w+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);
const auditOf = async (action: string, customerId: string) =>
  (await adminDb.collection(paths.audit(team.chainId)).where('action', '==', action).where('details.customerId', '==', customerId).get()).docs.map((d) =>
    d.data(),
  );

describe('batches', () => {
  it('creates the cards unbound, with unique valid codes, and counts', async () => {
    expect(codes).toHaveLength(40);
    expect(new Set(codes).size).toBe(40);
    for (const code of codes) expect(codeProblem(code)).toBeNull();
    const c = (await card(codes[0]!).get()).data()!;
    expect(c).toMatchObject({ status: 'unbound', customerId: null, chainId: team.chainId, batchId, email: { status: 'none' } });
    expect((await adminDb.doc(paths.cardBatch(team.chainId, batchId)).get()).data()).toMatchObject({ name: 'Printemps', size: 40, bound: 0, status: 'ready' });
  });

  it('takes 1 to 10,000 cards, managers only', async () => {
    for (const size of [0, 10_001, 2.5]) {
      const err = await callError(team.manager.call('createCardBatch', { chainId: team.chainId, name: 'X', size }));
      expect(err.details.problems[0].path).toBe('size');
    }
    expect((await callError(team.staff.call('createCardBatch', { chainId: team.chainId, name: 'X', size: 1 }))).code).toBe('permission-denied');
  });

  it('exports a batch as CSV of codes for the card printer', async () => {
    const { path, rows } = await team.manager.call('exportCardBatch', { chainId: team.chainId, batchId });
    expect(rows).toBe(40);
    const [bytes] = await (await import('../helpers/admin')).adminBucket.file(path).download();
    const lines = bytes.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('code,printed,status,batch');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([...codes].sort());
  });

  it('the printer CSV neutralizes a batch name a spreadsheet would run as a formula', async () => {
    const name = '=HYPERLINK("https://evil.example","x")';
    const made = await team.manager.call('createCardBatch', { chainId: team.chainId, name, size: 2 });
    const { path } = await team.manager.call('exportCardBatch', { chainId: team.chainId, batchId: made.batchId });
    const [bytes] = await adminBucket.file(path).download();
    const rows = parse(bytes.toString('utf8')) as string[][];
    expect(rows.slice(1).map((r) => r[3])).toEqual([`'${name}`, `'${name}`]);
    expect(rows[0]).toEqual(['code', 'printed', 'status', 'batch']);
    // No cell of the file, header included, starts like a formula.
    expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it('staff cannot export a batch; another chain cannot either', async () => {
    expect((await callError(team.staff.call('exportCardBatch', { chainId: team.chainId, batchId }))).code).toBe('permission-denied');
    expect((await callError(team.outsider.call('exportCardBatch', { chainId: team.chainId, batchId }))).code).toBe('permission-denied');
  });
});

describe('binding', () => {
  it('binds by customer id; the customer lists the card; the email is sent in the customer’s language with a QR code that decodes to the card', async () => {
    const email = uniqueEmail('lukas');
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Lukas', lastName: 'Schäfer', email, language: 'de' });
    const code = freshCode();
    const result = await team.staff.call('bindCard', { chainId: team.chainId, code, customerId });
    expect(result).toMatchObject({ code, customerId, changed: true, email: 'pending' });
    expect((await adminDb.doc(paths.customer(team.chainId, customerId)).get()).get('cardCodes')).toEqual([code]);
    await waitEmail(code, 'sent');
    const [mail] = await mailsTo(email);
    expect(mail!.body.subject).toBe('Ihre Kundenkarte von Cartes & Co');
    expect(mail!.body.from.email).toBe('cards@regulars.test');
    expect(mail!.body.content.find((c) => c.type === 'text/html')!.value).toContain('src="cid:card-qr"');
    const inline = mail!.body.attachments!.find((a) => a.disposition === 'inline')!;
    expect(inline).toMatchObject({ type: 'image/png', content_id: 'card-qr' });
    expect(decodeQr(inline.content)).toBe(code);
    expect(decodeQr(mail!.body.attachments!.find((a) => a.disposition === 'attachment')!.content)).toBe(code);
    expect((await adminDb.doc(paths.cardBatch(team.chainId, batchId)).get()).get('bound')).toBeGreaterThanOrEqual(1);
  });

  it('writes the email in English for an English-speaking customer', async () => {
    const email = uniqueEmail('oliver');
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Oliver', lastName: 'Smith', email, language: 'en' });
    const code = await bindFresh(customerId);
    await waitEmail(code, 'sent');
    const [mail] = await mailsTo(email);
    expect(mail!.body.subject).toBe('Your Cartes & Co customer card');
    const text = mail!.body.content.find((c) => c.type === 'text/plain')!.value;
    expect(text).toContain('Hello Oliver,');
    expect(text).toContain('Show this QR code at the till');
    expect(mail!.body.attachments!.map((a) => a.filename)).toEqual([`card-${code.slice(0, 4)}.png`, `card-${code.slice(0, 4)}.png`]);
    expect(mail!.body.custom_args).toMatchObject({ lang: 'en' });
  });

  it('binding and resending write audit entries with ids only, no personal data', async () => {
    const email = uniqueEmail('audited');
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Audrey', lastName: 'Audit', email });
    const code = freshCode();
    await team.staff.call('bindCard', { chainId: team.chainId, code, email });
    await team.staff.call('bindCard', { chainId: team.chainId, code, customerId }); // no-op: no second entry
    const bound = await auditOf('card.bind', customerId);
    expect(bound).toEqual([
      expect.objectContaining({
        actorUid: team.staff.uid,
        target: { kind: 'card', id: code.slice(0, 4) },
        details: expect.objectContaining({ batchId, customerId, by: 'email', email: 'pending' }),
      }),
    ]);
    await waitEmail(code, 'sent');
    await team.manager.call('resendCardEmail', { chainId: team.chainId, code });
    const resent = await auditOf('card.resendEmail', customerId);
    expect(resent).toEqual([
      expect.objectContaining({
        actorUid: team.manager.uid,
        target: { kind: 'card', id: code.slice(0, 4) },
        details: expect.objectContaining({ batchId, customerId, email: 'pending' }),
      }),
    ]);
    await team.manager.call('revokeCard', { chainId: team.chainId, code });
    expect(await auditOf('card.revoke', customerId)).toHaveLength(1);
    const text = JSON.stringify([...bound, ...resent]);
    expect(text).not.toContain(email);
    expect(text).not.toContain('Audrey');
    expect(text).not.toContain(code);
  });

  it('binds by email as in the seed (any case), in French for a French customer', async () => {
    const email = uniqueEmail('anais');
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Anaïs', lastName: 'Lefèvre', email, language: 'fr' });
    const code = freshCode();
    expect(await team.staff.call('bindCard', { chainId: team.chainId, code: code.toLowerCase(), email: email.toUpperCase() })).toMatchObject({
      customerId,
      changed: true,
    });
    await waitEmail(code, 'sent');
    expect((await mailsTo(email))[0]!.body.subject).toBe('Votre carte client Cartes & Co');
  });

  it('finds the customer of a bound card (the point of sale’s lookup), and says what a free, revoked or unknown code is', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Pos', lastName: 'Lookup' });
    const code = await bindFresh(customerId);
    expect(await team.staff.call('lookupCard', { chainId: team.chainId, code })).toMatchObject({
      kind: 'bound',
      code,
      customer: { customerId, firstName: 'Pos', lastName: 'Lookup' },
    });
    const free = freshCode();
    expect(await team.staff.call('lookupCard', { chainId: team.chainId, code: free.toLowerCase() })).toEqual({ kind: 'unbound', code: free });
    const revoked = await bindFresh(customerId);
    await team.staff.call('revokeCard', { chainId: team.chainId, code: revoked });
    expect(await team.staff.call('lookupCard', { chainId: team.chainId, code: revoked })).toEqual({ kind: 'revoked', code: revoked });
    const bad = await callError(team.staff.call('lookupCard', { chainId: team.chainId, code: 'not a code' }));
    expect(bad.code).toBe('invalid-argument');
    // A manager may also read the search row directly, in one read.
    const { collection, getDocs: get, limit, query: q, where: w, FieldPath } = await import('firebase/firestore');
    const snap = await get(q(collection(team.manager.db, paths.customerIndex(team.chainId)), w(new FieldPath('k', `~card:${code}`), '==', true), limit(1)));
    expect(snap.docs.map((d) => d.get('customerId'))).toEqual([customerId]);
  });

  it('binding a card already bound to that customer changes nothing; a customer may hold several cards', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Two', lastName: 'Cards' });
    const [a, b] = [freshCode(), freshCode()];
    await team.staff.call('bindCard', { chainId: team.chainId, code: a, customerId });
    expect(await team.staff.call('bindCard', { chainId: team.chainId, code: a, customerId })).toMatchObject({ changed: false });
    await team.staff.call('bindCard', { chainId: team.chainId, code: b, customerId });
    expect((await adminDb.doc(paths.customer(team.chainId, customerId)).get()).get('cardCodes')).toEqual([a, b]);
  });

  it('a customer without an email can be bound; the status says no email', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'No', lastName: 'Email' });
    const code = freshCode();
    expect(await team.staff.call('bindCard', { chainId: team.chainId, code, customerId })).toMatchObject({ email: 'none' });
    expect((await card(code).get()).get('email.status')).toBe('none');
  });

  it('two concurrent binds of the same card: exactly one succeeds, the other fails with failed-precondition', async () => {
    const [x, y] = await Promise.all([
      createCustomer(team.staff, team.chainId, { firstName: 'Race', lastName: 'One' }),
      createCustomer(team.manager, team.chainId, { firstName: 'Race', lastName: 'Two' }),
    ]);
    const code = freshCode();
    const results = await Promise.allSettled([
      team.staff.call('bindCard', { chainId: team.chainId, code, customerId: x.customerId }),
      team.manager.call('bindCard', { chainId: team.chainId, code, customerId: y.customerId }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('functions/failed-precondition');
    const owner = (await card(code).get()).get('customerId');
    const holders = await adminDb.collection(paths.customers(team.chainId)).where('cardCodes', 'array-contains', code).get();
    expect(holders.docs.map((d) => d.id)).toEqual([owner]);
  });

  it('says clearly what is wrong: mistyped code, unknown code, unknown email, card of another customer', async () => {
    const code = freshCode();
    const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
    const mistyped = await callError(team.staff.call('bindCard', { chainId: team.chainId, code: typo, email: 'x@example.test' }));
    expect(mistyped).toMatchObject({ code: 'invalid-argument', details: { problems: [expect.objectContaining({ path: 'code', code: 'cardCodeCheck' })] } });
    const other = await team.outsider.call('createChain', { name: 'Other' });
    const foreign = (await adminDb.collection(paths.cards(team.chainId, batchId)).limit(1).get()).docs[0]!.id;
    const unknown = await callError(team.outsider.call('bindCard', { chainId: other.chainId, code: foreign, email: 'x@example.test' }));
    expect(unknown).toMatchObject({ code: 'not-found', details: { problems: [expect.objectContaining({ path: 'code' })] } });
    const noEmail = await callError(team.staff.call('bindCard', { chainId: team.chainId, code, email: uniqueEmail('ghost') }));
    expect(noEmail).toMatchObject({ code: 'not-found', details: { problems: [expect.objectContaining({ path: 'email', code: 'noCustomerWithEmail' })] } });
    const neither = await callError(team.staff.call('bindCard', { chainId: team.chainId, code }));
    expect(neither.details.problems[0].path).toBe('customerId');
    const a = await createCustomer(team.staff, team.chainId, { firstName: 'Taken', lastName: 'A' });
    const b = await createCustomer(team.staff, team.chainId, { firstName: 'Taken', lastName: 'B' });
    await team.staff.call('bindCard', { chainId: team.chainId, code, customerId: a.customerId });
    const taken = await callError(team.staff.call('bindCard', { chainId: team.chainId, code, customerId: b.customerId }));
    expect(taken).toMatchObject({ code: 'failed-precondition', details: { problems: [expect.objectContaining({ code: 'cardTaken' })] } });
  });
});

describe('revocation', () => {
  it('a revoked card leaves its customer at once and can never be bound again', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Lost', lastName: 'Card' });
    const code = await bindFresh(customerId);
    await team.staff.call('revokeCard', { chainId: team.chainId, code });
    expect((await card(code).get()).data()).toMatchObject({ status: 'revoked', revokedBy: team.staff.uid });
    expect((await adminDb.doc(paths.customer(team.chainId, customerId)).get()).get('cardCodes')).toEqual([]);
    const index = await adminDb.collection(paths.customerIndex(team.chainId)).where('customerId', '==', customerId).get();
    expect(index.docs[0]!.get(`k`)[`~card:${code}`]).toBeUndefined();
    const again = await callError(team.staff.call('bindCard', { chainId: team.chainId, code, customerId }));
    expect(again).toMatchObject({ code: 'failed-precondition', details: { problems: [expect.objectContaining({ code: 'cardRevoked' })] } });
  });
});

describe('email delivery', () => {
  it('SendGrid rate limiting (429) is retried with backoff, then sent', async () => {
    const email = uniqueEmail('busy');
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Busy', lastName: 'Day', email });
    await failNext(email, 429, 2);
    const code = await bindFresh(customerId);
    await waitEmail(code, 'sent');
    const job = (await adminDb.collection(paths.cardEmails(team.chainId)).where('code', '==', code).get()).docs[0]!.data();
    expect(job).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await mailsTo(email)).toHaveLength(1);
    // Backoff: the attempts arrive at least the base delay apart, then twice that.
    const base = Number(envLocal.MAIL_RETRY_BASE_MS);
    expect(base).toBeGreaterThan(0);
    const attempts = await attemptsTo(email);
    expect(attempts.map((a) => a.status)).toEqual([429, 429, 202]);
    const [first, second] = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at];
    expect(first).toBeGreaterThanOrEqual(base);
    expect(second).toBeGreaterThanOrEqual(2 * base);
    expect(second).toBeGreaterThan(first);
  });

  it('no answer in time: not retried (SendGrid may have accepted it), failed with a reason saying so', async () => {
    const email = uniqueEmail('slow');
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Slow', lastName: 'Answer', email });
    const timeout = Number(envLocal.MAIL_TIMEOUT_MS);
    expect(timeout).toBeLessThan(20_000);
    // SendGrid accepts the email but answers after the function stopped waiting.
    await failNext(email, 202, 1, timeout + 3000);
    const code = await bindFresh(customerId);
    await waitEmail(code, 'failed');
    expect((await card(code).get()).get('email.error')).toMatch(/not retried.*twice.*resend/);
    const job = (await adminDb.collection(paths.cardEmails(team.chainId)).where('code', '==', code).get()).docs[0]!.data();
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    await expect.poll(() => mailsTo(email).then((m) => m.length), { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 2 * Number(envLocal.MAIL_RETRY_BASE_MS) + 500));
    expect(await attemptsTo(email)).toHaveLength(1);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('SendGrid down: the binding still commits, the card shows the failure and its reason, and resend sends it', async () => {
    const email = uniqueEmail('down');
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Down', lastName: 'Time', email });
    await failNext(email, 503, 4);
    const code = await bindFresh(customerId);
    expect((await card(code).get()).get('status')).toBe('bound');
    await waitEmail(code, 'failed');
    expect((await card(code).get()).get('email.error')).toContain('503');
    expect(await mailsTo(email)).toHaveLength(0);
    expect(await team.staff.call('resendCardEmail', { chainId: team.chainId, code })).toMatchObject({ email: 'pending' });
    await waitEmail(code, 'sent');
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('a permanent refusal (400) is not retried', async () => {
    const email = uniqueEmail('refused');
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Re', lastName: 'Fused', email });
    await failNext(email, 400, 1);
    const code = await bindFresh(customerId);
    await waitEmail(code, 'failed');
    const job = (await adminDb.collection(paths.cardEmails(team.chainId)).where('code', '==', code).get()).docs[0]!.data();
    expect(job).toMatchObject({ status: 'failed', attempts: 1, httpStatus: 400 });
  });

  it('a retried delivery never sends the same email twice', async () => {
    const email = uniqueEmail('once');
    const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Once', lastName: 'Only', email });
    const code = await bindFresh(customerId);
    await waitEmail(code, 'sent');
    const jobId = (await adminDb.collection(paths.cardEmails(team.chainId)).where('code', '==', code).get()).docs[0]!.id;
    const mailDeps = {
      db: adminDb,
      mailer: sendgridMailer('SG.test', MAIL_CAPTURE),
      from: 'cards@regulars.test',
      retryBaseMs: 10,
      links: { secret: 'test-only-link-signing-key', publicUrl: 'http://127.0.0.1:5000' },
    };
    await deliverCardEmail(mailDeps, team.chainId, jobId); // the event delivered again
    expect(await mailsTo(email)).toHaveLength(1);

    // A job left "sending" by a crash: once its lease is over, it is marked failed, not resent.
    const stuck = adminDb.collection(paths.cardEmails(team.chainId)).doc();
    await stuck.set({ code, batchId, customerId, to: email, lang: 'en', status: 'sending', attempts: 1, lease: { until: new Date(Date.now() - 1000) } });
    await deliverCardEmail(mailDeps, team.chainId, stuck.id);
    expect((await stuck.get()).data()).toMatchObject({ status: 'failed', error: expect.stringContaining('use resend') });
    expect(await mailsTo(email)).toHaveLength(1);
  });
});

describe('who sees cards', () => {
  it('staff look cards up by code across batches; another chain sees nothing', async () => {
    const code = codes[codes.length - 1]!;
    const mine = await getDocs(query(collectionGroup(team.staff.db, 'cards'), where('chainId', '==', team.chainId), where('code', '==', code)));
    expect(mine.docs.map((d) => d.get('status'))).toEqual(['unbound']);
    await expect(
      getDocs(query(collectionGroup(team.outsider.db, 'cards'), where('chainId', '==', team.chainId), where('code', '==', code))),
    ).rejects.toMatchObject({
      code: 'permission-denied',
    });
  });
});
