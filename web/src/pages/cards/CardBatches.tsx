// Back office: card batches (create, counts, CSV for the printer); a batch's cards are BatchCards.tsx.
import { useState } from 'preact/hooks';
import type { CardDoc } from '@model/card';
import type { ChainSummary } from '@model/chain';
import { call, CallError, errorText } from '../../api';
import { useCardBatches } from '../../data';
import { downloadFromStorage } from '../../download';
import { t, type MessageKey } from '../../i18n';
import { TextField } from '../../ui/forms';
import { notify } from '../../ui/feedback';

export function emailStatusText(card: Pick<CardDoc, 'email'>): string {
  const e = card.email ?? { status: 'none' };
  return t(`cards.email.${e.status}` as MessageKey, { error: e.error ?? '' });
}

export function CardBatches({ chain }: { chain: ChainSummary }) {
  const batches = useCardBatches(chain.chainId) ?? [];
  const [name, setName] = useState('');
  const [size, setSize] = useState('100');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const r = await call('createCardBatch', { chainId: chain.chainId, name, size: Number(size) });
      notify('ok', t('cards.created', { size: r.size }));
      setName('');
    } catch (err) {
      if (err instanceof CallError) setErrors(err.byField());
      notify('error', errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function exportCsv(batchId: string) {
    try {
      const r = await call('exportCardBatch', { chainId: chain.chainId, batchId });
      await downloadFromStorage(r.path, r.fileName);
    } catch (err) {
      notify('error', errorText(err));
    }
  }

  return (
    <section class="card">
      <h1>{t('cards.title')}</h1>
      {batches.length === 0 ? (
        <p class="muted">{t('cards.none')}</p>
      ) : (
        <table class="table" aria-label={t('cards.title')}>
          <thead>
            <tr>
              <th>{t('cards.col.batch')}</th>
              <th>{t('cards.col.total')}</th>
              <th>{t('cards.col.bound')}</th>
              <th>{t('cards.col.revoked')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr data-batch={b.name}>
                <td>
                  <a href={`#/cards/${b.id}`}>{b.name}</a>
                </td>
                <td>{b.size}</td>
                <td>{b.bound}</td>
                <td>{b.revoked}</td>
                <td>
                  {/* The digital batch (self sign-up) is never printed: no print file. */}
                  {b.kind !== 'digital' && <button onClick={() => void exportCsv(b.id)}>{t('cards.exportCsv')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="inline-form" onSubmit={create} aria-label={t('cards.create')}>
        <h2>{t('cards.create')}</h2>
        <TextField label={t('cards.name')} value={name} onValue={setName} error={errors.name} required />
        <TextField label={t('cards.size')} type="number" value={size} onValue={setSize} error={errors.size} required />
        <button type="submit" class="primary" disabled={busy}>
          {t('cards.create')}
        </button>
      </form>
    </section>
  );
}

export { BatchCards } from './BatchCards';
