// The customer's preferences page (`/me/{chainId}#t=…`, linked from every customer email): the data
// the chain holds about them, and each contact permission granted or withdrawn.
import { useEffect, useState } from 'preact/hooks';
import { formatBirthday } from '@model/birthday';
import { CONSENT_CHANNELS, type ConsentChannel } from '@model/customer';
import type { Preferences } from '@model/signUp';
import { Banner } from '../ui/forms';
import { callPublic } from './firebase';
import { chainLang, errorParts, pageLang, t } from './i18n';
import { Shell } from './Shell';

export function PreferencesPage({ chainId, token }: { chainId: string; token: string | null }) {
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [consent, setConsent] = useState<Record<ConsentChannel, boolean>>({ email: false, postalMail: false, phone: false });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(token ? null : { kind: 'error', text: t('public.badLink') });

  const failed = (err: unknown) => {
    const { fields, text } = errorParts(err);
    setMessage({ kind: 'error', text: [text, ...Object.values(fields)].filter(Boolean).join(' · ') });
  };
  useEffect(() => {
    if (!token) return;
    callPublic<Preferences>('getPreferences', { chainId, token }).then((p) => {
      if (p.language) chainLang.value = p.language;
      setPrefs(p);
      setConsent(Object.fromEntries(CONSENT_CHANNELS.map((ch) => [ch, p.consent[ch] === true])) as Record<ConsentChannel, boolean>);
    }, failed);
  }, [chainId, token]);

  async function save(e: Event) {
    e.preventDefault();
    setMessage(null);
    try {
      await callPublic('savePreferences', { chainId, token, consent });
      setMessage({ kind: 'ok', text: t('public.saved') });
    } catch (err) {
      failed(err);
    }
  }

  if (!prefs) return <Shell name="">{message ? <Banner kind={message.kind}>{message.text}</Banner> : <p class="loading">{t('public.loading')}</p>}</Shell>;
  const lang = pageLang();
  const none = t('public.none');
  return (
    <Shell name={prefs.chainName} logoUrl={prefs.logoUrl} accentColor={prefs.accentColor}>
      <h1>{t('public.prefsTitle', { chain: prefs.chainName })}</h1>
      <p>{t('public.prefsIntro', { chain: prefs.chainName })}</p>
      <dl class="card public-data">
        <dt>{t('public.name')}</dt>
        <dd>{`${prefs.firstName} ${prefs.lastName}`}</dd>
        <dt>{t('public.email')}</dt>
        <dd>{prefs.email || none}</dd>
        <dt>{t('public.phone')}</dt>
        <dd>{prefs.phone || none}</dd>
        <dt>{t('public.birthDate')}</dt>
        <dd>{prefs.birthDate ? formatBirthday(prefs.birthDate, lang) : none}</dd>
        <dt>{t('public.language')}</dt>
        <dd>{prefs.language ? new Intl.DisplayNames([lang], { type: 'language' }).of(prefs.language) : none}</dd>
      </dl>
      {prefs.cards.length > 0 && (
        <section class="card public-cards">
          <h2>{t('public.cards')}</h2>
          <ul>
            {prefs.cards.map((card) => (
              <li data-card={card.start}>
                <span>{t('public.card', { code: card.start })}</span>{' '}
                {card.apple && (
                  <a href={card.apple} data-wallet="apple">
                    {t('public.addApple')}
                  </a>
                )}
                {card.google && (
                  <a href={card.google} data-wallet="google">
                    {t('public.addGoogle')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <form class="card" onSubmit={(e) => void save(e)}>
        <fieldset>
          <legend>{t('public.permissions')}</legend>
          {CONSENT_CHANNELS.map((ch) => (
            <label class="checkbox">
              <input type="checkbox" name={`consent-${ch}`} checked={consent[ch]} onChange={(e) => setConsent({ ...consent, [ch]: e.currentTarget.checked })} />
              {prefs.consentWording[ch][lang]}
            </label>
          ))}
        </fieldset>
        {message && <Banner kind={message.kind}>{message.text}</Banner>}
        <button type="submit">{t('public.save')}</button>
      </form>
    </Shell>
  );
}
