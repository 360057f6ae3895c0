// The public sign-up page of a chain (`/join/{chainId}[/{locationId}]`, from the poster's QR code):
// first name, last name, email, optionally phone and birthday, language, one unticked box per
// consent channel in the chain's wording, and a honeypot field people never see.
import { useEffect, useState } from 'preact/hooks';
import { birthDateOf, type BirthdayParts } from '@model/birthday';
import { CONSENT_CHANNELS, type ConsentChannel } from '@model/customer';
import { problemMessage } from '@model/issues';
import { LANGS, type Lang } from '@model/lang';
import type { SignUpInfo } from '@model/signUp';
import { Banner, TextField } from '../ui/forms';
import { BirthdayField } from './BirthdayField';
import { callPublic } from './firebase';
import { chainLang, errorParts, pageLang, t, type PublicKey } from './i18n';
import { Shell } from './Shell';

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'birthDate', 'language'] as const;
/** The name an error message gives each field: its label (short form), never its path. */
const NAMES: Record<(typeof FIELDS)[number], PublicKey> = {
  firstName: 'public.firstName',
  lastName: 'public.lastName',
  email: 'public.email',
  phone: 'public.phoneName',
  birthDate: 'public.birthday',
  language: 'public.language',
};
const named = (path: string, text: string) => (path in NAMES ? `${t(NAMES[path as keyof typeof NAMES])}: ${text}` : text);

export function SignUpPage({ chainId, locationId }: { chainId: string; locationId?: string | undefined }) {
  const [info, setInfo] = useState<SignUpInfo | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', phone: '', website: '' });
  const [birthday, setBirthday] = useState<BirthdayParts>({ day: '', month: '', year: '' });
  const [language, setLanguage] = useState<Lang | null>(null);
  const [consent, setConsent] = useState<Partial<Record<ConsentChannel, boolean>>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  useEffect(() => {
    callPublic<SignUpInfo>('signUpInfo', { chainId, ...(locationId ? { locationId } : {}) }).then(
      (i) => {
        chainLang.value = i.language;
        setInfo(i);
      },
      (err: unknown) => setFailure(errorParts(err).text || Object.values(errorParts(err).fields).join(' · ')),
    );
  }, [chainId, locationId]);

  if (failure) return <Shell name="regulars">{<Banner kind="error">{failure}</Banner>}</Shell>;
  if (!info) return <p class="loading">{t('public.loading')}</p>;
  const lang = pageLang();
  /** What a text field of the form is bound to: its name, value, error and change. */
  const bound = (field: 'firstName' | 'lastName' | 'email' | 'phone') => ({
    name: field,
    value: form[field],
    error: errors[field],
    onValue: (v: string) => setForm({ ...form, [field]: v }),
  });

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    const birthDate = birthDateOf(birthday);
    if (!birthDate.ok) {
      // Checked here first (the server checks it again): 31 February never leaves the page.
      setErrors({ birthDate: named('birthDate', problemMessage(lang, birthDate.problem)) });
      setBusy(false);
      return;
    }
    try {
      await callPublic('signUp', { chainId, ...(locationId ? { locationId } : {}), ...form, birthDate: birthDate.value, language: language ?? lang, consent });
      setSentTo(form.email);
    } catch (err) {
      const { fields, text } = errorParts(err);
      const onPage = Object.fromEntries(
        Object.entries(fields)
          .filter(([path]) => (FIELDS as readonly string[]).includes(path))
          .map(([path, text]) => [path, named(path, text)]),
      );
      const elsewhere = Object.entries(fields).filter(([path]) => !(path in onPage));
      setErrors(onPage);
      if (text || elsewhere.length) setFailure([text, ...elsewhere.map(([, m]) => m)].filter(Boolean).join(' · '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Shell name={info.name} logoUrl={info.logoUrl} accentColor={info.accentColor}>
      <h1>{t('public.signUpTitle', { chain: info.name })}</h1>
      {info.locationName && <p class="hint">{t('public.at', { location: info.locationName })}</p>}
      {sentTo ? (
        <Banner kind="ok">{t('public.checkEmail', { email: sentTo })}</Banner>
      ) : (
        <form class="card" onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('public.signUpIntro')}</p>
          {failure && <Banner kind="error">{failure}</Banner>}
          <TextField label={t('public.firstName')} autocomplete="given-name" required maxLength={127} {...bound('firstName')} />
          <TextField label={t('public.lastName')} autocomplete="family-name" required maxLength={127} {...bound('lastName')} />
          <TextField label={t('public.email')} type="email" autocomplete="email" required maxLength={127} {...bound('email')} />
          <TextField label={t('public.phone')} type="tel" autocomplete="tel" maxLength={40} {...bound('phone')} />
          <BirthdayField value={birthday} error={errors.birthDate} onValue={setBirthday} />
          <label class="public-field">
            {t('public.language')}
            <select name="language" value={language ?? lang} onChange={(e) => setLanguage(e.currentTarget.value as Lang)}>
              {LANGS.map((l) => (
                <option value={l}>{new Intl.DisplayNames([l], { type: 'language' }).of(l)}</option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>{t('public.permissions')}</legend>
            {CONSENT_CHANNELS.map((ch) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  name={`consent-${ch}`}
                  checked={consent[ch] === true}
                  onChange={(e) => setConsent({ ...consent, [ch]: e.currentTarget.checked })}
                />
                {info.consentWording[ch][lang]}
              </label>
            ))}
          </fieldset>
          {/* The honeypot: hidden from people (and from screen readers); bots fill it. */}
          <div class="public-trap" aria-hidden="true">
            <label>
              {t('public.website')}
              <input
                name="website"
                tabIndex={-1}
                autocomplete="off"
                value={form.website}
                onInput={(e) => setForm({ ...form, website: e.currentTarget.value })}
              />
            </label>
          </div>
          <small class="hint">{t('public.privacy')}</small>
          <button type="submit" disabled={busy}>
            {busy ? t('public.sending') : t('public.submit')}
          </button>
        </form>
      )}
    </Shell>
  );
}
