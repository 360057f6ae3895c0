// Giving cards to the customer list's selection (owners and managers; CustomerList shows the boxes
// and this bar to them only): "Assign cards from batch…" opens a picker of the batches with free
// cards, then one assignCards call with the selected customers (at most MAX_ASSIGN). The summary goes
// to the status region (notify), and each customer that got no card is listed here with the reason.
import { useState } from 'preact/hooks';
import { MAX_ASSIGN, type AssignCardsResult } from '@model/card';
import type { ChainSummary } from '@model/chain';
import { problemMessage } from '@model/issues';
import { call, errorText } from '../../api';
import { useCardBatches } from '../../data';
import { lang, t } from '../../i18n';
import { tp } from '../../i18n/plural';
import { notify } from '../../ui/feedback';
import { Field } from '../../ui/forms';

interface Props {
  chain: ChainSummary;
  /** Selected customers: id → name as the list shows it. */
  selected: ReadonlyMap<string, string>;
  /** The selection after an assignment (the customers that got no card), or empty. */
  onSelected: (next: Map<string, string>) => void;
}

export function BulkAssign({ chain, selected, onSelected }: Props) {
  const [open, setOpen] = useState(false);
  const [batchId, setBatchId] = useState('');
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ name: string; reason: string }[]>([]);
  const batches = (useCardBatches(chain.chainId) ?? [])
    .filter((b) => b.status === 'ready' && b.kind !== 'digital')
    .map((b) => ({ id: b.id, name: b.name, free: b.size - b.bound - b.revoked }))
    .filter((b) => b.free > 0);
  const chosen = batches.find((b) => b.id === batchId) ?? batches[0];
  const count = selected.size;

  async function assign(e: Event) {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    try {
      const names = new Map(selected);
      const r: AssignCardsResult = await call('assignCards', { chainId: chain.chainId, batchId: chosen.id, customerIds: [...selected.keys()] });
      const summary = [tp('bulk.given', r.assigned.length), ...(r.failed.length ? [tp('bulk.refused', r.failed.length)] : [])].join(' · ');
      notify(r.failed.length ? 'error' : 'ok', `${summary}.`);
      setRefused(r.failed.map((f) => ({ name: names.get(f.customerId) ?? f.customerId, reason: problemMessage(lang.value, f.key) })));
      onSelected(new Map([...names].filter(([id]) => r.failed.some((f) => f.customerId === id))));
      if (!r.failed.length) setOpen(false);
    } catch (err) {
      notify('error', errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="bulk-assign">
      {count > 0 && (
        <div class="bulk-bar" role="group" aria-label={tp('bulk.selected', count)}>
          <span data-bulk-count>{tp('bulk.selected', count)}</span>
          <button type="button" onClick={() => (setOpen(true), setRefused([]))} aria-expanded={open}>
            {t('bulk.open')}
          </button>
          <button type="button" class="link" onClick={() => (onSelected(new Map()), setOpen(false))}>
            {t('bulk.clear')}
          </button>
        </div>
      )}
      {open && count > 0 && (
        <form class="bulk-panel" aria-label={t('bulk.title')} onSubmit={(e) => void assign(e)}>
          <h2>{t('bulk.title')}</h2>
          {chosen ? (
            <Field
              label={t('bulk.batch')}
              hint={chosen.free < count ? t('bulk.tooFew', { free: chosen.free, count }) : undefined}
              error={count > MAX_ASSIGN ? t('bulk.tooMany', { max: MAX_ASSIGN }) : undefined}
            >
              {(id) => (
                <select id={id} value={chosen.id} onChange={(e) => setBatchId(e.currentTarget.value)}>
                  {batches.map((b) => (
                    <option value={b.id}>{t('bulk.batchOption', { name: b.name, free: b.free })}</option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <p class="muted">{t('bulk.noBatch')}</p>
          )}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || !chosen || count > MAX_ASSIGN}>
              {tp('bulk.submit', count)}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('bulk.cancel')}
            </button>
          </div>
        </form>
      )}
      {refused.length > 0 && (
        <div role="status" class="bulk-refused" data-bulk-refused>
          <p>{tp('bulk.refused', refused.length)}:</p>
          <ul>
            {refused.map((f) => (
              <li>
                {f.name}: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

const rowName = (r: { firstName: string; lastName: string; company: string }) => `${r.firstName} ${r.lastName}`.trim() || r.company;
type Row = { customerId: string; firstName: string; lastName: string; company: string };

/** The box selecting one customer of the list (its table row, or its card on a phone). */
export function SelectCustomer({ row, selected, onSelected }: { row: Row } & Omit<Props, 'chain'>) {
  return (
    <input
      type="checkbox"
      class="select-customer"
      data-select-customer={row.customerId}
      checked={selected.has(row.customerId)}
      aria-label={t('bulk.selectCustomer', { name: rowName(row) })}
      onChange={(e) => {
        const next = new Map(selected);
        if (e.currentTarget.checked) next.set(row.customerId, rowName(row));
        else next.delete(row.customerId);
        onSelected(next);
      }}
    />
  );
}

/** The box selecting (or unselecting) every customer of the page shown. */
export function SelectPage({ rows, selected, onSelected }: { rows: Row[] } & Omit<Props, 'chain'>) {
  const all = rows.length > 0 && rows.every((r) => selected.has(r.customerId));
  return (
    <input
      type="checkbox"
      checked={all}
      aria-label={t('bulk.selectPage')}
      onChange={(e) => {
        const next = new Map(selected);
        for (const r of rows) {
          if (e.currentTarget.checked) next.set(r.customerId, rowName(r));
          else next.delete(r.customerId);
        }
        onSelected(next);
      }}
    />
  );
}
