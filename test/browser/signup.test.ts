// Self sign-up end to end in Chromium: the owner switches sign-up on in the settings, the poster's QR
// code is decoded, its page is filled in French, the confirmation email arrives at the capture
// server, its link confirms, and the customer, its consent log and its bound digital card exist.
// Then the same with an email already in the directory (no second customer), and with sign-up off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { paths } from '../../functions/src/model/paths';
import { DIGITAL_BATCH_ID } from '../../functions/src/model/signUp';
import { adminDb } from '../helpers/admin';
import { createTeam, type Team } from '../helpers/chains';
import { PASSWORD, uniqueEmail } from '../helpers/clients';
import { decodeQr, mailsTo, type CapturedMail } from '../helpers/mail';
import { BASE_URL, launch, newPage, screenshot, signInUi } from './browser';

let browser: Browser;
let team: Team;
let owner: Page;
let posterUrl: string;

const confirmLink = (m: CapturedMail) => m.body.content.find((c) => c.type === 'text/plain')!.value.match(/http\S+\/confirm#t=\S+/)![0];
const customersWith = async (email: string) => (await adminDb.collection(paths.customers(team.chainId)).where('email', '==', email).get()).docs;

/** Fills the poster's page in French and sends it; resolves once the page says to check the mailbox. */
async function signUpThroughPage(email: string, firstName: string): Promise<Page> {
  const { page } = await newPage(browser, 'fr-FR');
  await page.goto(posterUrl);
  await page.getByRole('button', { name: 'FR' }).click();
  await page.getByRole('heading', { name: 'Rejoignez Inscription UI' }).waitFor();
  await page.getByLabel('Prénom').fill(firstName);
  await page.getByLabel('Nom', { exact: true }).fill('Dupont');
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Téléphone mobile (facultatif)').fill('06 12 34 56 78');
  await page.getByLabel('Je souhaite recevoir les nouvelles et offres de Inscription UI par e-mail.').check();
  await page.getByRole('button', { name: 'M’inscrire' }).click();
  await page.getByText(`Presque fini : nous avons envoyé un e-mail à ${email}.`, { exact: false }).waitFor();
  return page;
}

/** Opens the confirmation link of the latest sign-up email and presses the button. */
async function confirmFromEmail(page: Page, email: string): Promise<void> {
  await expect.poll(async () => (await mailsTo(email)).filter((m) => m.body.subject.startsWith('Confirmez')).length).toBeGreaterThan(0);
  const mail = (await mailsTo(email)).filter((m) => m.body.subject.startsWith('Confirmez')).at(-1)!;
  await page.goto(confirmLink(mail));
  await page.getByRole('button', { name: 'Confirmer mon e-mail' }).click();
  await page.getByText('Merci ! Votre carte client arrive dans votre boîte mail.').waitFor();
}

beforeAll(async () => {
  browser = await launch();
  team = await createTeam('Inscription UI');
  // A French chain: the phone typed on the public page is read as a French number.
  await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { country: 'FR' } });
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
    await screenshot(owner, '70-signup-posters');

    const email = uniqueEmail('nina');
    const page = await signUpThroughPage(email, 'Nina');
    await screenshot(page, '71-signup-sent');
    expect(await customersWith(email)).toHaveLength(0); // nothing before the confirmation
    await confirmFromEmail(page, email);
    await screenshot(page, '72-signup-confirmed');

    const [customer] = await customersWith(email);
    expect(customer!.data()).toMatchObject({
      firstName: 'Nina',
      lastName: 'Dupont',
      source: 'self-signup',
      language: 'fr',
      phones: { mobile: '+33612345678' },
    });
    const log = (await customer!.ref.collection('consentLog').get()).docs.map((d) => d.data());
    expect(log).toEqual([expect.objectContaining({ channel: 'email', granted: true, source: 'self-signup', locationId })]);
    const [code] = customer!.get('cardCodes') as string[];
    expect((await adminDb.doc(`${paths.cards(team.chainId, DIGITAL_BATCH_ID)}/${code}`).get()).data()).toMatchObject({
      status: 'bound',
      customerId: customer!.id,
    });
    await expect.poll(async () => (await mailsTo(email)).filter((m) => m.body.subject === 'Votre carte client Inscription UI').length).toBe(1);
  });

  it('an email already in the directory: no second customer, its card is sent', async () => {
    const email = uniqueEmail('known');
    const { customerId } = await team.staff.call('saveCustomer', { chainId: team.chainId, customer: { firstName: 'Paul', lastName: 'Connu', email } });
    const page = await signUpThroughPage(email, 'Paul');
    await confirmFromEmail(page, email);
    expect((await customersWith(email)).map((d) => d.id)).toEqual([customerId]);
    await expect.poll(async () => (await mailsTo(email)).filter((m) => m.body.subject === 'Votre carte client Inscription UI').length).toBe(1);
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
