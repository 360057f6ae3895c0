// Owners remove a location nothing uses (removeLocation), after an in-app confirmation; a location
// in use is refused by the server with the uses named, which the toast and the field say.
import { useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import { call, CallError, errorText } from '../../api';
import type { LocationDoc, WithId } from '../../data';
import { t } from '../../i18n';
import { confirmDialog, notify } from '../../ui/feedback';
import { Field } from '../../ui/forms';

export function LocationRemove({ chain, locations }: { chain: ChainSummary; locations: WithId<LocationDoc>[] }) {
  const [id, setId] = useState('');
  const [error, setError] = useState('');
  const current = locations.find((l) => l.id === id);

  async function remove(e: Event) {
    e.preventDefault();
    if (!current) return;
    setError('');
    const ok = await confirmDialog({
      title: t('locations.removeTitle'),
      body: t('locations.removeConfirm', { name: current.name }),
      confirmLabel: t('locations.remove'),
      danger: true,
    });
    if (!ok) return;
    try {
      await call('removeLocation', { chainId: chain.chainId, locationId: current.id });
      notify('ok', t('locations.removed', { name: current.name }));
      setId('');
    } catch (err) {
      const text = errorText(err);
      if (err instanceof CallError) setError(err.byField().locationId ?? text);
      notify('error', text);
    }
  }

  return (
    <form class="inline-form" aria-label={t('locations.removeTitle')} noValidate onSubmit={(e) => void remove(e)}>
      <Field label={t('locations.whichRemove')} error={error || undefined}>
        {(fieldId, errorId) => (
          <select id={fieldId} value={id} onChange={(e) => setId(e.currentTarget.value)} aria-invalid={error ? 'true' : undefined} aria-describedby={errorId}>
            <option value="">—</option>
            {locations.map((l) => (
              <option value={l.id}>{l.name}</option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" class="danger" disabled={!current}>
        {t('locations.remove')}
      </button>
    </form>
  );
}
