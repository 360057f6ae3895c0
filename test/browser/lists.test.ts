/// <reference lib="dom" />
// Issue 16, lists, locations and cards, at 1366×800 and 390×844: sorting the customer list by
// creation date kept across pages, and by name Z→A; an owner removes an unused location after a
// confirmation dialog, and one in use is refused with the reason; a batch page's selection and orders,
// and giving the next free cards of a batch to customers chosen on it, who then show their cards;
// giving cards to the customer list's selection (refusals listed; staff see no selection). axe-core on
// each screen. One browser and one seeded chain for the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CustomerFields } from '../../functions/src/model/customer';
import { paths } from '../../functions/src/model/paths';
import { applyCustomerWrite, planCustomerWrite } from '../../functions/src/store/customers';
import { adminDb } from '../helpers/admin';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { axeViolations } from './axe';
import { BASE_URL, closeBrowser, contextClosesWithPage, launch, newPage, screenshot, signInUi } from './browser';

let browser: Browser;
let team: Team;
const DESKTOP = { width: 1366, height: 800 };
const PHONE = { width: 390, height: 844 };
const SIZES = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;
/** Customer i (`Nom00`…`Nom29`) was created on day (i·7 mod 30) of 2025: creation order is not name order. */
const dayIndex = (i: number) => (i * 7) % 30;
const ids: string[] = [];

beforeAll(async () => {
  browser = await launch();
  team = await createTeam('Listes triées');
  await Promise.all(
    Array.from({ length: 30 }, async (_, i) => {
      const ref = adminDb.collection(paths.customers(team.chainId)).doc();
      const fields = CustomerFields.parse({ firstName: `Prénom${String(i).padStart(2, '0')}`, lastName: `Nom${String(i).padStart(2, '0')}` });
      const now = new Date(Date.UTC(2025, 0, 1 + dayIndex(i), 12));
      const plan = planCustomerWrite(ref.id, null, fields, {}, { by: 'seed', source: 'import', now });
      await adminDb.runTransaction(async (tx) => applyCustomerWrite(tx, adminDb, team.chainId, plan, null));
      ids[i] = ref.id;
    }),
  );
});
afterAll(async () => {
  await closeBrowser(browser);
  await team?.closeAll();
});

async function signedIn(email: string, viewport: { width: number; height: number }, locale = 'en-US'): Promise<Page> {
  const { page, context } = await newPage(browser, locale);
  await page.setViewportSize(viewport);
  await signInUi(page, email, PASSWORD);
  await page.getByRole('button', { name: /Sign out|Se déconnecter|Abmelden/ }).waitFor();
  contextClosesWithPage(page, context);
  return page;
}

/** The customers' last names shown, on a phone as cards, else as table rows. */
const shownNames = (page: Page, phone: boolean) =>
  page.locator(phone ? '[data-customer-card] a' : 'table.customer-table tbody tr a').evaluateAll((els) => els.map((e) => e.textContent!.split(',')[0]!));

describe('sorted customer list', () => {
  const newestFirst = Array.from({ length: 30 }, (_, i) => i)
    .sort((a, b) => dayIndex(b) - dayIndex(a))
    .map((i) => `Nom${String(i).padStart(2, '0')}`);

  for (const [name, viewport] of SIZES) {
    it(`sorts by creation date, newest first, kept on the next page, at ${name} size`, async () => {
      const phone = name === 'phone';
      const page = await signedIn(team.owner.email, viewport);
      await page.goto(`${BASE_URL}/#/customers`);
      const range = page.locator('[data-range]');
      await expect.poll(() => range.textContent()).toBe('1–25 of 30');
      await page.getByLabel('Sort by').selectOption('-created');
      await expect.poll(() => shownNames(page, phone)).toEqual(newestFirst.slice(0, 25));
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `90-sorted-${name}`);
      await page.getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => range.textContent()).toBe('26–30 of 30');
      await expect.poll(() => shownNames(page, phone)).toEqual(newestFirst.slice(25));
      expect(await page.getByLabel('Sort by').inputValue()).toBe('-created');
      // A search keeps the name order, and the list says why.
      await page.getByLabel('Search customers').fill('nom1');
      await expect.poll(() => shownNames(page, phone)).toEqual(Array.from({ length: 10 }, (_, i) => `Nom1${i}`));
      expect(await page.getByText('This order applies to the whole list').count()).toBe(1);
      // Back to the whole list, by name Z→A.
      await page.getByLabel('Search customers').fill('');
      await expect.poll(() => page.getByRole('option', { name: 'Name (Z to A)' }).isDisabled()).toBe(false);
      await page.getByLabel('Sort by').selectOption('-name');
      const zToA = Array.from({ length: 30 }, (_, i) => `Nom${String(29 - i).padStart(2, '0')}`);
      await expect.poll(() => shownNames(page, phone)).toEqual(zToA.slice(0, 25));
      await expect.poll(() => range.textContent()).toBe('1–25 of 30');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => shownNames(page, phone)).toEqual(zToA.slice(25));
      await page.close();
    });
  }
});

describe('locations', () => {
  it('an owner removes an unused location after confirming; one in use is refused with the reason', async () => {
    const locations = (await adminDb.collection(paths.locations(team.chainId)).get()).docs;
    const centre = locations.find((d) => d.get('name') === 'Centre')!.id;
    await team.staff.call('checkIn', { chainId: team.chainId, customerId: ids[0], locationId: centre, source: 'search' });
    for (const [name, viewport] of SIZES) {
      const page = await signedIn(team.owner.email, viewport);
      const form = page.getByRole('form', { name: 'Remove a location' });
      await form.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      if (name === 'desktop') {
        await form.getByLabel('Location to remove').selectOption({ label: 'Gare' });
        await form.getByRole('button', { name: 'Remove' }).click();
        const dialog = page.getByRole('dialog', { name: 'Remove a location' });
        await expect.poll(() => dialog.isVisible()).toBe(true);
        await dialog.getByRole('button', { name: 'Remove' }).click();
        await expect.poll(() => page.locator('[data-toast="ok"]').last().textContent()).toContain('Gare was removed.');
        await expect.poll(async () => (await adminDb.collection(paths.locations(team.chainId)).get()).docs.map((d) => d.get('name'))).toEqual(['Centre']);
      }
      await form.getByLabel('Location to remove').selectOption({ label: 'Centre' });
      await form.getByRole('button', { name: 'Remove' }).click();
      await page.getByRole('dialog', { name: 'Remove a location' }).getByRole('button', { name: 'Remove' }).click();
      await expect.poll(() => form.getByRole('alert').textContent()).toContain('visits at the till');
      await screenshot(page, `91-location-in-use-${name}`);
      expect((await adminDb.doc(`${paths.locations(team.chainId)}/${centre}`).get()).exists).toBe(true);
      await page.close();
    }
  });
});

describe('card batch page', () => {
  it('selects customers, gives them the next free cards, and they show their cards', async () => {
    const { batchId } = await team.manager.call<{ batchId: string }>('createCardBatch', { chainId: team.chainId, name: 'Hiver', size: 12 });
    const page = await signedIn(team.manager.email, DESKTOP);
    await page.goto(`${BASE_URL}/#/cards/${batchId}`);
    await expect.poll(() => page.locator('tr[data-card]').count()).toBe(12);
    // Unbound cards offer binding, never revoking.
    expect(await page.locator('tr[data-status="unbound"]').getByRole('button', { name: 'Revoke' }).count()).toBe(0);

    const panel = page.getByRole('form', { name: 'Give the next free cards to customers' });
    await panel.getByLabel('Find customers (name, email, phone)').fill('nom0');
    await expect.poll(() => panel.locator('tr[data-assign-customer]').count()).toBe(10);
    await panel.getByLabel('Select every customer shown').check();
    await panel.getByRole('button', { name: 'Give a card to each selected customer (10)' }).click();
    await expect.poll(() => page.locator('[data-toast="ok"]').last().textContent()).toContain('10 cards given.');
    await expect.poll(() => page.locator('tr[data-status="bound"]').count()).toBe(10);
    const named = await page.locator('tr[data-status="bound"] td:nth-child(4)').evaluateAll((els) => els.map((e) => e.textContent).sort());
    await expect
      .poll(async () => (await page.locator('tr[data-status="bound"] td:nth-child(4)').evaluateAll((els) => els.map((e) => e.textContent))).sort())
      .toEqual(Array.from({ length: 10 }, (_, i) => `Prénom0${i} Nom0${i}`).sort());
    expect(named.length).toBe(10);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '92-cards-assigned-desktop');

    // Orders of the cards: by state (unbound first), by the bound customer's name, by code descending.
    const ascending = await page.locator('tr[data-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-card')!));
    const states = () => page.locator('tr[data-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    const sortCards = page.getByLabel('Sort cards by');
    await sortCards.selectOption('status');
    await expect.poll(states).toEqual([...Array(2).fill('unbound'), ...Array(10).fill('bound')]);
    await sortCards.selectOption('customer');
    await expect
      .poll(() => page.locator('tr[data-card] td:nth-child(4)').evaluateAll((els) => els.map((e) => e.textContent)))
      .toEqual([...Array.from({ length: 10 }, (_, i) => `Prénom0${i} Nom0${i}`), '', '']);
    await sortCards.selectOption('-code');
    expect(ascending).toEqual([...ascending].sort());
    await expect.poll(() => page.locator('tr[data-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-card')!))).toEqual([...ascending].reverse());
    await sortCards.selectOption('code');

    // Selection: the whole page, then revoke offered for the bound ones only.
    await page.getByLabel('Select every card of this page').check();
    await expect.poll(() => page.locator('[data-selected-count]').textContent()).toBe('12 selected');
    expect(await page.getByRole('button', { name: 'Revoke the selected bound cards (10)' }).isEnabled()).toBe(true);

    // The customer's page shows the card given to them.
    const code = (await adminDb.doc(paths.customer(team.chainId, ids[3]!)).get()).get('cardCodes')[0] as string;
    await page.goto(`${BASE_URL}/#/customers/${ids[3]}`);
    await expect.poll(() => page.locator('ul.cards code').first().textContent()).toBe(code);
    await page.setViewportSize(PHONE);
    await page.goto(`${BASE_URL}/#/cards/${batchId}`);
    await expect.poll(() => page.locator('tr[data-status="bound"]').count()).toBe(10);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '92-cards-assigned-phone');
    await page.close();
  });

  it('binds a card from the customer’s page: the next free card of a batch, or a typed code', async () => {
    const page = await signedIn(team.manager.email, PHONE);
    await page.goto(`${BASE_URL}/#/customers/${ids[20]}`);
    await page.getByRole('form', { name: 'Give the next free card' }).getByRole('button', { name: 'Give the next free card' }).click();
    await expect.poll(() => page.locator('ul.cards code').count()).toBe(1);
    const free = (
      await adminDb
        .collection(paths.cards(team.chainId, (await adminDb.collection(paths.cardBatches(team.chainId)).get()).docs[0]!.id))
        .where('status', '==', 'unbound')
        .get()
    ).docs[0]!;
    await page.goto(`${BASE_URL}/#/customers/${ids[21]}`);
    const byCode = page.getByRole('form', { name: 'Bind this card' });
    await byCode.getByLabel('Card code (type or scan)').fill(free.id.toLowerCase());
    await byCode.getByRole('button', { name: 'Bind this card' }).click();
    await expect.poll(() => page.locator('ul.cards code').first().textContent()).toBe(free.id);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '93-customer-bind-phone');
    await page.close();
  });

  it('gives cards to the list’s selection: one refusal per customer listed, a summary; staff see no selection', async () => {
    const { batchId } = await team.manager.call<{ batchId: string }>('createCardBatch', { chainId: team.chainId, name: 'Été', size: 2 });
    // On a phone: a box on each card, kept across pages.
    const phone = await signedIn(team.manager.email, PHONE);
    await phone.goto(`${BASE_URL}/#/customers`);
    await expect.poll(() => phone.locator('[data-customer-card] input[type="checkbox"]').count()).toBe(25);
    await phone.locator('[data-customer-card]').getByLabel('Select Prénom12 Nom12').check();
    await expect.poll(() => phone.locator('[data-bulk-count]').textContent()).toBe('1 customer selected');
    expect(await axeViolations(phone)).toEqual([]);
    await screenshot(phone, '94-list-selection-phone');
    await phone.close();

    const page = await signedIn(team.manager.email, DESKTOP);
    await page.goto(`${BASE_URL}/#/customers`);
    // Nom00 has a card already; Nom12 comes after the batch's 2 free cards ran out.
    for (const n of ['00', '10', '11', '12']) await page.locator('table.customer-table').getByLabel(`Select Prénom${n} Nom${n}`).check();
    await expect.poll(() => page.locator('[data-bulk-count]').textContent()).toBe('4 customers selected');
    await page.getByRole('button', { name: 'Assign cards from batch…' }).click();
    const panel = page.getByRole('form', { name: 'Assign cards from a batch' });
    await panel.getByLabel('Batch').selectOption({ label: 'Été (2 free)' });
    expect(await panel.getByText('This batch has 2 free cards for 4 customers').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Give a card to each of the 4 customers' }).click();
    await expect.poll(() => page.locator('[data-toast="error"]').last().textContent()).toContain('2 cards given · 2 customers got no card.');
    const refused = page.locator('[data-bulk-refused] li');
    await expect.poll(() => refused.allTextContents()).toEqual(['Prénom00 Nom00: already has a card', 'Prénom12 Nom12: no free card left in this batch']);
    // The refused stay selected; the others got the batch's cards.
    await expect.poll(() => page.locator('[data-bulk-count]').textContent()).toBe('2 customers selected');
    await screenshot(page, '95-list-assigned-desktop');
    const cards = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs.map((d) => d.get('customerId')).sort();
    expect(cards).toEqual([ids[10], ids[11]].sort());
    await page.close();

    const staff = await signedIn(team.staff.email, DESKTOP);
    await staff.goto(`${BASE_URL}/#/customers`);
    await expect.poll(() => staff.locator('table.customer-table tbody tr').count()).toBe(25);
    expect(await staff.locator('table.customer-table input[type="checkbox"]').count()).toBe(0);
    expect(await staff.getByRole('button', { name: 'Assign cards from batch…' }).count()).toBe(0);
    await staff.close();
  });
});
