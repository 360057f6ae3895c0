import { useState } from 'preact/hooks';
import { call, CallError, errorText } from '../api';
import { LANGS } from '@model/lang';
import { lang, t } from '../i18n';
import { browserCountry, browserLanguage, countryOptions } from '../ui/locale';
import { EmailVerification } from '../ui/EmailVerification';
import { refreshChains, selectChain } from '../state';
import { Banner, Field, TextField } from '../ui/forms';

export function CreateChain({ first }: { first: boolean }) {
  const [name, setName] = useState('');
  const [locations, setLocations] = useState('');
  // Proposed from the browser's locale (`fr-CH`: Switzerland, French); the chain's settings afterwards.
  const [country, setCountry] = useState(browserCountry);
  const [language, setLanguage] = useState(() => browserLanguage(lang.value));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setBanner(null);
    try {
      const lines = locations
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      const { chainId } = await call('createChain', { name, locations: lines, ...(country ? { country } : {}), language });
      await refreshChains();
      selectChain(chainId);
      location.hash = '/';
    } catch (err) {
      if (err instanceof CallError) setErrors(err.byField());
      setBanner(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card narrow">
      <h1>{t('chain.create')}</h1>
      {first && <p>{t('chain.createFirst')}</p>}
      <EmailVerification />
      {banner && <Banner kind="error">{banner}</Banner>}
      <form onSubmit={submit}>
        <TextField label={t('chain.name')} value={name} onValue={setName} error={errors.name} required />
        <Field label={t('chain.locations')} error={errors['locations.0']}>
          {(id) => <textarea id={id} rows={3} value={locations} onInput={(e) => setLocations(e.currentTarget.value)} />}
        </Field>
        <Field label={t('settings.country')} hint={t('chain.countryHint')} error={errors.country}>
          {(id) => (
            <select id={id} name="country" value={country} onChange={(e) => setCountry(e.currentTarget.value)}>
              <option value="">{t('settings.noCountry')}</option>
              {countryOptions(lang.value).map((c) => (
                <option value={c.code}>{c.name}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('settings.language')} hint={t('settings.languageHint')} error={errors.language}>
          {(id) => (
            <select id={id} name="language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as typeof language)}>
              {LANGS.map((l) => (
                <option value={l}>{new Intl.DisplayNames([l], { type: 'language' }).of(l)}</option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {t('chain.create')}
        </button>
      </form>
    </section>
  );
}
