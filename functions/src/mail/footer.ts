// What every email to a customer carries: a link to their preferences page (their data, each
// contact permission granted or withdrawn) and a one-click List-Unsubscribe (RFC 8058: the header
// pair, the URL taking a POST of `List-Unsubscribe=One-Click`, which withdraws the email permission).
import type { MailDataRequired } from '@sendgrid/mail';
import type { Lang } from '../model/lang';
import { message } from '../model/messages';
import { PREFERENCES_TTL_MS, publicLinks } from '../model/signUp';
import { signLink } from '../common/links';

export interface LinkDeps {
  /** LINK_SIGNING_KEY */
  secret: string;
  /** PUBLIC_URL: the web client's origin, e.g. https://regulars-demo.web.app */
  publicUrl: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The email with the customer's preferences link (text and HTML) and the List-Unsubscribe headers. */
export async function withPreferences(
  mail: MailDataRequired,
  links: LinkDeps,
  target: { chainId: string; customerId: string; chainName: string; lang: Lang },
): Promise<MailDataRequired> {
  const token = await signLink(links.secret, { kind: 'prefs', chainId: target.chainId, id: target.customerId }, PREFERENCES_TTL_MS);
  const base = links.publicUrl.replace(/\/+$/, '');
  const preferences = `${base}${publicLinks.preferences(target.chainId, token)}`;
  const unsubscribe = `${base}${publicLinks.unsubscribe(target.chainId, token)}`;
  const label = message(target.lang, 'signUp.preferences');
  const footer = message(target.lang, 'signUp.footer', { chain: target.chainName });
  const m = mail as MailDataRequired & { text?: string; html?: string; headers?: Record<string, string> };
  return {
    ...m,
    text: `${m.text ?? ''}\n--\n${footer}\n${label}: ${preferences}\n`,
    html: `${m.html ?? ''}<hr><p style="font-size:small">${escape(footer)} <a href="${escape(preferences)}">${escape(label)}</a></p>`,
    headers: { ...(m.headers ?? {}), 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  } as MailDataRequired;
}
