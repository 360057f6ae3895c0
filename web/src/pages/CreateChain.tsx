import { useRef, useState } from 'preact/hooks';
import { CreateChainInput } from '@model/chain';
import { validate } from '@model/issues';
import { call } from '../api';
import { lang, problemText, t } from '../i18n';
import { callRefused, refuseForm } from '../ui/refusal';
import { EmailVerification } from '../ui/EmailVerification';
import { refreshChains, selectChain } from '../state';
import { Field, TextField } from '../ui/forms';

export function CreateChain({ first }: { first: boolean }) {
  const [name, setName] = useState('');
  const [locations, setLocations] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  /** The form's labels: a refusal names these, never `name` or `locations.0`. */
  const labels = () => ({ name: t('chain.name'), locations: t('chain.locations') });
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
    const checked = validate(CreateChainInput, { name, locations: lines }, lang.value);
    if (!checked.ok) {
      const found = byBox(Object.fromEntries(checked.problems.map((p) => [p.path, problemText(p)])));
      setErrors(found);
      refuseForm(formRef.current, Object.keys(found), labels());
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const { chainId } = await call('createChain', { name, locations: lines });
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
        <button type="submit" class="primary" disabled={busy}>
          {t('chain.create')}
        </button>
      </form>
    </section>
  );
}
