// Duplicates end to end: find a pair, compare, merge with a pick, see the cards moved, undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { adminDb } from '../helpers/admin';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { launch, newPage, screenshot, signInUi } from './browser';
import { paths } from '../../functions/src/model/paths';

let browser: Browser;
let team: Team;
beforeAll(async () => {
  browser = await launch();
  team = await createTeam('Merge UI');
});
afterAll(async () => {
  await browser?.close();
  await team?.closeAll();
});

describe('duplicates screen', () => {
  it('merges two customers, shows the cards moved, and undoes it', async () => {
    const keep = await createCustomer(team.staff, team.chainId, { firstName: 'Marie', lastName: 'Curie', email: 'marie@example.test', title: 'Mme' });
    const other = await createCustomer(
      team.staff,
      team.chainId,
      { firstName: 'Marie', lastName: 'Sklodowska', email: 'MARIE@example.test', title: 'Dr', company: 'Institut' },
      { confirmDuplicate: true },
    );
    // The card belongs to the profile that is merged away: it has to move to the kept one.
    const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'B', size: 1 });
    const code = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs[0]!.id;
    await team.staff.call('bindCard', { chainId: team.chainId, code, customerId: other.customerId });

    const { page } = await newPage(browser, 'en-GB');
    await signInUi(page, team.manager.email, PASSWORD);
    await page.getByRole('link', { name: 'Duplicates' }).click();
    const row = page.locator('tr[data-pair]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('same email');
    await row.getByRole('link', { name: 'Compare' }).click();

    // The pair comes in id order; keep Marie Curie whichever side she is on.
    const table = page.getByRole('table', { name: 'Merge two profiles' });
    await expect.poll(() => table.locator('tr[data-field="title"].conflict').count()).toBe(1);
    const keptHeader = table.locator('thead th').nth(1);
    if (!(await keptHeader.textContent())!.includes('Marie Curie')) await table.getByRole('button', { name: 'Keep this profile' }).click();
    await expect.poll(() => keptHeader.textContent()).toBe('Kept profile: Marie Curie');
    expect(await table.locator('thead th').nth(2).textContent()).toContain('Marie Sklodowska');
    await table.locator('tr[data-field="title"] input[type=radio]').nth(1).check();
    await screenshot(page, '50-merge-compare');
    await page.getByRole('button', { name: 'Merge', exact: true }).click();

    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Profiles merged');
    expect(page.url()).toContain(`#/customers/${keep.customerId}`);
    await expect.poll(() => page.locator('ul.cards li').allTextContents()).toEqual([code]);
    const kept = (await adminDb.doc(paths.customer(team.chainId, keep.customerId)).get()).data()!;
    expect(kept).toMatchObject({ company: 'Institut', title: 'Dr', lastName: 'Curie', cardCodes: [code] });
    expect((await adminDb.doc(`${paths.cards(team.chainId, batchId)}/${code}`).get()).get('customerId')).toBe(keep.customerId);
    await screenshot(page, '51-merged');

    const undo = page.locator('li[data-action="merge"]').getByRole('button', { name: 'Undo this merge' });
    await undo.click();
    await expect.poll(() => page.locator('[data-toast="ok"]').textContent()).toContain('Merge undone');
    await expect.poll(async () => (await adminDb.doc(paths.customer(team.chainId, other.customerId)).get()).get('mergedInto')).toBeUndefined();
    expect((await adminDb.doc(`${paths.cards(team.chainId, batchId)}/${code}`).get()).get('customerId')).toBe(other.customerId);
    await expect.poll(() => page.locator('ul.cards li').count()).toBe(0);
    // The merge is undone: its entry no longer offers an undo.
    await expect.poll(() => page.locator('li[data-action="unmerge"]').count()).toBe(1);
    await expect.poll(() => undo.count()).toBe(0);
    await page.goto(page.url().replace(keep.customerId, other.customerId));
    await expect.poll(() => page.locator('section.card h1').first().textContent()).toContain('Marie Sklodowska');
    await expect.poll(() => page.locator('ul.cards li').allTextContents()).toEqual([code]);
    await screenshot(page, '52-unmerged');
  });
});
