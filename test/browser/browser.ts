// Debian's Chromium driven by playwright-core (never a downloaded browser), against the web client
// served by the Hosting emulator, which talks to the other emulators.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { emulators } from '../helpers/env';

export const BASE_URL = `http://${emulators.hosting.host}:${emulators.hosting.port}`;
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile in the given UI language. */
export async function newPage(browser: Browser, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return { context, page };
}

/** Contexts closing because their page closed: each settles to its error, or null. */
const closing: Promise<unknown>[] = [];

/** The page's context closes when the page does; closeBrowser waits for it (no promise left unawaited). */
export function contextClosesWithPage(page: Page, context: BrowserContext): void {
  page.once('close', () => {
    closing.push(
      context.close().then(
        () => null,
        (err: unknown) => err,
      ),
    );
  });
}

/** Closes the browser once every context closing with its page has closed; fails if one could not. */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  const errors = (await Promise.all(closing.splice(0))).filter((e) => e !== null);
  await browser?.close();
  if (errors.length) throw errors[0];
}

/** Saves a screenshot of the current screen as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signInUi(page: Page, email: string, password: string): Promise<void> {
  await page.goto(BASE_URL);
  await page.getByLabel(/^(Email|Adresse e-mail|E-Mail-Adresse)$/).fill(email);
  await page.getByLabel(/^(Password|Mot de passe|Passwort)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Se connecter|Anmelden)$/ }).click();
}
