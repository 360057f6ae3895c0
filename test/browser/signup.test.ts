// Self sign-up end to end in Chromium: the owner switches sign-up on in the settings, the poster's QR
// code is decoded, its page is filled in French (a birthday of day and month only; 31 February refused
// first, naming the field), the confirmation email arrives at the capture server, its link confirms,
// and the customer, its consent log and its bound digital card exist; the card email's Apple Wallet
// link downloads a valid .pkpass (manifest hashes, signature against the run's test CA, barcode) and
// its Google link a JWT verified with the test key; the preferences page shows the card's links.
// Then the same with an email already in the directory (no second customer, the same answers), and
// with sign-up off. One browser and one chain for the file.
import { readFileSync } from 'node:fs';
import { importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { paths } from '../../functions/src/model/paths';
import { DIGITAL_BATCH_ID } from '../../functions/src/model/signUp';
import { adminDb } from '../helpers/admin';
import { createTeam, type Team } from '../helpers/chains';
import { PASSWORD, uniqueEmail } from '../helpers/clients';
import { decodeQr, mailsTo, type CapturedMail } from '../helpers/mail';
import { sha1, TEST_SA_EMAIL, unpackPass, walletCredentials, type WalletCredentials } from '../helpers/wallet';
import { axeViolations } from './axe';
import { BASE_URL, launch, newPage, screenshot, signInUi } from './browser';

let browser: Browser;
let team: Team;
let owner: Page;
let posterUrl: string;
let creds: WalletCredentials;
const CARD_SUBJECT = 'Votre carte client Inscription UI';
const LOGO = 'https://logo.example/inscription.png';
const POSTAL_WORDING_FR = 'Des courriers de Inscription UI ? Volontiers.';
// A 1×1 PNG for the logo (no internet: the browser's request for it is answered here).
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const confirmLink = (m: CapturedMail) => m.body.content.find((c) => c.type === 'text/plain')!.value.match(/http\S+\/confirm#t=\S+/)![0];
const customersWith = async (email: string) => (await adminDb.collection(paths.customers(team.chainId)).where('email', '==', email).get()).docs;

/**
 * Fills the poster's page in French (birthday: day and month only) and sends it; resolves once the
 * page says to check the mailbox, with what it said (the same whether the email is known or not).
 */
async function signUpThroughPage(email: string, firstName: string, birthday: { day: string; month: string }): Promise<{ page: Page; said: string }> {
  const { page } = await newPage(browser, 'fr-FR');
  await page.route(LOGO, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }));
  await page.goto(posterUrl);
  await page.getByRole('button', { name: 'FR' }).click();
  await page.getByRole('heading', { name: 'Rejoignez Inscription UI' }).waitFor();
  await page.getByLabel('Prénom').fill(firstName);
  await page.getByLabel('Nom', { exact: true }).fill('Dupont');
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Téléphone mobile (facultatif)').fill('06 12 34 56 78');
  await page.getByLabel('Jour').fill(birthday.day);
  await page.getByLabel('Mois').fill(birthday.month);
  await page.getByLabel('Je souhaite recevoir les nouvelles et offres de Inscription UI par e-mail.').check();
  await page.getByRole('button', { name: 'M’inscrire' }).click();
  const sent = page.getByText(`Presque fini : nous avons envoyé un e-mail à ${email}.`, { exact: false });
  await sent.waitFor();
  return { page, said: (await sent.textContent())!.replace(email, '<email>') };
}

/** The HTML of the card email (waits for it), without its inline images (`cid:` means nothing in a page). */
async function cardEmailHtml(email: string): Promise<string> {
  await expect.poll(async () => (await mailsTo(email)).filter((m) => m.body.subject === CARD_SUBJECT).length, { timeout: 30_000 }).toBe(1);
  const mail = (await mailsTo(email)).find((m) => m.body.subject === CARD_SUBJECT)!;
  return mail.body.content.find((c) => c.type === 'text/html')!.value.replace(/src="cid:[^"]+"/g, '');
}

/** Clicks a link that downloads a pass and checks the .pkpass: files and manifest hashes, signature, barcode. */
async function expectValidPass(page: Page, linkName: string, code: string): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).first().click()]);
  expect(download.suggestedFilename()).toBe('card.pkpass');
  const pass = unpackPass(readFileSync((await download.path())!));
  const hashed = Object.keys(pass.files).filter((f) => f !== 'manifest.json' && f !== 'signature');
  expect(Object.keys(pass.manifest).sort()).toEqual(hashed.sort());
  for (const f of hashed) expect(pass.manifest[f], f).toBe(sha1(pass.files[f]!));
  expect(pass.signatureVerifies(creds.ca)).toBe(true);
  // A manifest changed after signing does not verify: the check can fail.
  expect(pass.signatureVerifies(creds.ca, Buffer.from(JSON.stringify({ ...pass.manifest, 'pass.json': '0'.repeat(40) })))).toBe(false);
  expect(pass.passJson).toMatchObject({ organizationName: 'Inscription UI', barcodes: [{ format: 'PKBarcodeFormatQR', message: code }] });
}

/** Clicks the Google Wallet link; Google's page is answered by the test (offline). Returns the object's barcode. */
async function googleJwtBarcode(page: Page, linkName: string): Promise<string> {
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().startsWith('https://pay.google.com/gp/v/save/')),
    page.getByRole('link', { name: linkName }).first().click(),
  ]);
  const jwt = request.url().split('/').pop()!;
  const { payload } = await jwtVerify(jwt, await importSPKI(creds.googlePublicKey, 'RS256'), { issuer: TEST_SA_EMAIL, audience: 'google' });
  return (payload.payload as { genericObjects: { barcode: { value: string } }[] }).genericObjects[0]!.barcode.value;
}

/** Opens the confirmation link of the latest sign-up email and presses the button; returns what the page said. */
async function confirmFromEmail(page: Page, email: string): Promise<string> {
  await expect.poll(async () => (await mailsTo(email)).filter((m) => m.body.subject.startsWith('Confirmez')).length).toBeGreaterThan(0);
  const mail = (await mailsTo(email)).filter((m) => m.body.subject.startsWith('Confirmez')).at(-1)!;
  await page.goto(confirmLink(mail));
  await page.getByRole('button', { name: 'Confirmer mon e-mail' }).click();
  const done = page.getByText('Merci ! Votre carte client arrive dans votre boîte mail.');
  await done.waitFor();
  return (await done.textContent())!;
}

let firstAnswers: { said: string; confirmed: string };

beforeAll(async () => {
  creds = walletCredentials();
  browser = await launch();
  team = await createTeam('Inscription UI');
  // A French chain (the phone typed on the public page is read as a French number), its brand and its
  // own wording of one consent box (French), as an owner saves them.
  await team.owner.call('saveChainSettings', {
    chainId: team.chainId,
    settings: {
      country: 'FR',
      brand: { logoUrl: LOGO, accentColor: '#aa3300' },
      signUp: { consentWording: { postalMail: { fr: POSTAL_WORDING_FR } } },
    },
  });
  ({ page: owner } = await newPage(browser));
  await signInUi(owner, team.owner.email, PASSWORD);
  await owner.getByRole('link', { name: 'Settings' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await team?.closeAll();
});

describe('self sign-up in the browser', () => {
  it('the owner switches sign-up on; the poster QR code leads to the page; the email link creates the customer with a digital card', async () => {
    await owner.getByRole('link', { name: 'Settings' }).click();
    await owner.getByLabel('Customers may sign up by themselves (public page, poster QR code)').check();
    await expect.poll(async () => (await adminDb.doc(paths.chain(team.chainId)).get()).get('settings.signUp.enabled')).toBe(true);
    await owner.getByRole('link', { name: 'Print the sign-up posters' }).click();
    const qr = owner.locator('.poster img').first();
    await qr.waitFor();
    const src = (await qr.getAttribute('src'))!;
    posterUrl = decodeQr(src.replace(/^data:image\/png;base64,/, ''))!;
    const locationId = (await owner.locator('section[data-location]').first().getAttribute('data-location'))!;
    expect(posterUrl).toBe(`${BASE_URL}/join/${team.chainId}/${locationId}`);
    // The short link under the QR code is the same address.
    expect(await owner.locator(`section[data-location="${locationId}"] .poster a`).getAttribute('href')).toBe(posterUrl);

    // The public page: in the chain's language first (English here, whatever the browser's), with its
    // logo and accent colour, the chain's own wording of a box in French, every box unticked.
    const { page: look } = await newPage(browser, 'fr-FR');
    await look.route(LOGO, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }));
    await look.goto(posterUrl);
    await look.getByRole('heading', { name: 'Join Inscription UI' }).waitFor();
    expect(await look.locator('img.public-logo').getAttribute('src')).toBe(LOGO);
    await expect.poll(() => look.locator('img.public-logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    expect(await look.locator('main.public').evaluate((m) => getComputedStyle(m).getPropertyValue('--accent').trim())).toBe('#aa3300');
    await look.getByRole('button', { name: 'FR' }).click();
    await look.getByLabel(POSTAL_WORDING_FR).waitFor();
    const boxes = look.locator('fieldset input[type=checkbox]');
    expect(await boxes.count()).toBe(3);
    for (let i = 0; i < 3; i++) expect(await boxes.nth(i).isChecked()).toBe(false);
    await look.context().close();
    await screenshot(owner, '70-signup-posters');

    const email = uniqueEmail('nina');
    const { page, said } = await signUpThroughPage(email, 'Nina', { day: '14', month: '7' });
    await screenshot(page, '71-signup-sent');
    expect(await customersWith(email)).toHaveLength(0); // nothing before the confirmation
    const confirmed = await confirmFromEmail(page, email);
    firstAnswers = { said, confirmed };
    await screenshot(page, '72-signup-confirmed');

    const [customer] = await customersWith(email);
    expect(customer!.data()).toMatchObject({
      firstName: 'Nina',
      lastName: 'Dupont',
      source: 'self-signup',
      language: 'fr',
      birthDate: '--07-14', // day and month, no year
      phones: { mobile: '+33612345678' },
    });
    const log = (await customer!.ref.collection('consentLog').get()).docs.map((d) => d.data());
    expect(log).toEqual([expect.objectContaining({ channel: 'email', granted: true, source: 'self-signup', locationId })]);
    const [code] = customer!.get('cardCodes') as string[];
    expect((await adminDb.doc(`${paths.cards(team.chainId, DIGITAL_BATCH_ID)}/${code}`).get()).data()).toMatchObject({
      status: 'bound',
      customerId: customer!.id,
    });

    // The card email's wallet buttons: a valid pass for this card, a Google JWT for this card.
    const html = await cardEmailHtml(email);
    await page
      .context()
      .route('https://pay.google.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Google Wallet (offline)</p>' }));
    await page.setContent(html);
    await screenshot(page, '74-signup-card-email');
    await expectValidPass(page, 'Ajouter à Apple Wallet', code!);
    await page.setContent(html);
    expect(await googleJwtBarcode(page, 'Ajouter à Google Wallet')).toBe(code);

    // The email's preferences link: the customer's data (the birthday as a day and month) and the card's wallet links.
    await page.goto(html.match(/http:\/\/127\.0\.0\.1:5000\/me\/[^"]+/)![0]);
    await page.getByRole('heading', { name: 'Vos données chez Inscription UI' }).waitFor();
    expect(await page.locator('.public-data').textContent()).toContain('14 juillet');
    expect(await page.locator('.public-data').textContent()).toContain('06 12 34 56 78'); // stored +33612345678, shown as in France
    const cards = page.locator('.public-cards li');
    expect(await cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain(`Carte ${code!.slice(0, 4)}…`);
    await screenshot(page, '75-preferences-cards');
    expect(await axeViolations(page)).toEqual([]);
    await expectValidPass(page, 'Ajouter à Apple Wallet', code!);
    expect(await googleJwtBarcode(page, 'Ajouter à Google Wallet')).toBe(code);
  });

  it('a birthday that does not exist is refused on the page, naming the field by its label, in FR, DE and EN', async () => {
    const email = uniqueEmail('bad-birthday');
    const { page } = await newPage(browser, 'fr-FR');
    await page.goto(posterUrl);
    await page.getByRole('button', { name: 'FR' }).click();
    await page.getByLabel('Prénom').fill('Jules');
    await page.getByLabel('Nom', { exact: true }).fill('Faux');
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    const tries: [string, string, string, string, string, RegExp][] = [
      ['FR', 'Jour', 'Mois', '31', '2', /^Anniversaire: doit être un jour et un mois qui existent/],
      ['DE', 'Tag', 'Monat', '00', '5', /^Geburtstag: muss ein Tag und ein Monat sein/],
      ['EN', 'Day', 'Month', 'ab', '7', /^Birthday: must be a day and a month that exist/],
    ];
    for (const [lang, dayLabel, monthLabel, day, month, said] of tries) {
      await page.getByRole('button', { name: lang, exact: true }).click();
      await page.getByLabel(dayLabel, { exact: true }).fill(day);
      await page.getByLabel(monthLabel, { exact: true }).fill(month);
      await page.getByRole('button', { name: /^(M’inscrire|Anmelden|Sign up)$/ }).click();
      const error = page.locator('fieldset.birthday .error');
      await expect.poll(async () => (await error.count()) && (await error.textContent())).toMatch(said);
      expect(await page.getByLabel(dayLabel, { exact: true }).getAttribute('aria-invalid')).toBe('true');
      if (lang === 'FR') {
        await screenshot(page, '76-signup-bad-birthday');
        expect(await axeViolations(page)).toEqual([]);
      }
    }
    // Nothing was sent: no pending sign-up, no email.
    expect((await adminDb.collection(paths.signUps(team.chainId)).where('emailKey', '==', email).get()).size).toBe(0);
    expect(await mailsTo(email)).toHaveLength(0);
  });

  it('an email already in the directory: no second customer, the same answers, its card (with wallet links) is sent', async () => {
    const email = uniqueEmail('known');
    const { customerId } = await team.staff.call('saveCustomer', { chainId: team.chainId, customer: { firstName: 'Paul', lastName: 'Connu', email } });
    const { page, said } = await signUpThroughPage(email, 'Paul', { day: '3', month: '11' });
    expect(said).toBe(firstAnswers.said);
    expect(await confirmFromEmail(page, email)).toBe(firstAnswers.confirmed);
    const same = await customersWith(email);
    expect(same.map((d) => d.id)).toEqual([customerId]);
    expect(same[0]!.data()).toMatchObject({ firstName: 'Paul', lastName: 'Connu', birthDate: '' }); // the sign-up changed nothing
    const [code] = same[0]!.get('cardCodes') as string[];
    expect((await adminDb.doc(`${paths.cards(team.chainId, DIGITAL_BATCH_ID)}/${code}`).get()).get('customerId')).toBe(customerId);
    await page.setContent(await cardEmailHtml(email));
    await expectValidPass(page, 'Ajouter à Apple Wallet', code!);
  });

  it('with sign-up switched off, the poster page says so and takes nothing', async () => {
    await owner.getByRole('link', { name: 'Settings' }).click();
    await owner.getByLabel('Customers may sign up by themselves (public page, poster QR code)').uncheck();
    await expect.poll(async () => (await adminDb.doc(paths.chain(team.chainId)).get()).get('settings.signUp.enabled')).toBe(false);
    const { page } = await newPage(browser, 'fr-FR');
    await page.goto(posterUrl);
    await page.getByText('This chain does not take sign-ups online at the moment. Ask at the counter.').waitFor();
    await screenshot(page, '73-signup-off');
    expect(await page.getByRole('button', { name: /Sign up|M’inscrire/ }).count()).toBe(0);
  });
});
