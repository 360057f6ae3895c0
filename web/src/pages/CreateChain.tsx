import { useState } from 'preact/hooks';
import { call, CallError, errorText } from '../api';
import { t } from '../i18n';
import { EmailVerification } from '../ui/EmailVerification';
import { refreshChains, selectChain } from '../state';
import { Banner, Field, TextField } from '../ui/forms';

export function CreateChain({ first }: { first: boolean }) {
  const [name, setName] = useState('');
  const [locations, setLocations] = useState('');
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
      const { chainId } = await call('createChain', { name, locations: lines });
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
        <button type="submit" class="primary" disabled={busy}>
          {t('chain.create')}
        </button>
      </form>
    </section>
  );
}
