// Card screens end to end: create a batch, bind a card by email and see the email status, look a
// card up at the point of sale by typing its code (bound, new, revoked, mistyped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateCode } from '../../functions/src/common/cardCodes';
import { codeProblem, formatCode } from '../../functions/src/model/card';
import { adminDb } from '../helpers/admin';
import { PASSWORD, uniqueEmail } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { mailsTo } from '../helpers/mail';
import { launch, newPage, screenshot, signInUi } from './browser';
import { paths } from '../../functions/src/model/paths';

let browser: Browser;
let team: Team;
let page: Page;
let codes: string[] = [];
const email = uniqueEmail('chloe');

beforeAll(async () => {
  browser = await launch();
  team = await createTeam('Cartes UI');
  await createCustomer(team.staff, team.chainId, { firstName: 'Chloé', lastName: 'Bernard', email, language: 'fr', tags: ['VIP'] });
  ({ page } = await newPage(browser, 'fr-FR'));
  await signInUi(page, team.manager.email, PASSWORD);
  await page.getByRole('link', { name: 'Cartes d’identité' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await team?.closeAll();
});

describe('card screens', () => {
  it('creates a batch and binds a card by email, then shows the email status', async () => {
    await page.getByRole('link', { name: 'Cartes d’identité' }).click();
    const form = page.getByRole('form', { name: 'Créer un lot' });
    await form.getByLabel('Nom du lot').fill('Printemps');
    await form.getByLabel('Nombre de cartes (1 à 10 000)').fill('5');
    await form.getByRole('button', { name: 'Créer un lot' }).click();
    await expect.poll(() => page.locator('tr[data-batch="Printemps"] td').nth(1).textContent()).toBe('5');
    await page.getByRole('link', { name: 'Printemps' }).click();
    const rows = page.locator('tr[data-card]');
    await expect.poll(() => rows.count()).toBe(5);
    codes = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-card')!));

    const row = page.locator(`tr[data-card="${codes[0]}"]`);
    await row.getByRole('button', { name: 'Lier à un client…' }).click();
    await row.getByLabel('Courriel du client').fill(email.toUpperCase());
    await row.getByRole('button', { name: 'Lier' }).click();
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('Chloé Bernard');
    await expect.poll(() => row.locator('.email-status').textContent(), { timeout: 30_000 }).toBe('courriel envoyé');
    expect((await mailsTo(email))[0]!.body.subject).toBe('Votre carte client Cartes UI');
    await screenshot(page, '40-cards-bound');

    const other = page.locator(`tr[data-card="${codes[1]}"]`);
    await other.getByRole('button', { name: 'Lier à un client…' }).click();
    await other.getByLabel('Courriel du client').fill(uniqueEmail('nobody'));
    await other.getByRole('button', { name: 'Lier' }).click();
    await expect.poll(() => other.getByRole('alert').textContent()).toBe('aucun client de cette enseigne n’a cette adresse e-mail');
  });

  it('looks cards up at the point of sale by typing the code', async () => {
    await page.getByRole('link', { name: 'Caisse' }).click();
    const input = page.getByLabel('Code de la carte');
    const result = page.locator('.pos-result');

    await input.fill(formatCode(codes[0]!).toLowerCase());
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => result.getByRole('heading').textContent()).toBe('Chloé Bernard');
    await screenshot(page, '41-pos-bound');

    const typo = codes[0]!.slice(0, 3) + (codes[0]![3] === 'A' ? 'B' : 'A') + codes[0]!.slice(4);
    await input.fill(typo);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => result.textContent()).toContain('un caractère est erroné');

    await input.fill(codes[2]!);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => result.textContent()).toContain('Nouvelle carte');
    await result.getByLabel('Nom ou courriel du client').fill('chlo');
    await result.getByRole('button', { name: 'Remettre cette carte' }).click();
    await expect.poll(() => result.getByRole('heading').textContent()).toBe('Chloé Bernard');

    await team.manager.call('revokeCard', { chainId: team.chainId, code: codes[2] });
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => result.textContent()).toContain('Cette carte a été révoquée');
    await screenshot(page, '42-pos-revoked');
    const customer = await adminDb.collection(paths.customers(team.chainId)).where('email', '==', email).get();
    expect(customer.docs[0]!.get('cardCodes')).toEqual([codes[0]]);

    // A well-formed code (its check character is right) that no card of this chain has.
    const stranger = generateCode();
    expect(codeProblem(stranger)).toBeNull();
    await input.fill(formatCode(stranger));
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => result.textContent()).toContain('Aucune carte de cette enseigne n’a ce code.');
    expect(await result.getAttribute('data-result')).toBe('unknown');
  });

  it('filters a batch’s cards by status and finds them by the start of the code', async () => {
    // By now: codes[0] bound, codes[2] revoked, the others unbound.
    await page.getByRole('link', { name: 'Cartes d’identité' }).click();
    await page.getByRole('link', { name: 'Printemps' }).click();
    const shown = () => page.locator('tr[data-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-card')!).sort());
    await expect.poll(shown).toEqual([...codes].sort());
    const status = page.getByLabel('Statut');
    await status.selectOption({ label: 'liée' });
    await expect.poll(shown).toEqual([codes[0]]);
    await status.selectOption({ label: 'révoquée' });
    await expect.poll(shown).toEqual([codes[2]]);
    await status.selectOption({ label: 'non liée' });
    await expect.poll(shown).toEqual([codes[1], codes[3], codes[4]].sort());
    await screenshot(page, '43-cards-filtered');

    // The start of a code, typed as people do (lower case, with the dash of the printed form).
    const search = page.getByLabel('Le code commence par');
    const prefix = codes[3]!.slice(0, 5);
    await search.fill(formatCode(prefix).toLowerCase());
    await expect.poll(shown).toEqual(codes.filter((c, i) => c.startsWith(prefix) && i !== 0 && i !== 2).sort());
    await status.selectOption({ label: 'Toutes' });
    await expect.poll(shown).toEqual(codes.filter((c) => c.startsWith(prefix)).sort());
    await search.fill(codes[0]!.slice(0, 6));
    await expect.poll(shown).toEqual(codes.filter((c) => c.startsWith(codes[0]!.slice(0, 6))).sort());
    expect(await shown()).toContain(codes[0]);
  });
});
