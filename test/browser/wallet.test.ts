// The card email's wallet buttons in Chromium: the Apple button downloads a .pkpass whose signature
// verifies against the run's test CA and whose barcode is the card's code; the Google button leads to
// Google Wallet's save page with a JWT verified by the test service account key (Google itself is not
// reachable offline: its page is answered by the test). The settings page says both wallets are ready.
import { readFileSync } from 'node:fs';
import { importSPKI, jwtVerify } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../functions/src/model/paths';
import { adminDb } from '../helpers/admin';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';
import { mailsTo } from '../helpers/mail';
import { TEST_SA_EMAIL, unpackPass, walletCredentials, type WalletCredentials } from '../helpers/wallet';
import { launch, newPage, screenshot, signInUi } from './browser';

let browser: Browser;
let team: Team;
let page: Page;
let creds: WalletCredentials;
let code: string;
let mailHtml: string;

beforeAll(async () => {
  creds = walletCredentials();
  browser = await launch();
  team = await createTeam('Wallet UI');
  const person = someone({ firstName: 'Léa', language: 'en' });
  const { customerId } = await createCustomer(team.staff, team.chainId, person);
  const { batchId } = await team.manager.call<{ batchId: string }>('createCardBatch', { chainId: team.chainId, name: 'W', size: 1 });
  code = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs[0]!.id;
  await team.staff.call('bindCard', { chainId: team.chainId, code, customerId });
  // expect.poll only runs inside a test: wait for the email by hand (up to 30 s).
  for (let i = 0; i < 120 && !(await mailsTo(person.email)).length; i++) await new Promise((r) => setTimeout(r, 250));
  const [mail] = await mailsTo(person.email);
  if (!mail) throw new Error('the card email was not sent');
  mailHtml = mail.body.content.find((c) => c.type === 'text/html')!.value;
  ({ page } = await newPage(browser, 'en-US'));
});
afterAll(async () => {
  await browser?.close();
  await team?.closeAll();
});

describe('wallet buttons of the card email', () => {
  it('the Apple Wallet button downloads a valid pass for the card', async () => {
    await page.setContent(mailHtml.replace(/src="cid:[^"]+"/g, ''));
    await screenshot(page, 'wallet-card-email');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Add to Apple Wallet' }).click()]);
    expect(download.suggestedFilename()).toBe('card.pkpass');
    const pass = unpackPass(readFileSync((await download.path())!));
    expect(pass.signatureVerifies(creds.ca)).toBe(true);
    expect(pass.passJson).toMatchObject({ organizationName: 'Wallet UI', barcodes: [{ message: code }], storeCard: { primaryFields: [{ value: 'Léa' }] } });
  });

  it('the Google Wallet button leads to the save page with a signed JWT', async () => {
    await page
      .context()
      .route('https://pay.google.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Google Wallet (offline)</p>' }));
    await page.setContent(mailHtml.replace(/src="cid:[^"]+"/g, ''));
    // The request the redirect makes to Google (observed whether or not the route answers it).
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().startsWith('https://pay.google.com/gp/v/save/')),
      page.getByRole('link', { name: 'Add to Google Wallet' }).click(),
    ]);
    const jwt = request.url().split('/').pop()!;
    const { payload } = await jwtVerify(jwt, await importSPKI(creds.googlePublicKey, 'RS256'), { issuer: TEST_SA_EMAIL, audience: 'google' });
    const object = (payload.payload as { genericObjects: { barcode: { value: string } }[] }).genericObjects[0]!;
    expect(object.barcode.value).toBe(code);
  });
});

describe('settings page', () => {
  it('shows managers that both wallets are ready', async () => {
    await signInUi(page, team.manager.email, PASSWORD);
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.locator('section.wallet-settings');
    await expect.poll(() => section.locator('li.wallet-ok').count()).toBe(9);
    expect(await section.locator('li.wallet-missing').count()).toBe(0);
    expect(await section.textContent()).toContain('Ready: card emails show the button.');
    expect(await section.textContent()).not.toContain('BEGIN');
    await screenshot(page, 'wallet-settings');
  });
});
