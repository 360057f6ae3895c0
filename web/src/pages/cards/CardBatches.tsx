// Back office: card batches (create, counts, CSV for the printer) and a batch's cards.
import { useState } from 'preact/hooks';
import { paths } from '@model/paths';
import { formatCode, normalizeCode, type CardBatchDoc, type CardDoc, type CardStatus } from '@model/card';
import type { ChainSummary } from '@model/chain';
import { call, CallError, errorText } from '../../api';
import { useBatchCards, useCardBatches, useDocData, type WithId } from '../../data';
import { downloadFromStorage } from '../../download';
import { t, type MessageKey } from '../../i18n';
import { TextField } from '../../ui/forms';
import { confirmDialog, notify } from '../../ui/feedback';

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

const PAGE = 50;

function CardRow({ chain, card }: { chain: ChainSummary; card: WithId<CardDoc> }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const customer = useDocData<{ firstName: string; lastName: string }>(card.customerId ? paths.customer(chain.chainId, card.customerId) : null);
  const act = async (run: () => Promise<unknown>, ok: string) => {
    setError(undefined);
    try {
      await run();
      notify('ok', ok);
      return true;
    } catch (err) {
      if (err instanceof CallError) setError(err.byField().email ?? err.byField().code);
      notify('error', errorText(err));
      return false;
    }
  };
  const ref = { chainId: chain.chainId, code: card.code };
  return (
    <tr data-card={card.code}>
      <td>
        <code>{formatCode(card.code)}</code>
      </td>
      <td>{t(`cards.status.${card.status}` as MessageKey)}</td>
      <td>{customer && <a href={`#/customers/${card.customerId}`}>{`${customer.firstName} ${customer.lastName}`}</a>}</td>
      <td class="email-status">{card.status === 'bound' && emailStatusText(card)}</td>
      <td>
        {card.status === 'unbound' && (
          <form
            class="row-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => call('bindCard', { ...ref, email }), t('cards.bound', { name: email })).then((ok) => ok && setEmail(''));
            }}
          >
            <TextField label={t('cards.bindEmail')} type="email" value={email} onValue={(v) => (setEmail(v), setError(undefined))} error={error} />
            <button type="submit">{t('cards.bind')}</button>
          </form>
        )}
        {card.status === 'bound' && card.email?.status !== 'none' && (
          <button onClick={() => void act(() => call('resendCardEmail', ref), t('cards.email.pending'))}>{t('cards.resend')}</button>
        )}
        {card.status === 'bound' && (
          <button
            class="danger"
            onClick={async () => {
              const ok = await confirmDialog({
                title: t('cards.revokeTitle'),
                body: t('cards.revokeConfirm', { code: formatCode(card.code) }),
                confirmLabel: t('cards.revoke'),
                danger: true,
              });
              if (ok) await act(() => call('revokeCard', ref), t('cards.revoked'));
            }}
          >
            {t('cards.revoke')}
          </button>
        )}
      </td>
    </tr>
  );
}

export function BatchCards({ chain, batchId }: { chain: ChainSummary; batchId: string }) {
  const batch = useDocData<CardBatchDoc>(paths.cardBatch(chain.chainId, batchId));
  const [status, setStatus] = useState<CardStatus | ''>('');
  const [prefix, setPrefix] = useState('');
  const [count, setCount] = useState(PAGE);
  const cards = useBatchCards(chain.chainId, batchId, status, normalizeCode(prefix), count) ?? [];

  return (
    <section class="card">
      <h1>{t('cards.batchTitle', { name: batch?.name ?? '' })}</h1>
      <div class="filter-grid">
        <label class="field">
          <span>{t('cards.filterStatus')}</span>
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as CardStatus | '')} aria-label={t('cards.filterStatus')}>
            <option value="">{t('cards.all')}</option>
            {(['unbound', 'bound', 'revoked'] as const).map((s) => (
              <option value={s}>{t(`cards.status.${s}`)}</option>
            ))}
          </select>
        </label>
        <TextField label={t('cards.searchCode')} value={prefix} onValue={setPrefix} />
      </div>
      <table class="table" aria-label={t('nav.cards')}>
        <thead>
          <tr>
            <th>{t('cards.col.code')}</th>
            <th>{t('cards.col.status')}</th>
            <th>{t('cards.col.customer')}</th>
            <th>{t('cards.col.email')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {cards.map((card) => (
            <CardRow key={card.code} chain={chain} card={card} />
          ))}
        </tbody>
      </table>
      {cards.length === count && <button onClick={() => setCount(count + PAGE)}>{t('cards.more')}</button>}
    </section>
  );
}
