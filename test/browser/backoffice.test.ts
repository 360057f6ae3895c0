/// <reference lib="dom" />
// The back office's shared behaviour (issue 16), at 1366×800 and 390×844: the route table's role
// gating, feedback near the action (status region, focus on the first invalid field, in-app
// dialogs), the customer list's range, paging, filters checked in the form and cards on a phone,
// the export dialog's focus and Escape, and accessibility (axe-core) on every page in each language.
// One browser and one seeded chain for the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { BASE_URL, closeBrowser, contextClosesWithPage, launch, newPage, screenshot, signInUi } from './browser';
import { axeViolations } from './axe';
import { messages } from '../../web/src/i18n/messages';

let browser: Browser;
let team: Team;
let empty: Team;
/** Real ids for the routes with parameters (accessibility on every route). */
const ids: { customers: string[]; batchId: string } = { customers: [], batchId: '' };
const DESKTOP = { width: 1366, height: 800 };
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  browser = await launch();
  [team, empty] = await Promise.all([createTeam('Épicerie Liste'), createTeam('Chaîne Vide')]);
  // 30 customers: two pages of 25.
  for (let i = 0; i < 30; i += 6) {
    const made = await Promise.all(
      Array.from({ length: 6 }, (_, j) =>
        createCustomer(team.staff, team.chainId, {
          firstName: `Prénom${String(i + j).padStart(2, '0')}`,
          lastName: `Nom${String(i + j).padStart(2, '0')}`,
          email: `liste-${i + j}@example.test`,
          tags: (i + j) % 2 ? ['VIP'] : [],
        }),
      ),
    );
    ids.customers.push(...made.map((m) => m.customerId));
  }
  ids.batchId = (await team.manager.call<{ batchId: string }>('createCardBatch', { chainId: team.chainId, name: 'Axe', size: 3 })).batchId;
});
afterAll(async () => {
  await closeBrowser(browser);
  await Promise.all([team?.closeAll(), empty?.closeAll()]);
});

async function signedIn(email: string, viewport = DESKTOP, locale = 'en-US'): Promise<Page> {
  const { page, context } = await newPage(browser, locale);
  await page.setViewportSize(viewport);
  await signInUi(page, email, PASSWORD);
  await page.getByRole('button', { name: /Sign out|Se déconnecter|Abmelden/ }).waitFor();
  contextClosesWithPage(page, context);
  return page;
}

describe('route table', () => {
  it('hides and refuses managers’ pages to staff', async () => {
    const page = await signedIn(team.staff.email);
    await expect.poll(() => page.getByRole('link', { name: 'Customers' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Team' }).count()).toBe(0);
    await page.goto(`${BASE_URL}/#/members`);
    await expect.poll(() => page.getByText('You are not allowed to do this.').or(page.locator('.banner--error')).first().isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Team' }).count()).toBe(0);
    await screenshot(page, '80-staff-refused-team');
    await page.close();
  });
});

describe('feedback', () => {
  it('a refused save focuses the first invalid field and names the fields by label', async () => {
    const page = await signedIn(team.owner.email);
    await page.goto(`${BASE_URL}/#/customers/new`);
    const form = page.locator('form.customer-form');
    await form.getByLabel('Email', { exact: true }).fill('not-an-email');
    await form.getByRole('button', { name: 'Save' }).click();
    // The first invalid field in page order is the first name (required), and it has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent)).toBe('First name');
    const alert = page.locator('[data-toast="error"]');
    await expect.poll(() => alert.textContent()).toContain('First name');
    expect(await alert.textContent()).toContain('Email');
    expect(await alert.textContent()).not.toMatch(/customer\.|firstName/);
    await screenshot(page, '81-form-refused');
    await page.close();
  });

  it('messages name fields by their label in French, never by a path', async () => {
    const page = await signedIn(team.owner.email, DESKTOP, 'fr-FR');
    await page.goto(`${BASE_URL}/#/members`);
    const form = page.getByRole('form', { name: 'Ajouter un membre' });
    await form.getByLabel('Adresse e-mail de son compte regulars').fill('personne@example.test');
    await form.getByRole('button', { name: 'Ajouter un membre' }).click();
    const alert = page.locator('[data-toast="error"]');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toMatch(/^Courriel ?:/);
    await page.close();
  });

  it('an erase dialog keeps focus inside, closes on Escape and gives focus back', async () => {
    const page = await signedIn(team.owner.email);
    await page.goto(`${BASE_URL}/#/customers`);
    await page.locator('table.customer-table a').first().click();
    const erase = page.getByRole('button', { name: 'Erase this customer' });
    await erase.focus();
    await erase.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Erase a customer' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    // Tab cycles within the modal dialog (the rest of the page is inert).
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog') || document.activeElement === document.body)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Erase this customer');
    await page.close();
  });
});

describe('customer list', () => {
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`shows the range and total, pages to the top, at ${name} size`, async () => {
      const page = await signedIn(team.owner.email, viewport);
      await page.goto(`${BASE_URL}/#/customers`);
      const range = page.locator('[data-range]');
      await expect.poll(() => range.textContent()).toBe('1–25 of 30');
      if (name === 'phone') {
        expect(await page.locator('table.customer-table').isVisible()).toBe(false);
        await expect.poll(() => page.locator('[data-customer-card]').count()).toBe(25);
        expect(await page.locator('[data-customer-card]').first().isVisible()).toBe(true);
        // Nothing spills out of the screen sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      } else {
        await expect.poll(() => page.locator('table.customer-table tbody tr').count()).toBe(25);
      }
      await screenshot(page, `82-list-${name}`);
      await page.getByRole('button', { name: 'Next' }).scrollIntoViewIfNeeded();
      await page.getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => range.textContent()).toBe('26–30 of 30');
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
      await screenshot(page, `83-list-page2-${name}`);
      await page.close();
    });
  }

  it('checks filters in the form: a bad discount or reversed dates never reach the server nor leave old rows', async () => {
    const page = await signedIn(team.owner.email);
    await page.goto(`${BASE_URL}/#/customers`);
    await expect.poll(() => page.locator('table.customer-table tbody tr').count()).toBe(25);
    let searches = 0;
    page.on('request', (r) => r.url().includes('searchCustomers') && searches++);
    await page.getByText('Filters').click();
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Discount', { exact: false }).fill('abc');
    await filters.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => filters.locator('[aria-invalid="true"]').count()).toBe(1);
    expect(await page.locator('table.customer-table').count()).toBe(0);
    await expect.poll(() => page.locator('[data-toast="error"]').textContent()).toContain('Discount');
    expect(await page.locator('[data-toast="error"]').textContent()).not.toContain('query.');

    await filters.getByLabel('Discount', { exact: false }).fill('');
    await filters.getByLabel('Created from').fill('2026-05-10');
    await filters.getByLabel('Created until').fill('2026-05-01');
    await filters.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => filters.locator('[aria-invalid="true"]').count()).toBe(1);
    expect(await page.locator('table.customer-table').count()).toBe(0);
    await screenshot(page, '84-list-filters-refused');
    expect(searches).toBe(0);
    await page.close();
  });

  it('an empty chain shows next steps', async () => {
    const page = await signedIn(empty.owner.email);
    await page.goto(`${BASE_URL}/#/customers`);
    const steps = page.locator('[data-empty-chain]');
    await expect.poll(() => steps.isVisible()).toBe(true);
    expect(await steps.getByRole('link').allTextContents()).toEqual(['Import', 'New customer', 'ID cards']);
    await screenshot(page, '85-empty-chain');
    await page.close();
  });
});

describe('home', () => {
  it('shows the chain’s counts with links, and next steps on an empty chain', async () => {
    const page = await signedIn(team.owner.email);
    await page.goto(`${BASE_URL}/#/`);
    const tile = (key: string) => page.locator(`[data-count="${key}"] strong`);
    await expect.poll(() => tile('customers').textContent()).toBe('30');
    expect(await tile('newThisWeek').textContent()).toBe('30');
    expect(await tile('cardsBound').textContent()).toBe('0');
    expect(await tile('emailsFailed').textContent()).toBe('0');
    expect(await page.locator('[data-count="customers"] a').getAttribute('href')).toBe('#/customers');
    await screenshot(page, '87-home-counts');
    await page.setViewportSize(PHONE);
    await screenshot(page, '87b-home-counts-phone');
    await page.close();

    // Staff of a chain that keeps contact details from them (the default) see the counts too.
    const staff = await signedIn(team.staff.email);
    await staff.goto(`${BASE_URL}/#/`);
    await expect.poll(() => staff.locator('[data-count="customers"] strong').textContent()).toBe('30');
    expect(await staff.locator('[data-count="newThisWeek"] strong').textContent()).toBe('30');
    expect(await staff.locator('[data-count="cardsBound"]').count()).toBe(0);
    await staff.close();

    const fresh = await signedIn(empty.owner.email);
    await fresh.goto(`${BASE_URL}/#/`);
    await expect.poll(() => fresh.locator('[data-empty-chain]').isVisible()).toBe(true);
    await screenshot(fresh, '88-home-empty-chain');
    await fresh.close();
  });
});

describe('locations', () => {
  it('a manager adds and renames a location from Home', async () => {
    const page = await signedIn(team.manager.email);
    await page.goto(`${BASE_URL}/#/`);
    const list = page.locator('ul.locations li');
    await expect.poll(() => list.allTextContents()).toEqual(['Centre', 'Gare']);
    const add = page.getByRole('form', { name: 'Add a location' });
    await add.getByLabel('Name of the new location').fill('Port');
    await add.getByRole('button', { name: 'Add a location' }).click();
    await expect.poll(() => list.allTextContents()).toEqual(['Centre', 'Gare', 'Port']);
    await expect.poll(() => page.locator('[data-toast="ok"]').textContent()).toContain('Port was added.');
    const rename = page.getByRole('form', { name: 'Rename' });
    await rename.getByLabel('Location to rename').selectOption({ label: 'Gare' });
    await rename.getByLabel('New name').fill('Gare du Nord');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => list.allTextContents()).toEqual(['Centre', 'Gare du Nord', 'Port']);
    await screenshot(page, '90-locations');
    await page.close();
  });
});

describe('audit log', () => {
  it('says who did what and when, filtered by action; staff cannot open it', async () => {
    const page = await signedIn(team.manager.email);
    await page.goto(`${BASE_URL}/#/audit`);
    const rows = page.locator('tr[data-audit="member.add"]');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('Olivia Owner');
    expect(await rows.first().locator('td').nth(2).textContent()).toBe('Member added');
    await page.getByLabel('Action').selectOption('customer.erase');
    await expect.poll(() => page.getByText('No entry.').isVisible()).toBe(true);
    await page.getByLabel('Action').selectOption('member.add');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    await screenshot(page, '89-audit-log');
    await page.close();

    const staff = await signedIn(team.staff.email);
    expect(await staff.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await staff.goto(`${BASE_URL}/#/audit`);
    await expect.poll(() => staff.locator('main .banner--error').isVisible()).toBe(true);
    await staff.close();
  });
});

describe('export dialog', () => {
  it('takes the focus, groups the fields, closes on Escape and gives focus back', async () => {
    const page = await signedIn(team.manager.email);
    await page.goto(`${BASE_URL}/#/customers`);
    const open = page.getByRole('button', { name: 'Export' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Export customers' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    expect(await dialog.locator('[data-group]').count()).toBe(9);
    // Every field visible without scrolling at 1366×800.
    const box = await dialog.boundingBox();
    expect(box!.height).toBeLessThanOrEqual(DESKTOP.height);
    await screenshot(page, '86-export-grouped');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Export');
    await page.close();
  });
});

describe('accessibility', () => {
  // Every route of the route table (web/src/routes.tsx), with real ids for the parameters; the
  // sign-in page too. Each language at 1366×800 and at 390×844, on one signed-in page per language.
  const routes = () => [
    '/',
    '/pos',
    '/customers',
    '/customers/new',
    `/customers/${ids.customers[0]}`,
    `/customers/${ids.customers[0]}/edit`,
    '/cards',
    `/cards/${ids.batchId}`,
    '/duplicates',
    `/duplicates/${ids.customers[0]}/${ids.customers[1]}`,
    '/import',
    '/types',
    '/members',
    '/settings',
    '/posters',
    '/audit',
    '/chains/new',
  ];

  it('the list covers every path of the route table', () => {
    const table = [...readFileSync(join(import.meta.dirname, '..', '..', 'web', 'src', 'routes.tsx'), 'utf8').matchAll(/path: '([^']+)'/g)].map((m) => m[1]!);
    expect(table.length).toBeGreaterThan(10);
    const pattern = (path: string) => new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}$`);
    const uncovered = table.filter((path) => !routes().some((r) => pattern(path).test(r)));
    expect(uncovered).toEqual([]);
  });

  // Every page in each language at desktop size; at phone size in English (the phone layout is the
  // same markup under other CSS: what differs by language, the texts, is checked at desktop size).
  const SIZES = { desktop: DESKTOP, phone: PHONE };
  for (const [locale, sizes] of [
    ['en-US', ['desktop', 'phone']],
    ['fr-FR', ['desktop']],
    ['de-DE', ['desktop']],
  ] as const) {
    it(`no serious or critical axe violation on any page at ${sizes.map((s) => (s === 'desktop' ? '1366×800' : '390×844')).join(' and ')} (${locale})`, async () => {
      const found: string[] = [];
      const loading = messages[locale.slice(0, 2) as 'en' | 'fr' | 'de']['common.loading'];
      const { page: signIn, context } = await newPage(browser, locale);
      for (const size of sizes) {
        const viewport = SIZES[size];
        await signIn.setViewportSize(viewport);
        await signIn.goto(BASE_URL);
        await signIn.locator('h1').first().waitFor();
        found.push(...(await axeViolations(signIn)).map((v) => `sign-in (${size}): ${v}`));
      }
      await context.close();
      const page = await signedIn(team.owner.email, DESKTOP, locale);
      for (const size of sizes) {
        await page.setViewportSize(SIZES[size]);
        for (const route of routes()) {
          await page.goto(`${BASE_URL}/#${route}`);
          await page.locator('main h1, main h2').first().waitFor();
          // Checked once the page's data is there: no "Loading…" left in it.
          await page.waitForFunction((text) => !document.querySelector('main')?.textContent?.includes(text), loading);
          found.push(...(await axeViolations(page)).map((v) => `${route} (${size}): ${v}`));
        }
        await screenshot(page, `89-axe-last-page-${size}-${locale}`);
      }
      expect(found).toEqual([]);
      await page.close();
    });
  }
});
