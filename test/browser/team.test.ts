// The web shell end to end: create an account, create a chain, add a member, change and remove them;
// sign out and in again through the form, and switch between two chains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { adminDb } from '../helpers/admin';
import { followVerificationLink, PASSWORD, signUp, uniqueEmail } from '../helpers/clients';
import { BASE_URL, launch, newPage, screenshot } from './browser';
import { paths } from '../../functions/src/model/paths';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('web shell: team management', () => {
  it('signs up, creates a chain, adds, changes and removes a member, signs out and in, switches chains', async () => {
    const colleague = await signUp(uniqueEmail('colleague'), 'Chloé Colleague');
    const { page, context } = await newPage(browser, 'en-US');
    const ownerEmail = uniqueEmail('ui-owner');

    await page.goto(BASE_URL);
    await screenshot(page, '01-sign-in');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill('Ursula UI');
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect.poll(() => page.getByRole('heading', { name: 'Create a chain' }).isVisible()).toBe(true);
    await page.getByLabel('Chain name').fill('Café Test');
    await page.getByLabel('Locations (one per line)').fill('Nord\nSud');
    await screenshot(page, '02-create-chain');
    await page.getByRole('button', { name: 'Create a chain' }).click();

    await expect.poll(() => page.getByRole('heading', { name: 'Café Test' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('ul.locations li').allTextContents()).toEqual(['Nord', 'Sud']);
    await screenshot(page, '03-home');

    // Owners add members by verified email only: the new account verifies its own from the home page
    // (the Auth emulator serves the verification email's link on its out-of-band codes endpoint).
    await expect.poll(() => page.getByText(`Your email ${ownerEmail} is not verified yet`).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Send the verification email' }).click();
    await expect.poll(() => page.getByText('A verification email was sent').isVisible()).toBe(true);
    await followVerificationLink(ownerEmail);
    await page.getByRole('button', { name: 'I have verified it' }).click();
    await expect.poll(() => page.getByText(`Your email ${ownerEmail} is verified.`).isVisible()).toBe(true);
    await screenshot(page, '03b-email-verified');

    await page.getByRole('link', { name: 'Team' }).click();
    const form = page.getByRole('form', { name: 'Add a member' });
    await form.getByLabel('Email of their regulars account').fill('nobody-' + colleague.email);
    await form.getByRole('button', { name: 'Add a member' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('no regulars account uses this email');
    await screenshot(page, '04-team-error');

    const unverified = await signUp(uniqueEmail('unverified'), undefined, { verified: false });
    await form.getByLabel('Email of their regulars account').fill(unverified.email);
    await form.getByRole('button', { name: 'Add a member' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('has not verified their email yet');
    await expect.poll(() => page.locator(`tr[data-member="${unverified.email}"]`).count()).toBe(0);
    await unverified.close();

    await form.getByLabel('Email of their regulars account').fill(colleague.email);
    await form.getByLabel('Role').selectOption('manager');
    await form.getByRole('button', { name: 'Add a member' }).click();
    const row = page.locator(`tr[data-member="${colleague.email}"]`);
    await expect.poll(() => row.isVisible()).toBe(true);
    await screenshot(page, '05-team-added');

    const chainId = (await adminDb.collectionGroup('members').where('uid', '==', colleague.uid).get()).docs[0]!.ref.parent.parent!.id;
    const memberDoc = adminDb.doc(paths.member(chainId, colleague.uid));
    expect((await memberDoc.get()).get('role')).toBe('manager');

    // A role changes only once confirmed in the dialog, which names the person; Escape cancels.
    await expect.poll(() => page.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Email', 'Role', 'Actions']);
    await row.getByLabel('Role Chloé Colleague').selectOption('staff');
    expect((await memberDoc.get()).get('role')).toBe('manager');
    await row.getByRole('button', { name: 'Change role' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change role' });
    await expect.poll(() => dialog.textContent()).toContain('Make Chloé Colleague Staff?');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await memberDoc.get()).get('role')).toBe('manager');
    await row.getByRole('button', { name: 'Change role' }).click();
    await screenshot(page, '05a-team-role-confirm');
    await dialog.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(async () => (await memberDoc.get()).get('role')).toBe('staff');
    await expect.poll(() => page.locator('[data-toast="ok"]').textContent()).toContain('Chloé Colleague is now Staff.');
    await expect.poll(() => row.getByLabel('Role Chloé Colleague').inputValue()).toBe('staff');
    await screenshot(page, '05b-team-role-changed');

    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog', { name: 'Remove a member' }).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await memberDoc.get()).exists).toBe(false);
    await screenshot(page, '06-team-removed');

    // A second chain, whose owner adds our user as staff: it shows in the switcher after signing in again.
    const { chainId: secondId } = await colleague.call<{ chainId: string }>('createChain', { name: 'Chez Chloé', locations: ['Port'] });
    await colleague.call('setMember', { chainId: secondId, email: ownerEmail, role: 'staff' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('link', { name: 'Team' }).count()).toBe(0);
    await screenshot(page, '06b-signed-out');
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.who').textContent()).toBe(ownerEmail);

    const switcher = page.getByLabel('Chain', { exact: true });
    await expect.poll(() => switcher.locator('option').allTextContents()).toEqual(['Café Test', 'Chez Chloé']);
    await page.getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Café Test' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('link', { name: 'Team' }).isVisible()).toBe(true);

    await switcher.selectOption({ label: 'Chez Chloé' });
    await expect.poll(() => page.getByRole('heading', { name: 'Chez Chloé' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Your role: Staff').isVisible()).toBe(true);
    await expect.poll(() => page.locator('ul.locations li').allTextContents()).toEqual(['Port']);
    // Staff of this chain: no team page in the menu.
    await expect.poll(() => page.getByRole('link', { name: 'Team' }).count()).toBe(0);
    await screenshot(page, '06c-chain-switched');

    await switcher.selectOption({ label: 'Café Test' });
    await expect.poll(() => page.getByRole('heading', { name: 'Café Test' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Your role: Owner').isVisible()).toBe(true);
    await expect.poll(() => page.locator('ul.locations li').allTextContents()).toEqual(['Nord', 'Sud']);

    await context.close();
    await colleague.close();
  });

  it('speaks French and German, from the browser language and by switching', async () => {
    const { page, context } = await newPage(browser, 'fr-FR');
    await page.goto(BASE_URL);
    await expect.poll(() => page.getByRole('heading', { name: 'Connexion' }).isVisible()).toBe(true);
    await page.getByLabel('Langue').selectOption('de');
    await expect.poll(() => page.getByRole('heading', { name: 'Anmelden' }).isVisible()).toBe(true);
    await screenshot(page, '07-sign-in-de');
    await context.close();
  });
});
