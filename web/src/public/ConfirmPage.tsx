// The confirmation link of the sign-up email (`/join/{chainId}/confirm#t=…`): nothing happens until
// the button is pressed (a mail scanner opening the link confirms nothing).
import { useState } from 'preact/hooks';
import { Banner } from '../ui/forms';
import { callPublic } from './firebase';
import { errorParts, t } from './i18n';
import { Shell } from './Shell';

export function ConfirmPage({ chainId, token }: { chainId: string; token: string | null }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  async function confirm() {
    setState('busy');
    setFailure(null);
    try {
      await callPublic('confirmSignUp', { chainId, token });
      setState('done');
    } catch (err) {
      const { fields, text } = errorParts(err);
      setFailure([text, ...Object.values(fields)].filter(Boolean).join(' · '));
      setState('idle');
    }
  }
  return (
    <Shell name="">
      <h1>{t('public.confirmTitle')}</h1>
      {!token && <Banner kind="error">{t('public.badLink')}</Banner>}
      {failure && <Banner kind="error">{failure}</Banner>}
      {state === 'done' ? (
        <Banner kind="ok">{t('public.confirmed')}</Banner>
      ) : (
        token && (
          <button type="button" disabled={state === 'busy'} onClick={() => void confirm()}>
            {t('public.confirm')}
          </button>
        )
      )}
    </Shell>
  );
}
