// The card email: the card's QR code inline and attached, in the customer's language.
import type { MailDataRequired } from '@sendgrid/mail';
import QRCode from 'qrcode';
import { formatCode } from '../model/card';
import type { Lang } from '../model/lang';
import { message } from '../model/messages';
import { DEFAULT_ACCENT } from '../model/wallet';

/** The email's words in one language, from the message catalog (`cardEmail.<key>`). */
const text = (lang: Lang) => ({
  subject: (chain: string) => message(lang, 'cardEmail.subject', { chain }),
  hello: (name: string) => message(lang, 'cardEmail.hello', { name }),
  body: (chain: string) => message(lang, 'cardEmail.body', { chain }),
  code: message(lang, 'cardEmail.code'),
  attachment: message(lang, 'cardEmail.attachment'),
  walletHint: message(lang, 'cardEmail.walletHint'),
  addApple: message(lang, 'cardEmail.addApple'),
  addGoogle: message(lang, 'cardEmail.addGoogle'),
});

/**
 * Plain buttons, not the official badges: Apple's and Google's badge artwork comes with brand
 * guidelines and licences that do not allow shipping it in an Apache-2.0 repository.
 */
function walletButtons(t: ReturnType<typeof text>, wallet: WalletLinks, accent: string): { html: string; text: string } {
  const buttons = [
    wallet.apple ? { href: wallet.apple, label: t.addApple, id: 'apple' } : null,
    wallet.google ? { href: wallet.google, label: t.addGoogle, id: 'google' } : null,
  ].filter((b) => b !== null);
  if (!buttons.length) return { html: '', text: '' };
  const style = `display:inline-block;padding:10px 16px;margin:4px 8px 4px 0;border-radius:8px;background:${accent};color:#ffffff;text-decoration:none;font-weight:bold`;
  return {
    html:
      `<p>${escape(t.walletHint)}</p><p>` +
      buttons.map((b) => `<a href="${escape(b.href)}" data-wallet="${b.id}" style="${style}">${escape(b.label)}</a>`).join('') +
      '</p>',
    text: `\n${t.walletHint}\n` + buttons.map((b) => `${b.label}: ${b.href}\n`).join(''),
  };
}

/** Links to the card's wallet passes (signed, expiring), for the wallets that are configured. */
export interface WalletLinks {
  apple?: string;
  google?: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function composeCardEmail(input: {
  code: string;
  to: string;
  firstName: string;
  lang: Lang;
  chainName: string;
  from: string;
  jobId: string;
  wallet?: WalletLinks;
  accentColor?: string;
}): Promise<MailDataRequired> {
  const t = text(input.lang);
  const png = await QRCode.toBuffer(input.code, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  const content = png.toString('base64');
  const fileName = `${t.attachment}-${input.code.slice(0, 4)}.png`;
  const printed = formatCode(input.code);
  const wallet = walletButtons(t, input.wallet ?? {}, input.accentColor ?? DEFAULT_ACCENT);
  return {
    to: input.to,
    from: input.from,
    subject: t.subject(input.chainName),
    text: `${t.hello(input.firstName)}\n\n${t.body(input.chainName)}\n\n${t.code}: ${printed}\n${wallet.text}`,
    html:
      `<p>${escape(t.hello(input.firstName))}</p><p>${escape(t.body(input.chainName))}</p>` +
      `<p><img src="cid:card-qr" alt="QR" width="240" height="240"></p><p>${escape(t.code)}: <strong>${printed}</strong></p>` +
      wallet.html,
    // `content_id`, not `contentId`: @sendgrid/mail does not rename keys inside the attachments array.
    attachments: [
      { content, filename: fileName, type: 'image/png', disposition: 'inline', content_id: 'card-qr' },
      { content, filename: fileName, type: 'image/png', disposition: 'attachment' },
    ],
    customArgs: { jobId: input.jobId, lang: input.lang },
  } as MailDataRequired;
}
