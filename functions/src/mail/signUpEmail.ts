// The confirmation email of a self sign-up, sent when the pending sign-up is stored
// (chains/{chainId}/signUps/{id} created), at most once: its `mail.status` goes pending -> sending
// (in a transaction) -> sent | failed; a redelivered event finds it sending or finished and sends
// nothing. The link in it is signed (common/links.ts) and names the pending sign-up only.
import type { MailDataRequired } from '@sendgrid/mail';
import type { Firestore } from 'firebase-admin/firestore';
import type { Lang } from '../model/lang';
import { message } from '../model/messages';
import { publicLinks, SIGN_UP_TTL_MS, type PendingSignUpDoc } from '../model/signUp';
import { signLink } from '../common/links';
import { signUpEmailOutcome } from '../logs';
import { chainRef, signUpsOf } from '../store/refs';
import type { LinkDeps } from './footer';
import { DeliveryError, sendWithRetry, type Mailer } from './sendgrid';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function composeSignUpEmail(input: {
  to: string;
  firstName: string;
  lang: Lang;
  chainName: string;
  accentColor: string;
  link: string;
  from: string;
}): MailDataRequired {
  const t = (key: Parameters<typeof message>[1], p: Record<string, string> = {}) => message(input.lang, key, p);
  const colour = /^#[0-9a-fA-F]{6}$/.test(input.accentColor) ? input.accentColor : '#1a6b4f';
  return {
    to: input.to,
    from: input.from,
    subject: t('signUp.subject', { chain: input.chainName }),
    text: `${t('signUp.hello', { name: input.firstName })}\n\n${t('signUp.body', { chain: input.chainName })}\n\n${input.link}\n\n${t('signUp.ignore')}\n`,
    html:
      `<p>${escape(t('signUp.hello', { name: input.firstName }))}</p><p>${escape(t('signUp.body', { chain: input.chainName }))}</p>` +
      `<p><a href="${escape(input.link)}" style="background:${colour};color:#fff;padding:.6em 1em;border-radius:6px;text-decoration:none">${escape(t('signUp.button'))}</a></p>` +
      `<p style="font-size:small">${escape(t('signUp.ignore'))}</p>`,
    customArgs: { kind: 'signUp', lang: input.lang },
  } as MailDataRequired;
}

export interface SignUpMailDeps {
  db: Firestore;
  mailer: Mailer;
  from: string;
  retryBaseMs: number;
  links: LinkDeps;
}

export async function deliverSignUpEmail(deps: SignUpMailDeps, chainId: string, signUpId: string): Promise<void> {
  const { db } = deps;
  const ref = signUpsOf(db, chainId).doc(signUpId);
  const claimed = await db.runTransaction(async (tx) => {
    const doc = (await tx.get(ref)).data();
    if (!doc?.mail) return null; // confirmed, expired or erased meanwhile (or not a sign-up this code wrote)
    if (doc.mail.status !== 'pending') {
      // Interrupted while sending: whether SendGrid got it is unknown; never sent twice.
      if (doc.mail.status === 'sending') tx.update(ref, { mail: { status: 'failed', error: 'interrupted while sending' } });
      return null;
    }
    tx.update(ref, { mail: { status: 'sending' } });
    return doc;
  });
  if (!claimed) return;
  const chain = await chainRef(db, chainId).get();
  const token = await signLink(deps.links.secret, { kind: 'confirm', chainId, id: signUpId }, SIGN_UP_TTL_MS);
  const mail = composeSignUpEmail({
    to: claimed.email,
    firstName: claimed.firstName,
    lang: claimed.language,
    chainName: String(chain.get('name') ?? ''),
    accentColor: String(chain.get('settings.brand.accentColor') ?? ''),
    link: `${deps.links.publicUrl.replace(/\/+$/, '')}${publicLinks.confirm(chainId, token)}`,
    from: deps.from,
  });
  const settle = (mailState: PendingSignUpDoc['mail']) => ref.update({ mail: mailState }).catch(() => undefined); // gone meanwhile: nothing to record
  try {
    const sent = await sendWithRetry(deps.mailer, mail, { attempts: 4, baseDelayMs: deps.retryBaseMs });
    await settle({ status: 'sent' });
    signUpEmailOutcome(chainId, signUpId, 'sent', sent.attempts);
  } catch (err) {
    if (!(err instanceof DeliveryError)) throw err;
    await settle({ status: 'failed', error: err.message });
    signUpEmailOutcome(chainId, signUpId, 'failed', err.attempts, err.message);
  }
}
