// The card email: the card's QR code inline and attached, in the customer's language.
import type { MailDataRequired } from '@sendgrid/mail';
import QRCode from 'qrcode';
import { formatCode } from '../model/card';
import type { Lang } from '../model/lang';

const TEXT: Record<Lang, { subject: (chain: string) => string; hello: (name: string) => string; body: (chain: string) => string; code: string; attachment: string }> = {
  fr: {
    subject: (chain) => `Votre carte client ${chain}`,
    hello: (name) => `Bonjour ${name},`,
    body: (chain) => `voici votre carte client ${chain}. Présentez ce code QR à la caisse pour être reconnu.`,
    code: 'Code de la carte',
    attachment: 'carte',
  },
  de: {
    subject: (chain) => `Ihre Kundenkarte von ${chain}`,
    hello: (name) => `Hallo ${name},`,
    body: (chain) => `hier ist Ihre Kundenkarte von ${chain}. Zeigen Sie diesen QR-Code an der Kasse, damit wir Sie erkennen.`,
    code: 'Kartencode',
    attachment: 'karte',
  },
  en: {
    subject: (chain) => `Your ${chain} customer card`,
    hello: (name) => `Hello ${name},`,
    body: (chain) => `here is your ${chain} customer card. Show this QR code at the till and we will know it is you.`,
    code: 'Card code',
    attachment: 'card',
  },
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function composeCardEmail(input: {
  code: string;
  to: string;
  firstName: string;
  lang: Lang;
  chainName: string;
  from: string;
  jobId: string;
}): Promise<MailDataRequired> {
  const t = TEXT[input.lang];
  const png = await QRCode.toBuffer(input.code, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  const content = png.toString('base64');
  const fileName = `${t.attachment}-${input.code.slice(0, 4)}.png`;
  const printed = formatCode(input.code);
  return {
    to: input.to,
    from: input.from,
    subject: t.subject(input.chainName),
    text: `${t.hello(input.firstName)}\n\n${t.body(input.chainName)}\n\n${t.code}: ${printed}\n`,
    html:
      `<p>${escape(t.hello(input.firstName))}</p><p>${escape(t.body(input.chainName))}</p>` +
      `<p><img src="cid:card-qr" alt="QR" width="240" height="240"></p><p>${escape(t.code)}: <strong>${printed}</strong></p>`,
    // `content_id`, not `contentId`: @sendgrid/mail does not rename keys inside the attachments array.
    attachments: [
      { content, filename: fileName, type: 'image/png', disposition: 'inline', content_id: 'card-qr' },
      { content, filename: fileName, type: 'image/png', disposition: 'attachment' },
    ],
    customArgs: { jobId: input.jobId, lang: input.lang },
  } as MailDataRequired;
}
