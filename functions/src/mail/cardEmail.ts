// The card email: the card's QR code inline and attached, in the customer's language.
import type { MailDataRequired } from '@sendgrid/mail';
import QRCode from 'qrcode';
import { formatCode } from '../model/card';
import type { Lang } from '../model/lang';
import { message } from '../model/messages';

/** The email's words in one language, from the message catalog (`cardEmail.<key>`). */
const text = (lang: Lang) => ({
  subject: (chain: string) => message(lang, 'cardEmail.subject', { chain }),
  hello: (name: string) => message(lang, 'cardEmail.hello', { name }),
  body: (chain: string) => message(lang, 'cardEmail.body', { chain }),
  code: message(lang, 'cardEmail.code'),
  attachment: message(lang, 'cardEmail.attachment'),
});

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
  const t = text(input.lang);
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
