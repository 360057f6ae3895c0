// Automatic check-in on scan at the point of sale, end to end: Chromium's fake camera shows the
// card's QR code (as the card email draws it), jsQR reads it, lookupCard checks the customer in at
// the till's location when the chain's setting is on (once per visit), and not when it is off.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatCode } from '../../functions/src/model/card';
import { adminDb } from '../helpers/admin';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { newPage, screenshot, signInUi } from './browser';
import { paths } from '../../functions/src/model/paths';

let browser: Browser;
let team: Team;
let page: Page;
let code: string;
let customerId: string;

/** A Y4M video (grey 4:2:0) of a QR code, white around it: what Chromium's fake camera plays. */
function qrVideo(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = 8;
  const size = (n + 8) * scale;
  const y = Buffer.alloc(size * size, 255);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy++) y.fill(0, ((r + 4) * scale + dy) * size + (c + 4) * scale, ((r + 4) * scale + dy) * size + (c + 5) * scale);
  const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const file = join(tmpdir(), `regulars-qr-${process.pid}-${Date.now()}.y4m`);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${size} H${size} F5:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return file;
}

beforeAll(async () => {
  team = await createTeam('Scan UI');
  ({ customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Inès', lastName: 'Scanner' }));
  const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'Q', size: 1 });
  code = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs[0]!.id;
  await team.manager.call('bindCard', { chainId: team.chainId, code, customerId });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${qrVideo(code)}`,
    ],
  });
  ({ page } = await newPage(browser, 'en-US'));
  await page.context().grantPermissions(['camera']);
  await signInUi(page, team.staff.email, PASSWORD);
  await page.getByRole('link', { name: 'Point of sale' }).click();
});
afterAll(async () => {
  await browser?.close();
  await team?.closeAll();
});

const visits = async () => (await adminDb.collection(paths.visits(team.chainId, customerId)).get()).size;

describe('check-in on scan at the point of sale', () => {
  it('off: a scan shows the customer and records nothing; the till’s location is chosen once', async () => {
    const result = page.locator('.pos-result');
    await page.getByLabel('Card code').fill(formatCode(code));
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect.poll(() => result.getByRole('heading').textContent()).toBe('Inès Scanner');
    await result.getByLabel('This till’s location').selectOption({ label: 'Gare' });
    // The scan puts what it read in the code field.
    await page.getByLabel('Card code').fill('');
    await page.getByRole('button', { name: 'Scan with the camera' }).click();
    await expect.poll(() => page.getByLabel('Card code').inputValue(), { timeout: 20_000 }).toBe(code);
    await expect.poll(() => result.getByRole('heading').textContent()).toBe('Inès Scanner');
    expect(await result.getByRole('status').count()).toBe(0);
    expect(await visits()).toBe(0);
  });

  it('on: the scan checks the customer in at the till, and a second scan is the same visit', async () => {
    await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { visits: { autoCheckIn: true } } });
    const result = page.locator('.pos-result');
    await page.getByRole('button', { name: 'Scan with the camera' }).click();
    await expect.poll(() => result.getByRole('status').textContent(), { timeout: 20_000 }).toBe('Checked in: visit 1.');
    await screenshot(page, '62-pos-scan-checked-in');
    await page.getByRole('button', { name: 'Scan with the camera' }).click();
    await expect.poll(() => result.getByRole('status').textContent(), { timeout: 20_000 }).toBe('Already checked in here (visit 1).');
    const docs = (await adminDb.collection(paths.visits(team.chainId, customerId)).get()).docs;
    expect(docs).toHaveLength(1);
    const gare = (await adminDb.collection(paths.locations(team.chainId)).where('name', '==', 'Gare').get()).docs[0]!.id;
    expect(docs[0]!.data()).toMatchObject({ source: 'scan', locationId: gare, by: team.staff.uid });
  });
});
