// Managers add and rename the chain's locations (saveLocation); owners also remove one (LocationRemove).
import { useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import { call, CallError, errorText } from '../../api';
import type { LocationDoc, WithId } from '../../data';
import { t } from '../../i18n';
import { focusFirstInvalid, notify } from '../../ui/feedback';
import { Field, TextField } from '../../ui/forms';
import { LocationRemove } from './LocationRemove';

export function LocationsEditor({ chain, locations }: { chain: ChainSummary; locations: WithId<LocationDoc>[] }) {
  const [name, setName] = useState('');
  const [renameId, setRenameId] = useState('');
  const [newName, setNewName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function save(e: Event, input: { locationId?: string; name: string; address?: string }, done: () => void, ok: string) {
    e.preventDefault();
    setErrors({});
    try {
      await call('saveLocation', { chainId: chain.chainId, ...input });
      notify('ok', ok);
      done();
    } catch (err) {
      if (err instanceof CallError) {
        setErrors(err.byField());
        focusFirstInvalid();
      }
      notify('error', errorText(err));
    }
  }

  const current = locations.find((l) => l.id === renameId);
  return (
    <div class="locations-editor">
      <form
        class="inline-form"
        aria-label={t('locations.add')}
        noValidate
        onSubmit={(e) => void save(e, { name }, () => setName(''), t('locations.added', { name }))}
      >
        <TextField label={t('locations.name')} value={name} onValue={setName} error={errors.name} required />
        <button type="submit">{t('locations.add')}</button>
      </form>
      {locations.length > 0 && (
        <form
          class="inline-form"
          aria-label={t('locations.rename')}
          noValidate
          onSubmit={(e) =>
            current
              ? void save(
                  e,
                  { locationId: current.id, name: newName, address: current.address ?? '' },
                  () => setNewName(''),
                  t('locations.renamed', { name: newName }),
                )
              : e.preventDefault()
          }
        >
          <Field label={t('locations.which')}>
            {(id) => (
              <select id={id} value={renameId} onChange={(e) => setRenameId(e.currentTarget.value)}>
                <option value="">—</option>
                {locations.map((l) => (
                  <option value={l.id}>{l.name}</option>
                ))}
              </select>
            )}
          </Field>
          <TextField label={t('locations.newName')} value={newName} onValue={setNewName} error={renameId ? errors.name : undefined} />
          <button type="submit" disabled={!current}>
            {t('locations.rename')}
          </button>
        </form>
      )}
      {locations.length > 0 && chain.role === 'owner' && <LocationRemove chain={chain} locations={locations} />}
    </div>
  );
}
