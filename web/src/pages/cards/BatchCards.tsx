// A batch's cards as a table: filters, orders (cardSort.ts, on the cards loaded), selection (a box per
// card, one for the whole page), row actions (bind one card by email, resend, revoke: revoke only on
// bound cards), revoking the selected bound cards at once, and giving the next free cards to a
// selection of customers (AssignCards).
import { useEffect, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import { formatCode, normalizeCode, type CardBatchDoc, type CardDoc, type CardStatus } from '@model/card';
import type { ChainSummary } from '@model/chain';
import { call, CallError, errorText } from '../../api';
import { useBatchCards, useDocData, type WithId } from '../../data';
import { lang, t, type MessageKey } from '../../i18n';
import { tp } from '../../i18n/plural';
import { Field, TextField } from '../../ui/forms';
import { confirmDialog, notify } from '../../ui/feedback';
import { emailStatusText } from './CardBatches';
import { AssignCards } from './AssignCards';
import { CARD_SORTS, sortCards, type CardSort } from './cardSort';

const PAGE = 50;

interface CardRowProps {
  chain: ChainSummary;
  card: WithId<CardDoc>;
  selected: boolean;
  onSelect: (on: boolean) => void;
  /** The bound customer's name as the order by customer compares it (last name, first name). */
  onName: (code: string, name: string | null) => void;
}

function CardRow({ chain, card, selected, onSelect, onName }: CardRowProps) {
  const [binding, setBinding] = useState(false);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const customer = useDocData<{ firstName: string; lastName: string }>(card.customerId ? paths.customer(chain.chainId, card.customerId) : null);
  useEffect(() => onName(card.code, customer ? `${customer.lastName} ${customer.firstName}` : null), [card.code, customer?.firstName, customer?.lastName]);
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
    <tr data-card={card.code} data-status={card.status}>
      <td>
        <input
          type="checkbox"
          checked={selected}
          onChange={(e) => onSelect(e.currentTarget.checked)}
          aria-label={t('cards.select', { code: formatCode(card.code) })}
        />
      </td>
      <td>
        <code>{formatCode(card.code)}</code>
      </td>
      <td>{t(`cards.status.${card.status}` as MessageKey)}</td>
      <td>{customer && <a href={`#/customers/${card.customerId}`}>{`${customer.firstName} ${customer.lastName}`}</a>}</td>
      <td class="email-status">{card.status === 'bound' && emailStatusText(card)}</td>
      <td class="row-actions">
        {card.status === 'unbound' && !binding && (
          <button type="button" onClick={() => setBinding(true)}>
            {t('cards.bindOpen')}
          </button>
        )}
        {card.status === 'unbound' && binding && (
          <form
            class="row-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => call('bindCard', { ...ref, email }), t('cards.bound', { name: email })).then((ok) => ok && (setEmail(''), setBinding(false)));
            }}
          >
            <TextField label={t('cards.bindEmail')} type="email" value={email} onValue={(v) => (setEmail(v), setError(undefined))} error={error} autoFocus />
            <button type="submit">{t('cards.bind')}</button>
          </form>
        )}
        {card.status === 'bound' && card.email?.status !== 'none' && (
          <button type="button" onClick={() => void act(() => call('resendCardEmail', ref), t('cards.email.pending'))}>
            {t('cards.resend')}
          </button>
        )}
        {card.status === 'bound' && (
          <button
            type="button"
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
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [sortBy, setSortBy] = useState<CardSort>('code');
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const loaded = useBatchCards(chain.chainId, batchId, status, normalizeCode(prefix), count) ?? [];
  const cards = sortCards(loaded, sortBy, names, lang.value);
  const onName = (code: string, name: string | null) =>
    setNames((prev) => {
      if ((prev.get(code) ?? null) === name) return prev;
      const next = new Map(prev);
      if (name === null) next.delete(code);
      else next.set(code, name);
      return next;
    });
  const shown = cards.filter((c) => selected.has(c.code));
  const boundSelected = shown.filter((c) => c.status === 'bound');
  const allOnPage = cards.length > 0 && shown.length === cards.length;

  const select = (code: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(code);
    else next.delete(code);
    setSelected(next);
  };

  async function revokeSelected() {
    const ok = await confirmDialog({
      title: t('cards.revokeTitle'),
      body: t('cards.revokeSelectedConfirm', { count: boundSelected.length }),
      confirmLabel: t('cards.revoke'),
      danger: true,
    });
    if (!ok) return;
    let done = 0;
    for (const card of boundSelected) {
      try {
        await call('revokeCard', { chainId: chain.chainId, code: card.code });
        done++;
      } catch (err) {
        notify('error', `${formatCode(card.code)}: ${errorText(err)}`);
      }
    }
    notify('ok', t('cards.revokedMany', { count: done }));
    setSelected(new Set());
  }

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
        <Field label={t('cardSort.label')} hint={cards.length === count ? t('cardSort.hint', { count: cards.length }) : undefined}>
          {(id) => (
            <select id={id} value={sortBy} data-card-sort onChange={(e) => setSortBy(e.currentTarget.value as CardSort)}>
              {CARD_SORTS.map((s) => (
                <option value={s}>{t(`cardSort.${s}`)}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {shown.length > 0 && (
        <div class="bulk-bar" role="group" aria-label={tp('cards.selected', shown.length)}>
          <span data-selected-count>{tp('cards.selected', shown.length)}</span>
          <button type="button" class="danger" disabled={boundSelected.length === 0} onClick={() => void revokeSelected()}>
            {t('cards.revokeSelected', { count: boundSelected.length })}
          </button>
        </div>
      )}
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('nav.cards')}>
        <table class="table card-table" aria-label={t('nav.cards')}>
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  checked={allOnPage}
                  onChange={(e) => setSelected(e.currentTarget.checked ? new Set(cards.map((c) => c.code)) : new Set())}
                  aria-label={t('cards.selectPage')}
                />
              </th>
              <th>{t('cards.col.code')}</th>
              <th>{t('cards.col.status')}</th>
              <th>{t('cards.col.customer')}</th>
              <th>{t('cards.col.email')}</th>
              <th>{t('list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {cards.map((card) => (
              <CardRow key={card.code} chain={chain} card={card} selected={selected.has(card.code)} onSelect={(on) => select(card.code, on)} onName={onName} />
            ))}
          </tbody>
        </table>
      </div>
      {cards.length === count && <button onClick={() => setCount(count + PAGE)}>{t('cards.more')}</button>}
      <AssignCards chain={chain} batchId={batchId} free={batch ? batch.size - batch.bound - batch.revoked : null} />
    </section>
  );
}
