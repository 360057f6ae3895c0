// Whether the signed-in user's email is verified, and a way to verify it: owners add members by
// verified email only, so whoever registered an address first cannot take someone else's place.
import { useState } from 'preact/hooks';
import { sendEmailVerification } from 'firebase/auth';
import { auth } from '../firebase';
import { t } from '../i18n';
import { user } from '../state';

export function EmailVerification() {
  const current = user.value;
  const [verified, setVerified] = useState(current?.emailVerified ?? false);
  const [state, setState] = useState<'idle' | 'sent' | 'still' | 'failed'>('idle');
  if (!current) return null;
  if (verified) {
    return (
      <p class="email-status ok" role="status">
        {t('account.emailVerified', { email: current.email ?? '' })}
      </p>
    );
  }

  async function send() {
    try {
      await sendEmailVerification(auth.currentUser!);
      setState('sent');
    } catch {
      setState('failed');
    }
  }

  async function check() {
    await auth.currentUser!.reload();
    if (auth.currentUser!.emailVerified) {
      await auth.currentUser!.getIdToken(true);
      setVerified(true);
    } else setState('still');
  }

  return (
    <div class="email-status" role="region" aria-label={t('account.emailTitle')}>
      <p role="status">{t('account.emailNotVerified', { email: current.email ?? '' })}</p>
      {state === 'sent' && <p>{t('account.verificationSent', { email: current.email ?? '' })}</p>}
      {state === 'still' && <p>{t('account.stillNotVerified')}</p>}
      {state === 'failed' && <p role="alert">{t('account.verificationFailed')}</p>}
      <button type="button" onClick={() => void send()}>
        {t('account.sendVerification')}
      </button>{' '}
      <button type="button" class="link" onClick={() => void check()}>
        {t('account.checkVerified')}
      </button>
    </div>
  );
}
