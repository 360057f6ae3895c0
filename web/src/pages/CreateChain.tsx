import { useRef, useState } from 'preact/hooks';
import { CreateChainInput } from '@model/chain';
import { validate } from '@model/issues';
import { LANGS } from '@model/lang';
import { call } from '../api';
import { lang, problemText, t } from '../i18n';
import { browserCountry, browserLanguage, countryOptions } from '../ui/locale';
import { callRefused, refuseForm } from '../ui/refusal';
import { EmailVerification } from '../ui/EmailVerification';
import { refreshChains, selectChain } from '../state';
import { Field, TextField } from '../ui/forms';

export function CreateChain({ first }: { first: boolean }) {
  const [name, setName] = useState('');
  const [locations, setLocations] = useState('');
  // Proposed from the browser's locale (`fr-CH`: Switzerland, French); the chain's settings afterwards.
  const [country, setCountry] = useState(browserCountry);
  const [language, setLanguage] = useState(() => browserLanguage(lang.value));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  /** The form's labels: a refusal names these, never `name` or `locations.0`. */
  const labels = () => ({ name: t('chain.name'), locations: t('chain.locations'), country: t('settings.country'), language: t('settings.language') });
  /** Problems by field, all locations' problems on the one locations box. */
  const byBox = (byPath: Record<string, string>) =>
    Object.fromEntries(Object.entries(byPath).map(([path, text]) => [path.startsWith('locations') ? 'locations' : path, text]));

  async function submit(e: Event) {
    e.preventDefault();
    const lines = locations
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    // The shared schema first, in the form: nothing is sent while a field is wrong.
    const input = { name, locations: lines, ...(country ? { country } : {}), language };
    const checked = validate(CreateChainInput, input, lang.value);
    if (!checked.ok) {
      const found = byBox(Object.fromEntries(checked.problems.map((p) => [p.path, problemText(p)])));
      setErrors(found);
      refuseForm(formRef.current, Object.keys(found), labels());
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const { chainId } = await call('createChain', input);
      await refreshChains();
      selectChain(chainId);
      location.hash = '/';
    } catch (err) {
      setErrors(byBox(callRefused(err, formRef.current, labels())));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card narrow">
      <h1>{t('chain.create')}</h1>
      {first && <p>{t('chain.createFirst')}</p>}
      <EmailVerification />
      <form ref={formRef} onSubmit={submit} noValidate>
        <TextField label={t('chain.name')} name="name" value={name} onValue={setName} error={errors.name} required />
        <Field label={t('chain.locations')} error={errors.locations}>
          {(id, describedBy) => (
            <textarea
              id={id}
              name="locations"
              rows={3}
              value={locations}
              aria-invalid={errors.locations ? 'true' : undefined}
              aria-describedby={describedBy}
              onInput={(e) => setLocations(e.currentTarget.value)}
            />
          )}
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
