// A "Save to Google Wallet" link of an ID card: a JWT signed (RS256, jose) with the chain's service
// account key, holding a generic class (the chain) and a generic object (the card): the same QR
// payload as the printed card, the chain's name, logo and colour, the customer's first name.
import type { GoogleConfig } from '../common/walletConfig';
import { formatCode } from '../model/card';
import type { Lang } from '../model/lang';
import { message } from '../model/messages';
import type { WalletBrand } from '../model/wallet';

export interface GooglePassInput {
  chainId: string;
  passId: string;
  code: string;
  firstName: string;
  lang: Lang;
  brand: WalletBrand;
}

export const SAVE_URL = 'https://pay.google.com/gp/v/save/';

/** Ids are `<issuerId>.<identifier>`: one class per chain, one object per pass (binding of a card). */
export const googleClassId = (issuerId: string, chainId: string) => `${issuerId}.regulars-${chainId}`;
export const googleObjectId = (issuerId: string, passId: string) => `${issuerId}.${passId}`;

const localized = (lang: Lang, value: string) => ({ defaultValue: { language: lang, value } });

export function googleObject(config: GoogleConfig, input: GooglePassInput): Record<string, unknown> {
  const printed = formatCode(input.code);
  return {
    id: googleObjectId(config.issuerId, input.passId),
    classId: googleClassId(config.issuerId, input.chainId),
    state: 'ACTIVE',
    cardTitle: localized(input.lang, input.brand.name),
    subheader: localized(input.lang, message(input.lang, 'cardEmail.walletMember')),
    header: localized(input.lang, input.firstName || input.brand.name),
    hexBackgroundColor: input.brand.accentColor,
    ...(input.brand.logoUrl ? { logo: { sourceUri: { uri: input.brand.logoUrl } } } : {}),
    barcode: { type: 'QR_CODE', value: input.code, alternateText: printed },
    textModulesData: [{ id: 'code', header: message(input.lang, 'cardEmail.code'), body: printed }],
  };
}

/** The save link: `https://pay.google.com/gp/v/save/<jwt>`. */
export async function googleSaveJwt(config: GoogleConfig, input: GooglePassInput, nowMs = Date.now()): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT({
    typ: 'savetowallet',
    origins: [],
    payload: {
      genericClasses: [{ id: googleClassId(config.issuerId, input.chainId) }],
      genericObjects: [googleObject(config, input)],
    },
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(config.clientEmail)
    .setAudience('google')
    .setIssuedAt(Math.floor(nowMs / 1000))
    .sign(config.privateKey);
}
