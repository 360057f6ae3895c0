// Duplicates end to end: find a pair, compare, merge with a pick, see the cards moved, undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { adminDb } from '../helpers/admin';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { launch, newPage, screenshot, signInUi } from './browser';

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
    const other = await createCustomer(team.staff, team.chainId, { firstName: 'Marie', lastName: 'Curie', email: 'MARIE@example.test', title: 'Dr', company: 'Institut' }, { confirmDuplicate: true });
    const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'B', size: 1 });
    const code = (await adminDb.collection(`chains/${team.chainId}/cardBatches/${batchId}/cards`).get()).docs[0]!.id;
    await team.staff.call('bindCard', { chainId: team.chainId, code, customerId: other.customerId });

    const { page } = await newPage(browser, 'en-GB');
    await signInUi(page, team.manager.email, PASSWORD);
    await page.getByRole('link', { name: 'Duplicates' }).click();
    const row = page.locator('tr[data-pair]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('same email');
    await row.getByRole('link', { name: 'Compare' }).click();

    const table = page.getByRole('table', { name: 'Merge two profiles' });
    await expect.poll(() => table.locator('tr[data-field="title"].conflict').count()).toBe(1);
    const keepIsFirst = (await table.locator('thead th').nth(1).textContent())!.includes('Marie');
    expect(keepIsFirst).toBe(true);
    const [firstId] = [keep.customerId, other.customerId].sort();
    const keptId = firstId!;
    const mergedId = keptId === keep.customerId ? other.customerId : keep.customerId;
    await table.locator('tr[data-field="title"] input[type=radio]').nth(1).check();
    await screenshot(page, '50-merge-compare');
    await page.getByRole('button', { name: 'Merge', exact: true }).click();

    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Profiles merged');
    await expect.poll(() => page.locator('ul.cards li').allTextContents()).toEqual([code]);
    const kept = (await adminDb.doc(`chains/${team.chainId}/customers/${keptId}`).get()).data()!;
    expect(kept.company).toBe('Institut');
    expect(kept.title).toBe(keptId === keep.customerId ? 'Dr' : 'Mme');
    await screenshot(page, '51-merged');

    await page.locator('li[data-action="merge"]').getByRole('button', { name: 'Undo this merge' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Merge undone');
    await expect.poll(async () => (await adminDb.doc(`chains/${team.chainId}/customers/${mergedId}`).get()).get('mergedInto')).toBeUndefined();
    const holder = (await adminDb.doc(`chains/${team.chainId}/cardBatches/${batchId}/cards/${code}`).get()).get('customerId');
    expect(holder).toBe(other.customerId);
    await expect.poll(() => page.locator('ul.cards li').count()).toBe(keptId === other.customerId ? 1 : 0);
    await screenshot(page, '52-unmerged');
  });
});
