// An Apple Wallet pass (.pkpass) of an ID card, built and signed by passkit-generator: a store card
// with the card's QR payload (the code, as the printed card and the email), the chain's name, logo
// and colour, the customer's first name and the printed code. A voided pass (revoked or erased card)
// keeps the barcode out and says the card is no longer valid.
import type { AppleConfig } from '../common/walletConfig';
import { formatCode } from '../model/card';
import type { Lang } from '../model/lang';
import { message } from '../model/messages';
import { foregroundFor, hexToRgb, passSerial, type WalletBrand } from '../model/wallet';

export interface ApplePassInput {
  chainId: string;
  passId: string;
  code: string;
  /** null once voided: no personal data in a voided pass. */
  firstName: string | null;
  lang: Lang;
  brand: WalletBrand;
  voided: boolean;
  authToken: string;
  webServiceUrl: string;
  /** The chain's logo (PNG), when its brand has one that could be fetched. */
  logo?: Buffer | null;
}

/** A square of the accent colour: the pass icon Apple requires (29, 58 and 87 px). */
function solidPng(PNG: typeof import('pngjs').PNG, size: number, hex: string): Buffer {
  const png = new PNG({ width: size, height: size });
  const n = parseInt(hex.slice(1), 16);
  for (let i = 0; i < size * size; i++) {
    png.data[i * 4] = (n >> 16) & 255;
    png.data[i * 4 + 1] = (n >> 8) & 255;
    png.data[i * 4 + 2] = n & 255;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

export function passJson(config: AppleConfig, input: ApplePassInput): Record<string, unknown> {
  const t = (key: Parameters<typeof message>[1], params: Record<string, string> = {}) => message(input.lang, key, params);
  const accent = input.brand.accentColor;
  const printed = formatCode(input.code);
  const fields = input.voided
    ? { primaryFields: [{ key: 'status', label: input.brand.name, value: t('cardEmail.walletVoided') }] }
    : {
        primaryFields: [{ key: 'member', label: t('cardEmail.walletMember'), value: input.firstName ?? '' }],
        secondaryFields: [{ key: 'code', label: t('cardEmail.code'), value: printed }],
      };
  return {
    formatVersion: 1,
    passTypeIdentifier: config.passTypeId,
    teamIdentifier: config.teamId,
    serialNumber: passSerial(input.chainId, input.passId),
    organizationName: input.brand.name,
    description: t('cardEmail.walletDescription', { chain: input.brand.name }),
    logoText: input.brand.name,
    backgroundColor: hexToRgb(accent),
    foregroundColor: hexToRgb(foregroundFor(accent)),
    labelColor: hexToRgb(foregroundFor(accent)),
    webServiceURL: input.webServiceUrl,
    authenticationToken: input.authToken,
    sharingProhibited: true,
    ...(input.voided
      ? { voided: true }
      : { barcodes: [{ format: 'PKBarcodeFormatQR', message: input.code, messageEncoding: 'iso-8859-1', altText: printed }] }),
    storeCard: fields,
  };
}

export async function buildApplePass(config: AppleConfig, input: ApplePassInput): Promise<Buffer> {
  const [{ PKPass }, { PNG }] = await Promise.all([import('passkit-generator'), import('pngjs')]);
  const accent = input.brand.accentColor;
  const files: Record<string, Buffer> = {
    'pass.json': Buffer.from(JSON.stringify(passJson(config, input))),
    'icon.png': solidPng(PNG, 29, accent),
    'icon@2x.png': solidPng(PNG, 58, accent),
    'icon@3x.png': solidPng(PNG, 87, accent),
  };
  if (input.logo) files['logo.png'] = input.logo;
  const pass = new PKPass(files, { wwdr: config.wwdr, signerCert: config.cert, signerKey: config.key });
  return pass.getAsBuffer();
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chain's logo for the pass: an HTTPS PNG of at most 512 KiB, fetched within 3 s; otherwise none. */
export async function fetchLogo(url: string | null): Promise<Buffer | null> {
  if (!url) return null;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000), redirect: 'error' });
    if (!res.ok) return null;
    const body = Buffer.from(await res.arrayBuffer());
    return body.length <= 512 * 1024 && body.subarray(0, 8).equals(PNG_MAGIC) ? body : null;
  } catch {
    return null;
  }
}
